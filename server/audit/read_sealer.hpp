// While the server runs: seals the read journal into the audit chain about once a second, and
// the rest when it stops, so that the chain (and `musubi audit verify`, backups and the audit
// screen) lags the reads by a second at most. With an Anchor it also checkpoints the chain's
// head every `anchor_every` and when it stops (anchor.hpp).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace musubi::storage {
class Storage;
}

namespace musubi::audit {

class Anchor;

class ReadSealer {
 public:
  ReadSealer(storage::Storage& storage, std::chrono::milliseconds period, Anchor* anchor = nullptr,
             std::chrono::seconds anchor_every = std::chrono::seconds(60));
  ~ReadSealer();
  ReadSealer(const ReadSealer&) = delete;
  ReadSealer& operator=(const ReadSealer&) = delete;

 private:
  void run();

  storage::Storage& storage_;
  std::chrono::milliseconds period_;
  Anchor* anchor_;
  std::chrono::seconds anchor_every_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace musubi::audit
