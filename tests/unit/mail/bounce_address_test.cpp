// Bounce addresses name the mail they are for and cannot be made up without the token.
#include "mail/bounce_address.hpp"

#include <gtest/gtest.h>

namespace musubi::mail {
namespace {

Config::Mail inbound() {
  Config::Mail m;
  m.from = "musubi@example.jp";
  m.inbound_domain = "groups.example.jp";
  m.inbound_token = "a-long-shared-secret";
  return m;
}

TEST(BounceAddress, NamesTheMailAndReadsBack) {
  auto address = envelope_sender(42, inbound());
  ASSERT_TRUE(address.starts_with("bounce-42-"));
  ASSERT_TRUE(address.ends_with("@groups.example.jp"));
  auto local = address.substr(0, address.find('@'));
  EXPECT_EQ(bounced_mail(local, "a-long-shared-secret"), 42);
}

TEST(BounceAddress, GuessedOrAlteredAddressesNameNothing) {
  auto address = envelope_sender(42, inbound());
  auto local = address.substr(0, address.find('@'));
  EXPECT_FALSE(bounced_mail(local, "another-token"));
  auto other = local;
  other.replace(7, 2, "43");  // bounce-43-<tag of 42>
  EXPECT_FALSE(bounced_mail(other, "a-long-shared-secret"));
  EXPECT_FALSE(bounced_mail("bounce-42-0000000000000000", "a-long-shared-secret"));
  EXPECT_FALSE(bounced_mail("bounce-x-00", "a-long-shared-secret"));
  EXPECT_FALSE(bounced_mail("bounce--1-00", "a-long-shared-secret"));
  EXPECT_FALSE(bounced_mail("group-42", "a-long-shared-secret"));
  EXPECT_FALSE(bounced_mail(local, "")) << "no token: no bounces taken";
}

TEST(BounceAddress, WithoutMailIntoMusubiTheSenderIsMailFrom) {
  auto m = inbound();
  m.inbound_token.clear();
  EXPECT_EQ(envelope_sender(42, m), "musubi@example.jp");
}

}  // namespace
}  // namespace musubi::mail
