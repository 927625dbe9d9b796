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

  void send(const std::string& method, const std::string& path) {
    auto text = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n";
    ASSERT_EQ(::write(fd_, text.data(), text.size()), static_cast<ssize_t>(text.size()));
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
  Workers workers{.general = general, .login = login, .heavy = heavy};

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

}  // namespace
}  // namespace musubi::http
