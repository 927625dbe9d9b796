// Reads logged without holding a thread. While a request is handled on a worker, record_read()
// hands its journal entry over and returns at once; the answer then waits for the entry to be
// durable — in the connection's coroutine, not on a worker — and is not sent if logging failed.
// A read shown is still a read logged (decision 004); the worker is free for the next request
// meanwhile, so reads are committed in large groups instead of one fsync per worker.
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace musubi::audit {

// The reads of one request that are on their way to the journal. Owned by shared_ptr: the
// journal's callbacks keep it alive even if the connection has gone.
class ReadLogWait : public std::enable_shared_from_this<ReadLogWait> {
 public:
  // One more entry to wait for; call the returned function once it is durable (or failed).
  std::function<void(std::exception_ptr)> expect();
  // Calls `done` once every expected entry is durable: nullptr, or the first failure. At once
  // when nothing is pending. `done` may run on another thread.
  void when_logged(std::function<void(std::exception_ptr)> done);
  bool pending() const;

 private:
  void settle(const std::exception_ptr& error);
  mutable std::mutex mutex_;
  int outstanding_ = 0;
  std::exception_ptr error_;
  std::vector<std::function<void(std::exception_ptr)>> waiters_;
};

// While it lives, record_read() on this thread defers to `wait` instead of blocking.
class DeferReadLogs {
 public:
  explicit DeferReadLogs(std::shared_ptr<ReadLogWait> wait);
  ~DeferReadLogs();
  DeferReadLogs(const DeferReadLogs&) = delete;
  DeferReadLogs& operator=(const DeferReadLogs&) = delete;

  // The wait of the scope active on this thread, if any.
  static ReadLogWait* current();

 private:
  std::shared_ptr<ReadLogWait> wait_;
  ReadLogWait* previous_;
};

}  // namespace musubi::audit
