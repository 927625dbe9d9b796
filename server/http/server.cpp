#include "http/server.hpp"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <set>
#include <thread>
#include <type_traits>
#include <vector>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "http/access_log.hpp"
#include "http/app.hpp"
#include "live/hub.hpp"
#include "pki/client_verify.hpp"
#include "pki/openssl_util.hpp"

namespace musubi::http {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto use_tuple = net::as_tuple(net::use_awaitable);

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

constexpr std::size_t kMaxConnections = 20000;
// An upload's bytes are handed to its worker this many at a time: the size of a stored chunk
// (files/blob_store.hpp), so that each hand-off is one commit.
constexpr std::size_t kUploadHandOffBytes = std::size_t{1024} * 1024;

template <class Body>
Request to_request(bhttp::request<Body>& in, const std::string& ip, bool secure,
                   const std::string& client_serial) {
  Request r;
  r.method = std::string(in.method_string());
  r.target = std::string(in.target());
  auto q = r.target.find('?');
  r.path = r.target.substr(0, q);
  if (q != std::string::npos) r.query = r.target.substr(q + 1);
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    r.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  r.remote_ip = ip;
  r.secure = secure;
  r.client_serial = client_serial;
  r.request_id = crypto::random_hex(8);
  return r;
}

template <class Body>
void copy_head(bhttp::response<Body>& res, const Response& out, bool keep_alive) {
  res.set(bhttp::field::server, "musubi");
  if (!out.content_type.empty()) res.set(bhttp::field::content_type, out.content_type);
  for (const auto& [name, value] : out.headers) res.insert(name, value);
  res.keep_alive(keep_alive);
}

Response too_large_response(const std::string& request_id, int status = 413) {
  auto r = error_response(ErrorCode::too_large,
                          status == 431 ? "リクエストヘッダーが大きすぎます" : "", {}, request_id);
  r.status = status;
  r.route = "too_large";
  return r;
}

// A head the parser refused as malformed (both Content-Length and Transfer-Encoding, a bad
// length or method), as opposed to a connection that ended or stalled.
bool is_malformed(const boost::system::error_code& ec) {
  if (ec.category() != bhttp::make_error_code(bhttp::error::bad_method).category()) return false;
  return ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message &&
         ec != bhttp::error::need_more && ec != bhttp::error::need_buffer &&
         ec != bhttp::error::buffer_overflow;
}

Response bad_request_response(const std::string& request_id) {
  auto r = error_response(ErrorCode::invalid_input, "リクエストの形式が正しくありません", {},
                          request_id);
  r.route = "bad_request";
  return r;
}

// A request line that names an HTTP version other than 1.0 or 1.1 (the HTTP/2 preface on the
// plain listener, "HTTP/2.0"): the parser refuses it as malformed; the answer is 505.
bool other_http_version(const beast::flat_buffer& buffer) {
  const std::string_view bytes(static_cast<const char*>(buffer.data().data()), buffer.size());
  const auto line = bytes.substr(0, bytes.find("\r\n"));
  if (line.size() < 9) return false;
  const auto version = line.substr(line.size() - 9);
  const bool shaped = version.starts_with(" HTTP/") &&
                      std::isdigit(static_cast<unsigned char>(version[6])) && version[7] == '.' &&
                      std::isdigit(static_cast<unsigned char>(version[8]));
  return shaped && version != " HTTP/1.0" && version != " HTTP/1.1";
}

Response version_response(const std::string& request_id) {
  auto r = error_response(
      ErrorCode::invalid_input,
      "HTTP/1.1 で送ってください（このサーバーは HTTP/1.0 と HTTP/1.1 に対応しています）", {},
      request_id);
  r.status = 505;
  r.route = "bad_request";
  return r;
}

// Host missing on HTTP/1.1, or given twice (RFC 9112 §3.2): which site is meant is unclear.
bool bad_host(const bhttp::request_header<>& head) {
  const auto hosts = head.count(bhttp::field::host);
  return hosts > 1 || (hosts == 0 && head.version() == 11);
}

Response busy_response(const std::string& request_id, Lane lane) {
  auto r = error_response(ErrorCode::busy, "", {}, request_id);
  r.set_header("Retry-After", lane == Lane::login ? "2" : lane == Lane::heavy ? "5" : "1");
  r.route = "busy";
  return r;
}

// Runs `work` on a worker of `lane` while the connection's coroutine waits, and resumes it on its
// own strand with the result; nullopt, at once, when that pool is full. An exception from `work`
// is rethrown here. Without workers (a listener under test) the work runs inline.
template <class Work, class Result = std::invoke_result_t<Work&>>
net::awaitable<std::optional<Result>> on_worker(std::shared_ptr<ServerState> st, Lane lane,
                                                Work work) {
  if (!st->handler.workers) co_return work();
  WorkPool& pool = st->handler.workers->of(lane);
  co_return co_await net::async_initiate<const net::use_awaitable_t<>&,
                                         void(std::exception_ptr, std::optional<Result>)>(
      [&st, &pool, &work](auto handler) {
        auto resume = std::make_shared<decltype(handler)>(std::move(handler));
        auto executor = net::get_associated_executor(*resume);
        st->job_started();
        // `work` lives in the waiting coroutine's frame, which the pending handler keeps alive.
        bool accepted = pool.try_submit([st, resume, executor, &work] {
          std::exception_ptr failure;
          std::optional<Result> result;
          try {
            result.emplace(work());
          } catch (...) {
            failure = std::current_exception();
          }
          net::post(executor, [resume, failure, result = std::move(result)]() mutable {
            std::move (*resume)(failure, std::move(result));
          });
          st->job_finished();
        });
        if (!accepted) {
          net::post(executor,
                    [resume]() mutable { std::move (*resume)(nullptr, std::optional<Result>{}); });
          st->job_finished();
        }
      },
      net::use_awaitable);
}

// Waits, without holding a thread, until the reads an answer shows are durable in the read
// journal (Response::wait_logged); returns the answer to send instead when logging failed.
net::awaitable<std::optional<Response>> reads_logged(
    std::shared_ptr<ServerState> st,
    const std::function<void(std::function<void(std::optional<Response>)>)>& wait) {
  co_return co_await net::async_initiate<const net::use_awaitable_t<>&,
                                         void(std::optional<Response>)>(
      [&st, &wait](auto handler) {
        auto resume = std::make_shared<decltype(handler)>(std::move(handler));
        auto executor = net::get_associated_executor(*resume);
        st->job_started();
        wait([st, resume, executor](std::optional<Response> instead) {
          net::post(executor, [resume, instead = std::move(instead)]() mutable {
            std::move (*resume)(std::move(instead));
          });
          st->job_finished();
        });
      },
      net::use_awaitable);
}

// Writes `out`, from memory or piece by piece from its stream.
template <class Stream>
net::awaitable<boost::system::error_code> write_response(Stream& stream, Response& out,
                                                         const Request& request, bool keep_alive,
                                                         std::chrono::seconds timeout) {
  auto& tcp = beast::get_lowest_layer(stream);
  tcp.expires_after(timeout);
  auto status = static_cast<bhttp::status>(out.status);
  if (!out.stream) {
    bhttp::response<bhttp::string_body> res{status, 11};
    copy_head(res, out, keep_alive);
    if (request.method == "HEAD") {
      res.content_length(out.body.size());
    } else {
      res.body() = std::move(out.body);
      res.prepare_payload();
    }
    auto [ec, n] = co_await bhttp::async_write(stream, res, use_tuple);
    co_return ec;
  }
  bhttp::response<bhttp::buffer_body> res{status, 11};
  copy_head(res, out, keep_alive);
  res.content_length(out.stream->size());
  res.body().data = nullptr;
  res.body().more = request.method != "HEAD";
  bhttp::response_serializer<bhttp::buffer_body> serializer{res};
  auto [header_error, header_bytes] =
      co_await bhttp::async_write_header(stream, serializer, use_tuple);
  if (header_error || request.method == "HEAD") co_return header_error;
  std::string piece;
  for (;;) {
    bool more = out.stream->next(piece);
    res.body().data = piece.empty() ? nullptr : piece.data();
    res.body().size = piece.size();
    res.body().more = more;
    tcp.expires_after(timeout);  // per piece: a large download may take long, a stall may not
    auto [ec, n] = co_await bhttp::async_write(stream, serializer, use_tuple);
    if (ec == bhttp::error::need_buffer) ec = {};
    if (ec || !more) co_return ec;
  }
}

// Reads an upload's body in pieces into `upload`; the body never sits whole in memory.
template <class Stream>
net::awaitable<std::optional<Response>> stream_upload(
    Stream& stream, beast::flat_buffer& buffer, bhttp::request_parser<bhttp::empty_body>& head,
    Upload& upload, const std::shared_ptr<ServerState>& st, const std::string& request_id,
    bool& connection_lost) {
  const auto& cfg = st->config;
  auto length = head.content_length();
  if (length && *length > upload.limit()) co_return too_large_response(request_id);
  bhttp::request_parser<bhttp::buffer_body> parser{std::move(head)};
  parser.body_limit(upload.limit());
  std::vector<char> piece(std::size_t{64} * 1024);
  // Pieces gather here and go to the database a blob chunk at a time: one worker hop per
  // committed chunk, on the upload lane, so that the requests of a busy board queue apart.
  std::string pending;
  pending.reserve(kUploadHandOffBytes);
  auto& tcp = beast::get_lowest_layer(stream);
  while (!parser.is_done()) {
    parser.get().body().data = piece.data();
    parser.get().body().size = piece.size();
    // A deadline per piece: a stalled client is cut off, a slow but steady one is not.
    tcp.expires_after(std::chrono::seconds(cfg.body_timeout_seconds));
    auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, use_tuple);
    if (ec == bhttp::error::need_buffer) ec = {};
    if (ec == bhttp::error::body_limit) co_return too_large_response(request_id);
    if (is_malformed(ec)) co_return bad_request_response(request_id);
    if (ec) {
      connection_lost = true;
      co_return std::nullopt;
    }
    auto got = piece.size() - parser.get().body().size;
    if (got == 0) continue;
    pending.append(piece.data(), got);
    if (pending.size() < kUploadHandOffBytes) continue;
    // Each chunk is stored in a short write transaction of its own: on a worker, not here.
    auto written = co_await on_worker(st, Lane::upload, [&] { return upload.write(pending); });
    if (!written) co_return busy_response(request_id, Lane::upload);
    if (*written) co_return std::move(*written);
    pending.clear();
  }
  tcp.expires_never();
  // The last bytes, thumbnails and the durable commit.
  auto finished = co_await on_worker(st, Lane::heavy, [&] {
    if (auto refused = upload.write(pending)) return std::move(*refused);
    return upload.finish();
  });
  if (!finished) co_return busy_response(request_id, Lane::heavy);
  co_return std::move(*finished);
}

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

