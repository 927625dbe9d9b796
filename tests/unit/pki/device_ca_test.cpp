// A region CA and its device certificates, with OpenSSL only (no server): what a browser imports
// opens with its password, names its user and verifies against its own region's CA only.
#include "pki/device_ca.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace musubi::pki {
namespace {

TEST(DeviceCa, ACertificateOpensWithItsPasswordAndVerifiesAgainstItsRegionOnly) {
  auto ca = create_region_ca("つくば市", "operator secret");
  EXPECT_NE(ca.encrypted_key_pem.find("ENCRYPTED PRIVATE KEY"), std::string::npos);
  auto device = issue_device_certificate(ca, "operator secret", "sato.dr", "診療所のPC", 730);
  EXPECT_EQ(device.serial.size(), 32U);
  EXPECT_EQ(device.fingerprint.size(), 64U);
  EXPECT_EQ(device.import_password.size(), 16U);

  auto opened = open_pkcs12(device.pkcs12, device.import_password);
  EXPECT_EQ(opened.common_name, "sato.dr");
  EXPECT_EQ(opened.serial, device.serial);
  EXPECT_TRUE(verifies_against(opened.certificate_pem, ca.certificate_pem));

  auto other = create_region_ca("土浦市", "operator secret");
  EXPECT_FALSE(verifies_against(opened.certificate_pem, other.certificate_pem));
}

TEST(DeviceCa, WrongPasswordsAndExpiredCertificatesFail) {
  auto ca = create_region_ca("つくば市", "operator secret");
  EXPECT_THROW(issue_device_certificate(ca, "a guess", "sato.dr", "PC", 730), std::runtime_error);
  auto device = issue_device_certificate(ca, "operator secret", "sato.dr", "PC", 730);
  EXPECT_THROW(open_pkcs12(device.pkcs12, "wrong"), std::runtime_error);
  EXPECT_THROW(open_pkcs12("not a pkcs12", device.import_password), std::runtime_error);

  auto expired = issue_device_certificate(ca, "operator secret", "sato.dr", "古いPC", -1);
  auto opened = open_pkcs12(expired.pkcs12, expired.import_password);
  EXPECT_FALSE(verifies_against(opened.certificate_pem, ca.certificate_pem));
  EXPECT_THROW(create_region_ca("つくば市", ""), std::runtime_error);
}

TEST(DeviceCa, EveryCertificateGetsItsOwnSerialAndPassword) {
  auto ca = create_region_ca("つくば市", "s");
  auto a = issue_device_certificate(ca, "s", "sato.dr", "PC", 30);
  auto b = issue_device_certificate(ca, "s", "sato.dr", "PC", 30);
  EXPECT_NE(a.serial, b.serial);
  EXPECT_NE(a.import_password, b.import_password);
  EXPECT_NE(a.fingerprint, b.fingerprint);
}

// A serial is 16 random bytes; one whose first byte came out zero used to print as 30 digits
// (about one certificate in 128), so serials shown to administrators had no fixed length.
TEST(DeviceCa, EverySerialHasThirtyTwoHexDigits) {
  auto ca = create_region_ca("つくば市", "s");
  for (int i = 0; i < 150; ++i) {
    auto device = issue_device_certificate(ca, "s", "sato.dr", "PC", 30);
    ASSERT_EQ(device.serial.size(), 32U) << device.serial;
    ASSERT_EQ(device.serial.find_first_not_of("0123456789ABCDEF"), std::string::npos);
  }
}

}  // namespace
}  // namespace musubi::pki
