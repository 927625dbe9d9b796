#include "core/rate_window.hpp"

#include <gtest/gtest.h>

#include <string>

namespace musubi {
namespace {

TEST(RateWindow, StopsAKeyAtItsLimitUntilTheWindowEnds) {
  RateWindow window(3, 60);
  EXPECT_FALSE(window.exhausted("a", 1000));
  EXPECT_EQ(window.count("a", 1000), 1);
  EXPECT_EQ(window.count("a", 1010), 2);
  EXPECT_FALSE(window.exhausted("a", 1020));
  EXPECT_EQ(window.count("a", 1020), 3);
  EXPECT_TRUE(window.exhausted("a", 1059));
  EXPECT_FALSE(window.exhausted("b", 1059)) << "keys are counted apart";
  EXPECT_FALSE(window.exhausted("a", 1060)) << "the window starts at the first event";
  EXPECT_EQ(window.count("a", 1060), 1);
}

TEST(RateWindow, StaysBoundedUnderAFloodOfKeys) {
  RateWindow window(1, 60, 100);
  for (int i = 0; i < 1000; i++) window.count("k" + std::to_string(i), 1000);
  // The newest key is still counted; the table did not grow past its capacity.
  EXPECT_TRUE(window.exhausted("k999", 1000));
  int remembered = 0;
  for (int i = 0; i < 1000; i++) remembered += window.exhausted("k" + std::to_string(i), 1000);
  EXPECT_LE(remembered, 100);
}

}  // namespace
}  // namespace musubi