template <class Stream>
net::awaitable<void> serve_requests(Stream& stream, std::shared_ptr<ServerState> st,
                                    std::shared_ptr<ConnectionEntry> entry, std::string ip,
                                    bool secure, std::string client_serial = {}) {
  auto& tcp = beast::get_lowest_layer(stream);
  const auto& cfg = st->config;
  beast::flat_buffer buffer;
  bool first = true;
  while (!st->stopping) {
    bhttp::request_parser<bhttp::empty_body> head;
    head.header_limit(static_cast<std::uint32_t>(cfg.max_header_bytes));
    head.body_limit(boost::none);  // decided per route once the head is known
    // One deadline for the whole head: a client that trickles bytes (slowloris) is cut off.
    tcp.expires_after(
        std::chrono::seconds(first ? cfg.header_timeout_seconds : cfg.idle_timeout_seconds));
    auto [read_error, read_bytes] =
        co_await bhttp::async_read_header(stream, buffer, head, use_tuple);
    first = false;
    entry->busy = true;
    auto started = Clock::now();
    Response response;
    bool keep_alive = false;
    Request request;
    if (read_error == bhttp::error::header_limit) {
      request.request_id = crypto::random_hex(8);
      response = too_large_response(request.request_id, 431);
    } else if (is_malformed(read_error)) {
      // Answered, then closed (RFC 9112 §6.3): what follows the head cannot be framed.
      request.request_id = crypto::random_hex(8);
      response = other_http_version(buffer) ? version_response(request.request_id)
                                            : bad_request_response(request.request_id);
    } else if (read_error) {
      break;
    } else if (bad_host(head.get())) {
      request.request_id = crypto::random_hex(8);
      response = bad_request_response(request.request_id);
    } else {
      request = to_request(head.get(), ip, secure, client_serial);
      keep_alive = head.get().keep_alive();
      std::optional<LiveStart> live;
      if (websocket::is_upgrade(head.get()) && st->handler.start_live) {
        live = st->handler.start_live(request);
      }
      auto upload = live ? std::nullopt : st->handler.start_upload(request);
      if (live && !live->refused) {
        // The connection becomes a live-updates socket until either side ends it; shutdown
        // treats it as idle.
        entry->busy = false;
        st->log.write(request, 101, "/api/v1/live", 0,
                      std::chrono::duration<double, std::milli>(Clock::now() - started).count());
        co_await serve_live(stream, head.get(), *live, st->handler.live_limits, st->live_gate);
        break;
      }
      if (live) {
        response = std::move(*live->refused);
        keep_alive = false;
      } else if (upload && upload->refused) {
        // Answered from the head alone; the unread body makes the connection unusable.
        response = std::move(*upload->refused);
        keep_alive = false;
      } else if (upload) {
        bool lost = false;
        auto answer = co_await stream_upload(stream, buffer, head, *upload->upload, st,
                                             request.request_id, lost);
        if (lost) break;
        response = std::move(*answer);
        keep_alive = keep_alive && response.status < 400;
      } else {
        auto length = head.content_length();
        bool too_large = length && *length > static_cast<std::uint64_t>(cfg.max_body_bytes);
        bool bad_body = false;
        if (!too_large) {
          bhttp::request_parser<bhttp::string_body> parser{std::move(head)};
          parser.body_limit(static_cast<std::uint64_t>(cfg.max_body_bytes));
          if (!parser.is_done()) {
            tcp.expires_after(std::chrono::seconds(cfg.body_timeout_seconds));
            auto [body_error, body_bytes] =
                co_await bhttp::async_read(stream, buffer, parser, use_tuple);
            if (body_error == bhttp::error::body_limit) {
              too_large = true;
            } else if (is_malformed(body_error)) {
              bad_body = true;  // a chunk size that is not one, or overflows
            } else if (body_error) {
              break;
            }
          }
          request.body = std::move(parser.get().body());
        }
        if (too_large) {
          // Refused before the body is read, so a lying or huge Content-Length costs no memory.
          request.body.clear();
          response = too_large_response(request.request_id);
          keep_alive = false;
        } else if (bad_body) {
          request.body.clear();
          response = bad_request_response(request.request_id);
          keep_alive = false;
        } else {
          tcp.expires_never();
          const Lane lane = st->handler.lane ? st->handler.lane(request) : Lane::general;
          auto answered = co_await on_worker(st, lane, [&] { return st->handler.handle(request); });
          response = answered ? std::move(*answered) : busy_response(request.request_id, lane);
          if (response.wait_logged) {
            // The worker is free already; the answer waits here until its reads are logged.
            const auto wait = std::move(response.wait_logged);
            if (auto instead = co_await reads_logged(st, wait)) response = std::move(*instead);
          }
        }
      }
    }
    keep_alive = keep_alive && !st->stopping;
    const int status = response.status;
    const std::string route = response.route;
    const std::size_t bytes = response.stream ? response.stream->size() : response.body.size();
    auto write_error = co_await write_response(stream, response, request, keep_alive,
                                               std::chrono::seconds(cfg.body_timeout_seconds));
    st->log.write(request, status, route, bytes,
                  std::chrono::duration<double, std::milli>(Clock::now() - started).count());
    entry->busy = false;
    if (write_error || !keep_alive) break;
  }
}

