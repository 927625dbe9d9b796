// The listener hands every handler to a worker pool of its lane: a login that is still hashing
// holds up no other request, and a request whose pool is full is answered 503 at once. A real
// listener on loopback and real sockets; the slow handler waits on a promise the test keeps,
// so the test depends on the order of events only, never on the time.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "http/access_log.hpp"
#include "http/server.hpp"

namespace musubi::http {
namespace {

class Socket {
 public:
  explicit Socket(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      throw std::runtime_error("connect failed");
    }
    // Only so that a listener that does stall fails the test instead of hanging it.
    timeval limit{.tv_sec = 120, .tv_usec = 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  }
  ~Socket() { ::close(fd_); }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  void send(const std::string& method, const std::string& path, const std::string& body = {}) {
    auto text = method + " " + path +
                " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + std::to_string(body.size()) +
                "\r\n\r\n" + body;
    for (std::size_t sent = 0; sent < text.size();) {
      auto n = ::write(fd_, text.data() + sent, text.size() - sent);
      ASSERT_GT(n, 0);
      sent += static_cast<std::size_t>(n);
    }
  }
  // The whole answer: the server closes after it (Connection: close is not sent, so it is read
  // up to the end of the body it announced).
  std::string answer() {
    std::string in;
    char piece[4096];
    for (;;) {
      auto head_end = in.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        auto at = in.find("Content-Length: ");
        if (at != std::string::npos && at < head_end) {
          auto length = std::stoul(in.substr(at + 16));
          if (in.size() >= head_end + 4 + length) return in;
        }
      }
      auto n = ::read(fd_, piece, sizeof piece);
      if (n <= 0) return in;
      in.append(piece, static_cast<std::size_t>(n));
    }
  }

