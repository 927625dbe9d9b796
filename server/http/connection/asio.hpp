// The Beast/Asio names the connection code uses. Included only by http/server.cpp and the
// connection headers it includes, so that Beast is compiled in one translation unit.
#pragma once

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <chrono>

namespace musubi::http::connection {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

inline constexpr auto use_tuple = net::as_tuple(net::use_awaitable);

}  // namespace musubi::http::connection