net::awaitable<void> handle_connection(tcp::socket socket, std::shared_ptr<ServerState> st,
                                       ssl::context* tls) {
  boost::system::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  std::string ip = ec ? "" : endpoint.address().to_string();
  auto entry = std::make_shared<ConnectionEntry>();
  try {
    if (tls) {
      beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *tls);
      entry->tcp = &beast::get_lowest_layer(stream);
      st->add(entry);
      entry->tcp->expires_after(std::chrono::seconds(st->config.header_timeout_seconds));
      auto [handshake_error] = co_await stream.async_handshake(ssl::stream_base::server, use_tuple);
      // A browser without any certificate never reaches the verify callback: noted here, so that
      // it is audited like every other refusal (the audit side limits how often per address).
      if (handshake_error && handshake_error.category() == boost::asio::error::get_ssl_category() &&
          ERR_GET_REASON(handshake_error.value()) == SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE) {
        st->handler.admit_client("", "", "no certificate", ip);
      }
      if (!handshake_error) {
        // The certificate the handshake verified names the device on every request.
        std::string client_serial;
        if (X509* peer = SSL_get0_peer_certificate(stream.native_handle())) {
          client_serial = pki::serial_hex(peer);
        }
        co_await serve_requests(stream, st, entry, ip, true, std::move(client_serial));
        entry->tcp->expires_after(std::chrono::seconds(2));
        co_await stream.async_shutdown(use_tuple);
      }
    } else {
      beast::tcp_stream stream(std::move(socket));
      entry->tcp = &stream;
      st->add(entry);
      co_await serve_requests(stream, st, entry, ip, false);
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    }
  } catch (const std::exception& e) {
    spdlog::warn("connection ended with an error: {}", e.what());
  }
  entry->alive = false;
  st->remove(entry);
}

