#include "core/periodic.hpp"

#include <spdlog/spdlog.h>

namespace musubi {

Periodic::Periodic(std::string name, std::chrono::seconds period, std::function<void()> job)
    : name_(std::move(name)), period_(period), job_(std::move(job)), thread_([this] { run(); }) {}

Periodic::~Periodic() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Periodic::run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, period_, [&] { return stopping_; })) return;
    }
    try {
      job_();
    } catch (const std::exception& e) {
      spdlog::error("{} failed: {}", name_, e.what());
    }
  }
}

}  // namespace musubi
