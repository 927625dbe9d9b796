// The worker pools behind the HTTP server: jobs beyond the bound are refused at once, one pool's
// busy threads never hold up another's, and what was accepted still runs at shutdown. Ordering
// only: each job waits on a latch the test opens, never on the time.
#include "core/work_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <latch>
#include <stdexcept>

namespace musubi {
namespace {

// A job that says when it has started and then waits until it is let go.
struct HeldJob {
  std::promise<void> started;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();

  std::function<void()> job() {
    return [this] {
      started.set_value();
      released.wait();
    };
  }
};

TEST(WorkPool, BeyondItsThreadsAndQueueAJobIsRefusedAtOnce) {
  // What the jobs touch is declared before the pool, so the pool's threads are joined first.
  HeldJob running;
  std::atomic<int> ran{0};
  std::promise<void> done;
  WorkPool pool("login", 1, 2);
  ASSERT_TRUE(pool.try_submit(running.job()));
  running.started.get_future().wait();
  EXPECT_TRUE(pool.try_submit([&] { ++ran; }));
  EXPECT_TRUE(pool.try_submit([&] { ++ran; }));
  EXPECT_EQ(pool.running(), 1U);
  EXPECT_EQ(pool.queued(), 2U);
  EXPECT_FALSE(pool.try_submit([&] { ran += 100; })) << "the queue holds two";
  EXPECT_EQ(pool.refused(), 1U);
  running.release.set_value();
  // Once the queue drains, the pool takes work again.
  while (!pool.try_submit([&] { done.set_value(); })) std::this_thread::yield();
  done.get_future().wait();
  EXPECT_EQ(ran, 2);
}

TEST(WorkPool, WithNoQueueOnlyIdleThreadsTakeWork) {
  HeldJob first;
  HeldJob second;
  WorkPool pool("heavy", 2, 0);
  ASSERT_TRUE(pool.try_submit(first.job()));
  ASSERT_TRUE(pool.try_submit(second.job()));
  EXPECT_FALSE(pool.try_submit([] {})) << "both threads are taken, even before they start";
  first.started.get_future().wait();
  second.started.get_future().wait();
  first.release.set_value();
  second.release.set_value();
}

TEST(WorkPool, OnePoolsBusyThreadsDoNotHoldUpAnother) {
  HeldJob hashing;
  std::latch answered(3);
  WorkPool login("login", 1, 0);
  WorkPool general("general", 2, 8);
  ASSERT_TRUE(login.try_submit(hashing.job()));
  hashing.started.get_future().wait();
  // While the login pool's only thread is taken, the general pool answers.
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(general.try_submit([&] { answered.count_down(); }));
  answered.wait();
  EXPECT_EQ(login.running(), 1U);
  EXPECT_FALSE(login.try_submit([] {}));
  hashing.release.set_value();
}

TEST(WorkPool, AJobThatThrowsLeavesItsThreadWorking) {
  std::promise<int> after;
  WorkPool pool("general", 1, 4);
  ASSERT_TRUE(pool.try_submit([] { throw std::runtime_error("broken"); }));
  ASSERT_TRUE(pool.try_submit([&] { after.set_value(42); }));
  EXPECT_EQ(after.get_future().get(), 42);
}

TEST(WorkPool, AcceptedJobsStillRunWhenThePoolStops) {
  std::atomic<int> ran{0};
  HeldJob first;
  {
    WorkPool pool("general", 1, 4);
    ASSERT_TRUE(pool.try_submit(first.job()));
    first.started.get_future().wait();
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(pool.try_submit([&] { ++ran; }));
    first.release.set_value();
  }  // joins here
  EXPECT_EQ(ran, 4);
}

}  // namespace
}  // namespace musubi
