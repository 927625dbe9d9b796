// What the server's connections share: the handler and config, the open connections (for
// shutdown), and the jobs handed to worker pools that have not yet come back.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>

#include "http/connection/asio.hpp"
#include "http/server.hpp"

namespace musubi::http {
class AccessLog;
}

namespace musubi::http::connection {

constexpr std::size_t kMaxConnections = 20000;

// What shutdown needs to know of a connection; touched only on that connection's strand.
struct ConnectionEntry {
  beast::tcp_stream* tcp = nullptr;
  bool busy = false;
  bool alive = true;
};

// Whether the I/O context still runs: the live hub's thread may outlive it at shutdown and must
// then no longer post to it.
struct LiveGate {
  std::mutex mutex;
  bool open = true;
};

struct ServerState {
  ServerState(const Config::Server& c, const RequestHandler& h, AccessLog& l)
      : config(c), handler(h), log(l) {}
  const Config::Server& config;
  const RequestHandler& handler;
  AccessLog& log;
  std::atomic<bool> stopping{false};
  std::shared_ptr<LiveGate> live_gate = std::make_shared<LiveGate>();
  std::mutex mutex;
  std::set<std::shared_ptr<ConnectionEntry>> connections;
  // Jobs handed to a worker pool that have not yet posted their answer back: the I/O context
  // they resume on must outlive them.
  std::mutex jobs_mutex;
  std::condition_variable jobs_done;
  std::size_t jobs = 0;

  void job_started() {
    std::lock_guard lock(jobs_mutex);
    ++jobs;
  }
  void job_finished() {
    std::lock_guard lock(jobs_mutex);
    if (--jobs == 0) jobs_done.notify_all();
  }
  void wait_for_jobs() {
    std::unique_lock lock(jobs_mutex);
    jobs_done.wait(lock, [this] { return jobs == 0; });
  }

  std::size_t count() {
    std::lock_guard lock(mutex);
    return connections.size();
  }
  void add(const std::shared_ptr<ConnectionEntry>& c) {
    std::lock_guard lock(mutex);
    connections.insert(c);
  }
  void remove(const std::shared_ptr<ConnectionEntry>& c) {
    std::lock_guard lock(mutex);
    connections.erase(c);
  }
  // Connections waiting for their next request are closed; busy ones close after responding.
  void close_idle() {
    std::lock_guard lock(mutex);
    for (const auto& c : connections) {
      net::post(c->tcp->get_executor(), [c] {
        if (c->alive && !c->busy) c->tcp->cancel();
      });
    }
  }
};

}  // namespace musubi::http::connection
