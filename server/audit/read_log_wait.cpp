#include "audit/read_log_wait.hpp"

namespace musubi::audit {

namespace {
thread_local ReadLogWait* active = nullptr;
}  // namespace

std::function<void(std::exception_ptr)> ReadLogWait::expect() {
  {
    std::lock_guard lock(mutex_);
    ++outstanding_;
  }
  return [self = shared_from_this()](std::exception_ptr error) { self->settle(std::move(error)); };
}

void ReadLogWait::settle(const std::exception_ptr& error) {
  std::vector<std::function<void(std::exception_ptr)>> done;
  std::exception_ptr result;
  {
    std::lock_guard lock(mutex_);
    if (error && !error_) error_ = error;
    if (--outstanding_ > 0) return;
    done.swap(waiters_);
    result = error_;
  }
  for (auto& d : done) d(result);
}

void ReadLogWait::when_logged(std::function<void(std::exception_ptr)> done) {
  std::exception_ptr result;
  {
    std::lock_guard lock(mutex_);
    if (outstanding_ > 0) {
      waiters_.push_back(std::move(done));
      return;
    }
    result = error_;
  }
  done(result);
}

bool ReadLogWait::pending() const {
  std::lock_guard lock(mutex_);
  return outstanding_ > 0 || error_;
}

DeferReadLogs::DeferReadLogs(std::shared_ptr<ReadLogWait> wait)
    : wait_(std::move(wait)), previous_(active) {
  active = wait_.get();
}

DeferReadLogs::~DeferReadLogs() {
  active = previous_;
}

ReadLogWait* DeferReadLogs::current() {
  return active;
}

}  // namespace musubi::audit
