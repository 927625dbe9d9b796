// Every unit and store suite creates and logs in accounts; at the server's argon2id cost that
// is most of their time (minutes under the sanitizers). They hash at the minimum cost instead:
// what they test is who may log in, not how slow a guess is (password_test.cpp checks the
// server's cost).
#include <gtest/gtest.h>

#include "access/password.hpp"

namespace {

class CheapPasswordHashes : public ::testing::Environment {
 public:
  void SetUp() override { musubi::access::use_cheap_password_hashes_in_tests(true); }
};

const auto* const kRegistered = ::testing::AddGlobalTestEnvironment(new CheapPasswordHashes);

}  // namespace
