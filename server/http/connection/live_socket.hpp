// A live-updates WebSocket: the hub's messages queued on the connection's strand and written in
// order; control frames read until either side ends it.
#pragma once

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <string>

#include "http/connection/asio.hpp"
#include "http/connection/state.hpp"
#include "http/server.hpp"
#include "live/hub.hpp"

namespace musubi::http::connection {

// One live-updates connection, in two parts. LiveState (queue, wake-up timer) lives on the
// connection's strand and belongs to the connection's coroutines and the handlers posted to it,
// so it never outlives the I/O context. LiveConnection is what the hub holds: a weak reference
// to it, used under the gate, so the hub's thread never touches a stopped context. A client that
// stops reading fills the queue up to the limit and is then disconnected.
struct LiveState {
  explicit LiveState(const net::any_io_executor& executor) : wake(executor) {
    wake.expires_at(net::steady_timer::time_point::max());
  }
  std::deque<std::string> queue;
  net::steady_timer wake;  // cancelled to wake the writer
  bool reader_done = false;
  std::atomic<bool> closing{false};
  std::atomic<std::size_t> queued_bytes{0};
};

class LiveConnection final : public live::Sink {
 public:
  LiveConnection(const std::shared_ptr<LiveState>& state, net::any_io_executor executor,
                 std::size_t max_queued_bytes, std::shared_ptr<LiveGate> gate)
      : state_(state),
        executor_(std::move(executor)),
        max_queued_bytes_(max_queued_bytes),
        gate_(std::move(gate)) {}

  bool send(std::string message) override {
    std::lock_guard lock(gate_->mutex);
    auto state = state_.lock();
    if (!gate_->open || !state || state->closing) return false;
    if (state->queued_bytes += message.size(); state->queued_bytes > max_queued_bytes_) {
      // The client stopped reading: drop what is queued and end the connection.
      state->closing = true;
      net::post(executor_, [state] {
        state->queue.clear();
        state->wake.cancel();
      });
      return false;
    }
    net::post(executor_, [state, m = std::move(message)]() mutable {
      state->queue.push_back(std::move(m));
      state->wake.cancel();
    });
    return true;
  }
  // Sends what is queued (e.g. "session_ended"), then ends the connection.
  void close() override {
    std::lock_guard lock(gate_->mutex);
    auto state = state_.lock();
    if (!gate_->open || !state) return;
    state->closing = true;
    net::post(executor_, [state] { state->wake.cancel(); });
  }

 private:
  std::weak_ptr<LiveState> state_;
  net::any_io_executor executor_;
  std::size_t max_queued_bytes_;
  std::shared_ptr<LiveGate> gate_;
};

// Clients send nothing but control frames (pong, close), which Beast answers while reading.
template <class WebSocket>
net::awaitable<void> read_until_closed(WebSocket& ws, std::shared_ptr<LiveState> live) {
  beast::flat_buffer buffer;
  for (;;) {
    auto [ec, n] = co_await ws.async_read(buffer, use_tuple);
    if (ec) break;
    buffer.consume(buffer.size());
  }
  live->reader_done = true;
  live->wake.cancel();
}

template <class Stream, class Body>
net::awaitable<void> serve_live(Stream& stream, bhttp::request<Body>& upgrade, LiveStart& start,
                                const LiveLimits& limits, std::shared_ptr<LiveGate> gate) {
  beast::get_lowest_layer(stream).expires_never();  // the WebSocket keeps its own timeouts
  websocket::stream<Stream&> ws(stream);
  ws.set_option(websocket::stream_base::timeout{
      std::chrono::seconds(10), std::chrono::seconds(limits.idle_timeout_seconds), true});
  ws.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(bhttp::field::server, "musubi"); }));
  ws.read_message_max(4096);
  auto [accept_error] = co_await ws.async_accept(upgrade, use_tuple);
  if (accept_error) co_return;
  auto executor = co_await net::this_coro::executor;
  auto live = std::make_shared<LiveState>(executor);
  auto subscription =
      start.attach(std::make_shared<LiveConnection>(live, executor, limits.max_queued_bytes, gate));
  net::co_spawn(executor, read_until_closed(ws, live), net::detached);
  while (!live->reader_done) {
    if (live->queue.empty()) {
      if (live->closing) break;
      co_await live->wake.async_wait(use_tuple);
      continue;
    }
    std::string message = std::move(live->queue.front());
    live->queue.pop_front();
    ws.text(true);
    auto [ec, n] = co_await ws.async_write(net::buffer(message), use_tuple);
    live->queued_bytes -= message.size();
    if (ec) break;
  }
  live->closing = true;
  subscription.reset();
  // Closed by us (queue full, session ended, shutdown) or a failed write: end the socket and
  // wait for the reader, which holds a reference to `ws`.
  if (!live->reader_done) beast::get_lowest_layer(stream).cancel();
  while (!live->reader_done) {
    live->wake.expires_after(std::chrono::milliseconds(100));
    co_await live->wake.async_wait(use_tuple);
  }
}

}  // namespace musubi::http::connection
