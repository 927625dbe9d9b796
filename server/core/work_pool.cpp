#include "core/work_pool.hpp"

#include <spdlog/spdlog.h>

#include <exception>

namespace musubi {

WorkPool::WorkPool(std::string name, std::size_t threads, std::size_t queue_limit)
    : name_(std::move(name)), queue_limit_(queue_limit) {
  if (threads == 0) threads = 1;
  workers_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
}

WorkPool::~WorkPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& worker : workers_) worker.join();
}

bool WorkPool::try_submit(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    // A job waits only when every thread is busy; then the queue's bound applies.
    const std::size_t idle = workers_.size() - running_;
    if (stopping_ || queue_.size() >= idle + queue_limit_) {
      ++refused_;
      return false;
    }
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void WorkPool::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing accepted is left
    auto job = std::move(queue_.front());
    queue_.pop_front();
    ++running_;
    lock.unlock();
    try {
      job();
    } catch (const std::exception& e) {
      // A job answers its own errors; one that escapes must not end the thread.
      spdlog::error("{} pool: a job failed: {}", name_, e.what());
    } catch (...) {
      spdlog::error("{} pool: a job failed", name_);
    }
    job = nullptr;  // what it captured is released outside the lock
    lock.lock();
    --running_;
  }
}

std::size_t WorkPool::running() const {
  std::lock_guard lock(mutex_);
  return running_;
}

std::size_t WorkPool::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

std::size_t WorkPool::refused() const {
  std::lock_guard lock(mutex_);
  return refused_;
}

}  // namespace musubi
