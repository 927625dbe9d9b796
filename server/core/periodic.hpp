// Runs a job on a thread of its own every `period` until destroyed (housekeeping while serving:
// orphaned files, expired uploads). A job that throws is logged and tried again next period.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace musubi {

class Periodic {
 public:
  Periodic(std::string name, std::chrono::seconds period, std::function<void()> job);
  ~Periodic();
  Periodic(const Periodic&) = delete;
  Periodic& operator=(const Periodic&) = delete;

 private:
  void run();

  std::string name_;
  std::chrono::seconds period_;
  std::function<void()> job_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace musubi