net::awaitable<void> accept_loop(net::io_context& ioc, tcp::acceptor& acceptor,
                                 std::shared_ptr<ServerState> st, ssl::context* tls) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(net::make_strand(ioc), use_tuple);
    if (ec) {
      if (!acceptor.is_open() || st->stopping) co_return;
      // Out of file descriptors or similar: wait a little instead of spinning.
      net::steady_timer timer(acceptor.get_executor(), std::chrono::milliseconds(50));
      co_await timer.async_wait(use_tuple);
      continue;
    }
    if (st->stopping || st->count() >= kMaxConnections) {
      socket.close(ec);
      continue;
    }
    // Responses are written in more than one piece over TLS (a record per buffer); with Nagle's
    // algorithm the last piece waited for the client's delayed ACK: 40 ms on every HTTPS answer.
    socket.set_option(tcp::no_delay(true), ec);
    auto executor = socket.get_executor();
    net::co_spawn(executor, handle_connection(std::move(socket), st, tls), net::detached);
  }
}

tcp::endpoint parse_endpoint(const std::string& address) {
  auto colon = address.rfind(':');
  if (colon == std::string::npos) {
    throw Error(ErrorCode::invalid_input,
                "待ち受けアドレスは 127.0.0.1:8080 の形で指定してください: " + address);
  }
  auto host = address.substr(0, colon);
  if (host.size() > 1 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty()) host = "0.0.0.0";
  boost::system::error_code ec;
  auto ip = net::ip::make_address(host, ec);
  int port = 0;
  try {
    port = std::stoi(address.substr(colon + 1));
  } catch (const std::exception&) {
    port = -1;
  }
  if (ec || port < 0 || port > 65535) {
    throw Error(ErrorCode::invalid_input, "待ち受けアドレスが正しくありません: " + address);
  }
  return {ip, static_cast<unsigned short>(port)};
}

