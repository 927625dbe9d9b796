// A fixed set of threads with a bounded queue, for work that must not run on the I/O threads
// (password hashing, PDF and image rendering, imports, large fan-out writes). A job beyond the
// bound is refused at once, so the caller can answer 503 instead of letting requests pile up.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace musubi {

class WorkPool {
 public:
  // `threads` run jobs; up to `queue_limit` more wait for one of them.
  WorkPool(std::string name, std::size_t threads, std::size_t queue_limit);
  ~WorkPool();  // finishes the jobs already accepted, then joins
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // False, and `job` is dropped, when every thread is busy and the queue is full.
  bool try_submit(std::function<void()> job);

  const std::string& name() const { return name_; }
  std::size_t threads() const { return workers_.size(); }
  std::size_t queue_limit() const { return queue_limit_; }
  std::size_t running() const;
  std::size_t queued() const;
  std::size_t refused() const;  // since start

 private:
  void work();

  std::string name_;
  std::size_t queue_limit_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  std::size_t running_ = 0;
  std::size_t refused_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace musubi
