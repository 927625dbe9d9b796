// Writes that arrive together are committed together: the first writer to arrive while no group
// is being committed leads, takes every write waiting at that moment and runs them in one
// transaction, each in its own savepoint (one that fails leaves the others intact); one fsync
// serves them all. Used for the data file and for the read-audit journal.
#pragma once

#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <semaphore>
#include <vector>

namespace musubi::backends::sqlite {

class Connection;

class GroupCommit {
 public:
  // `connection_mutex` guards `connection` for everyone else who uses it directly.
  GroupCommit(Connection& connection, std::mutex& connection_mutex)
      : connection_(connection), connection_mutex_(connection_mutex) {}

  // Runs `work` in a write transaction shared with the writes waiting beside it; returns once
  // it is durable, or rethrows what `work` (or the commit) threw, with nothing of it kept.
  void run(const std::function<void()>& work);

 private:
  // One waiting write. Each has its own wake-up, so that a commit wakes exactly the writes it
  // committed and the next leader, never every waiting thread (a busy server has many).
  struct Pending {
    const std::function<void()>* work = nullptr;
    std::exception_ptr error;
    bool done = false;
    bool lead = false;
    std::binary_semaphore wake{0};
  };
  void commit(const std::vector<Pending*>& group);

  Connection& connection_;
  std::mutex& connection_mutex_;
  std::mutex mutex_;
  std::deque<Pending*> waiting_;
  bool leading_ = false;  // a leader is committing (or about to): the others wait their turn
};

}  // namespace musubi::backends::sqlite
