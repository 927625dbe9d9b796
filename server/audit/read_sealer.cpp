#include "audit/read_sealer.hpp"

#include <spdlog/spdlog.h>

#include "audit/anchor.hpp"
#include "audit/audit_log.hpp"

namespace musubi::audit {

ReadSealer::ReadSealer(storage::Storage& storage, std::chrono::milliseconds period, Anchor* anchor,
                       std::chrono::seconds anchor_every)
    : storage_(storage),
      period_(period),
      anchor_(anchor),
      anchor_every_(anchor_every),
      thread_([this] { run(); }) {}

ReadSealer::~ReadSealer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ReadSealer::run() {
  auto next_anchor = std::chrono::steady_clock::now() + anchor_every_;
  for (;;) {
    bool stopping = false;
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, period_, [&] { return stopping_; });
      stopping = stopping_;
    }
    try {
      seal_reads(storage_);
    } catch (const std::exception& e) {
      // The entries stay in the journal; the next round tries again.
      spdlog::error("sealing the read journal into the audit log failed: {}", e.what());
    }
    if (anchor_ && (stopping || std::chrono::steady_clock::now() >= next_anchor)) {
      next_anchor = std::chrono::steady_clock::now() + anchor_every_;
      try {
        anchor_->checkpoint();
      } catch (const std::exception& e) {
        // The next round tries again; the chain itself is untouched.
        spdlog::error("writing the audit log's checkpoint failed: {}", e.what());
      }
    }
    if (stopping) return;
  }
}

}  // namespace musubi::audit