 private:
  int fd_;
};

TEST(ServerLanes, ALoginStillHashingHoldsUpNothingElseAndAFullPoolAnswers503AtOnce) {
  // What the handler touches is declared before the pools, so their threads are joined first.
  std::promise<void> hashing;
  std::promise<void> release;
  auto released = release.get_future().share();
  WorkPool general("general", 2, 8);
  WorkPool login("login", 1, 0);
  WorkPool heavy("heavy", 1, 0);
  WorkPool uploads("upload", 1, 0);
  Workers workers{.general = general, .login = login, .heavy = heavy, .upload = uploads};

  RequestHandler handler;
  handler.workers = &workers;
  handler.lane = [](const Request& head) {
    return head.path == "/login" ? Lane::login : Lane::general;
  };
  handler.handle = [&](Request& request) {
    Response r;
    if (request.path == "/login") {
      hashing.set_value();
      released.wait();  // as long as the test wants: argon2id on a very slow machine
      r.body = R"({"logged_in":true})";
    } else {
      r.body = R"({"status":"ok"})";
    }
    return r;
  };
  handler.start_upload = [](Request&) { return std::optional<UploadStart>(); };

  Config::Server config;
  config.listen = "127.0.0.1:0";
  config.tls_listen = "";
  config.threads = 1;  // one I/O thread: a handler run on it would hold up everything
  config.shutdown_grace_seconds = 5;
  AccessLog no_log("");
  std::promise<int> listening;
  std::thread server([&] {
    serve(config, handler, no_log, [&](const ListeningAddresses& a) {
      listening.set_value(std::stoi(a.http.substr(a.http.rfind(':') + 1)));
    });
  });
  const int port = listening.get_future().get();

  Socket first_login(port);
  first_login.send("POST", "/login");
  hashing.get_future().wait();  // the login pool's only thread is now taken

  Socket other(port);
  other.send("GET", "/healthz");
  auto answered = other.answer();
  EXPECT_NE(answered.find("HTTP/1.1 200"), std::string::npos) << answered;
  EXPECT_NE(answered.find(R"({"status":"ok"})"), std::string::npos) << answered;

  Socket second_login(port);
  second_login.send("POST", "/login");
  auto refused = second_login.answer();
  EXPECT_NE(refused.find("HTTP/1.1 503"), std::string::npos) << refused;
  EXPECT_NE(refused.find("Retry-After: 2"), std::string::npos) << refused;
  EXPECT_NE(refused.find("混み合っています"), std::string::npos) << refused;
  EXPECT_EQ(login.refused(), 1U);

  release.set_value();
  auto logged_in = first_login.answer();
  EXPECT_NE(logged_in.find("HTTP/1.1 200"), std::string::npos) << logged_in;
  EXPECT_NE(logged_in.find("logged_in"), std::string::npos) << logged_in;

  ::kill(::getpid(), SIGTERM);  // serve() stops on it, as under systemd
  server.join();
}

// An upload's bytes go to the database a chunk at a time on a lane of their own: with every
// general worker taken and its queue full (a busy board), an upload is still stored, in 1 MiB
// hand-offs rather than one per network read.
TEST(ServerLanes, AnUploadIsStoredInWholeChunksWhileTheGeneralPoolIsFull) {
  std::promise<void> holding;
  std::promise<void> release;
  auto released = release.get_future().share();
  std::vector<std::size_t> handed;  // sizes given to write(), in order
  std::size_t stored = 0;
  WorkPool general("general", 1, 0);
  WorkPool login("login", 1, 0);
  WorkPool heavy("heavy", 1, 0);
  WorkPool uploads("upload", 1, 4);
  Workers workers{.general = general, .login = login, .heavy = heavy, .upload = uploads};

  class CountingUpload final : public Upload {
   public:
    CountingUpload(std::vector<std::size_t>& handed, std::size_t& stored)
        : handed_(handed), stored_(stored) {}
    std::uint64_t limit() const override { return std::uint64_t{64} << 20; }
    std::optional<Response> write(std::string_view bytes) override {
      handed_.push_back(bytes.size());
      stored_ += bytes.size();
      return std::nullopt;
    }
    Response finish() override {
      Response r;
      r.status = 201;
      r.body = R"({"stored":)" + std::to_string(stored_) + "}";
      return r;
    }

   private:
    std::vector<std::size_t>& handed_;
    std::size_t& stored_;
  };

  RequestHandler handler;
  handler.workers = &workers;
  handler.lane = [](const Request&) { return Lane::general; };
  handler.handle = [&](Request&) {
    holding.set_value();
    released.wait();
    Response r;
    r.body = R"({"posted":true})";
    return r;
  };
  handler.start_upload = [&](Request& head) {
    if (head.path != "/upload") return std::optional<UploadStart>();
    return std::optional<UploadStart>(
        UploadStart{.upload = std::make_unique<CountingUpload>(handed, stored)});
  };

  Config::Server config;
  config.listen = "127.0.0.1:0";
  config.tls_listen = "";
  config.threads = 1;
  config.shutdown_grace_seconds = 5;
  AccessLog no_log("");
  std::promise<int> listening;
  std::thread server([&] {
    serve(config, handler, no_log, [&](const ListeningAddresses& a) {
      listening.set_value(std::stoi(a.http.substr(a.http.rfind(':') + 1)));
    });
  });
  const int port = listening.get_future().get();

  Socket post(port);
  post.send("POST", "/posts");
  holding.get_future().wait();  // the general pool's only thread is taken and its queue is 0
  Socket busy(port);
  busy.send("POST", "/posts");
  EXPECT_NE(busy.answer().find("HTTP/1.1 503"), std::string::npos) << "the general pool is full";

  const std::size_t mib = std::size_t{1} << 20;
  Socket upload(port);
  upload.send("POST", "/upload", std::string(3 * mib + 300000, 'x'));
  auto answered = upload.answer();
  EXPECT_NE(answered.find("HTTP/1.1 201"), std::string::npos) << answered;
  EXPECT_NE(answered.find(std::to_string(3 * mib + 300000)), std::string::npos) << answered;
  // Three whole chunks while the body arrived, the rest with the finish.
  ASSERT_EQ(handed.size(), 4U);
  for (int i = 0; i < 3; ++i) EXPECT_GE(handed[i], mib) << i;
  EXPECT_EQ(handed[0] + handed[1] + handed[2] + handed[3], 3 * mib + 300000);

  release.set_value();
  EXPECT_NE(post.answer().find("HTTP/1.1 200"), std::string::npos);
  ::kill(::getpid(), SIGTERM);
  server.join();
}

}  // namespace
}  // namespace musubi::http
