// Handing a request's work to a worker pool and waiting for it without holding an I/O thread.
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

#include "http/connection/asio.hpp"
#include "http/connection/state.hpp"

namespace musubi::http::connection {

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
inline net::awaitable<std::optional<Response>> reads_logged(
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

}  // namespace musubi::http::connection
