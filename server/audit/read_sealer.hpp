// While the server runs: seals the read journal into the audit chain about once a second, and
// the rest when it stops, so that the chain (and `musubi audit verify`, backups and the audit
// screen) lags the reads by a second at most.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace musubi::storage {
class Storage;
}

namespace musubi::audit {

class ReadSealer {
 public:
  ReadSealer(storage::Storage& storage, std::chrono::milliseconds period);
  ~ReadSealer();
  ReadSealer(const ReadSealer&) = delete;
  ReadSealer& operator=(const ReadSealer&) = delete;

 private:
  void run();

  storage::Storage& storage_;
  std::chrono::milliseconds period_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace musubi::audit