std::string format_endpoint(const tcp::endpoint& ep) {
  auto host = ep.address().to_string();
  if (ep.address().is_v6()) host = "[" + host + "]";
  return host + ":" + std::to_string(ep.port());
}

std::string peer_ip(X509_STORE_CTX* store) {
  auto* ssl =
      static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  if (!ssl) return {};
  const int fd = SSL_get_fd(ssl);
  if (fd < 0) return {};
  sockaddr_storage address{};
  socklen_t size = sizeof address;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) return {};
  char text[INET6_ADDRSTRLEN] = "";
  const void* raw =
      address.ss_family == AF_INET6
          ? static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(&address)->sin6_addr)
          : static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(&address)->sin_addr);
  ::inet_ntop(address.ss_family, raw, text, sizeof text);
  return text;
}

// Replaces OpenSSL's chain check for client certificates: the trusted CAs are read at each
// handshake, and a certificate that verifies must still name a device that may connect (not
// revoked, not expired) — so revocation needs no restart and no CRL download.
int verify_client_certificate(X509_STORE_CTX* store, void* arg) {
  const auto& handler = *static_cast<const RequestHandler*>(arg);
  try {
    auto check =
        pki::check_client_chain(X509_STORE_CTX_get0_cert(store),
                                X509_STORE_CTX_get0_untrusted(store), handler.client_cas());
    const auto ip = peer_ip(store);
    if (!check.chain_ok) {
      handler.admit_client("", check.subject, X509_verify_cert_error_string(check.error), ip);
      X509_STORE_CTX_set_error(store, check.error);
      return 0;
    }
    if (!handler.admit_client(check.serial, check.subject, "", ip)) {
      X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REVOKED);
      return 0;
    }
    return 1;
  } catch (const std::exception& e) {
    spdlog::error("client certificate check failed: {}", e.what());
    X509_STORE_CTX_set_error(store, X509_V_ERR_UNSPECIFIED);
    return 0;
  }
}

