// The write path itself: many writers at once (committed together by the SQLite backend), some
// of which fail half-way. Every write that returned is there; every one that threw left nothing.
#include <atomic>
#include <stdexcept>
#include <thread>

#include "backends.hpp"

namespace musubi::storetest {
namespace {

TEST_P(StoreTest, ConcurrentWritesThatFailLeaveNothingAndTheOthersAllStay) {
  constexpr int kThreads = 8;
  constexpr int kEach = 40;
  std::atomic<int> succeeded{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const bool fail = (i % 3) == 0;
        const auto code = "w" + std::to_string(t) + "-" + std::to_string(i);
        try {
          store->write([&](storage::Transaction& tx) {
            tx.regions().insert({.code = code, .name = "地域", .created_at = 1});
            tx.regions().insert({.code = code + "-b", .name = "地域", .created_at = 1});
            if (fail) throw std::runtime_error("half-way");
          });
          ++succeeded;
        } catch (const std::runtime_error&) {
          ++refused;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(succeeded + refused, kThreads * kEach);
  store->read([&](storage::Transaction& tx) {
    for (int t = 0; t < kThreads; ++t) {
      for (int i = 0; i < kEach; ++i) {
        const auto code = "w" + std::to_string(t) + "-" + std::to_string(i);
        const bool expected = (i % 3) != 0;
        EXPECT_EQ(tx.regions().find_by_code(code).has_value(), expected) << code;
        EXPECT_EQ(tx.regions().find_by_code(code + "-b").has_value(), expected) << code;
      }
    }
  });
}

TEST_P(StoreTest, AConstraintViolationFailsOnlyItsOwnWrite) {
  std::vector<std::thread> threads;
  std::atomic<int> duplicates{0};
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      try {
        store->write([&](storage::Transaction& tx) {
          tx.regions().insert({.code = "own-" + std::to_string(t), .name = "x", .created_at = 1});
          tx.regions().insert({.code = "shared", .name = "x", .created_at = 1});
        });
      } catch (const std::exception&) {
        ++duplicates;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(duplicates, 5);  // exactly one writer got "shared"
  store->read([&](storage::Transaction& tx) {
    int own = 0;
    for (int t = 0; t < 6; ++t)
      own += tx.regions().find_by_code("own-" + std::to_string(t)) ? 1 : 0;
    EXPECT_EQ(own, 1);  // and only its own row stayed with it
    EXPECT_TRUE(tx.regions().find_by_code("shared"));
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace musubi::storetest