void configure_tls(ssl::context& ctx, const Config::Server& cfg, const RequestHandler& handler) {
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                  ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                  ssl::context::single_dh_use | ssl::context::no_compression);
  SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
  // TLS 1.2: forward-secret AEAD suites only (TLS 1.3 suites are all strong).
  SSL_CTX_set_cipher_list(
      ctx.native_handle(),
      "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
      "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305");
  try {
    ctx.use_certificate_chain_file(cfg.tls_certificate);
    ctx.use_private_key_file(cfg.tls_private_key, ssl::context::pem);
  } catch (const std::exception& e) {
    throw Error(
        ErrorCode::invalid_input,
        "TLS証明書または秘密鍵を読めません（server.tls_certificate / server.tls_private_key）: " +
            std::string(e.what()));
  }
  if (cfg.tls_client_certificates == "required") {
    if (!handler.client_cas || !handler.admit_client) {
      throw Error(ErrorCode::invalid_input, "端末証明書の確認ができない構成です");
    }
    SSL_CTX_set_verify(ctx.native_handle(), SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
                       nullptr);
    SSL_CTX_set_cert_verify_callback(ctx.native_handle(), verify_client_certificate,
                                     const_cast<RequestHandler*>(&handler));
    // Session resumption would skip the check above on a later connection.
    SSL_CTX_set_session_cache_mode(ctx.native_handle(), SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(ctx.native_handle(), SSL_OP_NO_TICKET);
  }
}

}  // namespace

void serve(const Config::Server& cfg, const RequestHandler& handler, AccessLog& access_log,
           const std::function<void(const ListeningAddresses&)>& on_listening) {
  int threads = cfg.threads > 0
                    ? static_cast<int>(cfg.threads)
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  net::io_context ioc(threads);
  auto st = std::make_shared<ServerState>(cfg, handler, access_log);
  ssl::context tls(ssl::context::tls_server);
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
  ListeningAddresses addresses;

  auto open = [&](const std::string& address, bool secure) {
    auto endpoint = parse_endpoint(address);
    auto acceptor = std::make_unique<tcp::acceptor>(net::make_strand(ioc));
    acceptor->open(endpoint.protocol());
    acceptor->set_option(net::socket_base::reuse_address(true));
    boost::system::error_code ec;
    acceptor->bind(endpoint, ec);
    if (ec) {
      throw Error(ErrorCode::invalid_input,
                  "アドレス " + address + " で待ち受けられません: " + ec.message());
    }
    acceptor->listen(net::socket_base::max_listen_connections);
    auto bound = format_endpoint(acceptor->local_endpoint());
    (secure ? addresses.https : addresses.http) = (secure ? "https://" : "http://") + bound;
    net::co_spawn(acceptor->get_executor(),
                  accept_loop(ioc, *acceptor, st, secure ? &tls : nullptr), net::detached);
    acceptors.push_back(std::move(acceptor));
  };
  if (!cfg.tls_listen.empty()) configure_tls(tls, cfg, handler);
  if (!cfg.listen.empty()) open(cfg.listen, false);
  if (!cfg.tls_listen.empty()) open(cfg.tls_listen, true);

  net::signal_set signals(ioc, SIGINT, SIGTERM);
  net::steady_timer drain_timer(ioc);
  auto deadline = Clock::time_point::max();
  std::function<void()> wait_for_drain = [&] {
    if (st->count() == 0 || Clock::now() >= deadline) {
      ioc.stop();
      return;
    }
    drain_timer.expires_after(std::chrono::milliseconds(50));
    drain_timer.async_wait([&](const boost::system::error_code&) { wait_for_drain(); });
  };
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("signal {}: stopping (in-flight requests may finish within {} s)", signal,
                 cfg.shutdown_grace_seconds);
    st->stopping = true;
    for (auto& acceptor : acceptors) {
      net::post(acceptor->get_executor(), [a = acceptor.get()] {
        boost::system::error_code ignored;
        a->close(ignored);
      });
    }
    st->close_idle();
    deadline = Clock::now() + std::chrono::seconds(cfg.shutdown_grace_seconds);
    net::post(drain_timer.get_executor(), wait_for_drain);
  });

  on_listening(addresses);
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  st->wait_for_jobs();
  std::lock_guard gate_lock(st->live_gate->mutex);
  st->live_gate->open = false;
}

}  // namespace musubi::http
