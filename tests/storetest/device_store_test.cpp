// Device certificates in storage: each region's CA, the devices issued under it, a PKCS#12 that
// can be downloaded once with an unexpired token, and revocation that sticks.
#include <string>
#include <vector>

#include "auth/device_store.hpp"
#include "backends.hpp"

namespace musubi::storetest {
namespace {

using auth::Device;
using auth::Id;

class DeviceStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store->write([&](storage::Transaction& tx) {
      doctor = professional(tx, "doctor");
      nurse = professional(tx, "nurse");
      region::UserPatch u{.name = "他町", .roles = {access::Role::professional}};
      elsewhere = tx.users().insert(region_b, "elsewhere", u, "h", false, 1);
    });
  }

  Device device(Id user, const std::string& serial, UnixSeconds expires_at = 1000) {
    return {.user_id = user,
            .name = "診療所のPC \"受付\"",
            .serial = serial,
            .fingerprint = "fp-" + serial,
            .issued_at = 100,
            .expires_at = expires_at};
  }
  Id issue(const Device& d, const std::string& token_hash = "", UnixSeconds download_expires_at = 0,
           const std::string& pkcs12 = "") {
    return store->write([&](storage::Transaction& tx) {
      return tx.devices().insert(d, doctor, token_hash, download_expires_at, pkcs12);
    });
  }
  std::optional<std::pair<Device, std::string>> take(const std::string& token_hash,
                                                     UnixSeconds now) {
    return store->write(
        [&](storage::Transaction& tx) { return tx.devices().take_download(token_hash, now); });
  }
  std::optional<Device> find(Id id) {
    return store->read([&](storage::Transaction& tx) { return tx.devices().find(id); });
  }

  Id doctor = 0, nurse = 0, elsewhere = 0;  // elsewhere: a user of region B
};

TEST_P(DeviceStoreTest, ARegionHasOneCaAndReplacingItKeepsOnlyTheNewOne) {
  store->write([&](storage::Transaction& tx) {
    EXPECT_FALSE(tx.devices().region_ca(region_a));
    tx.devices().insert_region_ca({region_a, "CERT-A1", "KEY-A1"}, 1);
    tx.devices().insert_region_ca({region_b, "CERT-B", "KEY-B"}, 1);
  });
  EXPECT_ANY_THROW(store->write([&](storage::Transaction& tx) {
    tx.devices().insert_region_ca({region_a, "CERT-A-again", "KEY"}, 2);
  })) << "one CA per region";
  store->write([&](storage::Transaction& tx) {
    // An external CA: Musubi never has its key.
    tx.devices().replace_region_ca({region_a, "CERT-A2", ""}, 3);
  });
  store->read([&](storage::Transaction& tx) {
    auto a = tx.devices().region_ca(region_a);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->certificate_pem, "CERT-A2");
    EXPECT_TRUE(a->external());
    auto b = tx.devices().region_ca(region_b);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->encrypted_key_pem, "KEY-B");
    EXPECT_FALSE(b->external());
    EXPECT_EQ(tx.devices().ca_certificates(), (std::vector<std::string>{"CERT-A2", "CERT-B"}));
  });
}

TEST_P(DeviceStoreTest, ADeviceComesBackByIdAndSerialWithItsUsersRegion) {
  auto d = device(doctor, "0A1B2C");
  auto id = issue(d);
  for (const auto& found : {find(id), store->read([&](storage::Transaction& tx) {
                              return tx.devices().find_by_serial("0A1B2C");
                            })}) {
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, id);
    EXPECT_EQ(found->user_id, doctor);
    EXPECT_EQ(found->region_id, region_a);
    EXPECT_EQ(found->name, d.name);
    EXPECT_EQ(found->fingerprint, "fp-0A1B2C");
    EXPECT_EQ(found->issued_at, 100);
    EXPECT_EQ(found->expires_at, 1000);
    EXPECT_FALSE(found->revoked_at);
    EXPECT_FALSE(found->last_used_at);
    EXPECT_TRUE(found->downloaded) << "handed over directly: nothing waits";
  }
  EXPECT_FALSE(
      store->read([&](storage::Transaction& tx) { return tx.devices().find_by_serial("0a1b2c"); }));
  EXPECT_FALSE(find(id + 1));
}

TEST_P(DeviceStoreTest, SerialsAndFingerprintsAreUnique) {
  issue(device(doctor, "AA"));
  EXPECT_ANY_THROW(issue(device(nurse, "AA")));
  auto other = device(nurse, "BB");
  other.fingerprint = "fp-AA";
  EXPECT_ANY_THROW(issue(other));
}

TEST_P(DeviceStoreTest, AUsersDevicesAreListedNewestFirst) {
  auto first = issue(device(doctor, "01"));
  issue(device(nurse, "02"));
  auto second = issue(device(doctor, "03"));
  auto mine = store->read([&](storage::Transaction& tx) { return tx.devices().of_user(doctor); });
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].id, second);
  EXPECT_EQ(mine[1].id, first);
  EXPECT_TRUE(store->read([&](storage::Transaction& tx) { return tx.devices().of_user(elsewhere); })
                  .empty());
}

TEST_P(DeviceStoreTest, ThePkcs12IsDownloadedOnceWithAnUnexpiredToken) {
  const std::string pkcs12("\x30\x82\x00\x01binary\0bytes", 16);
  auto id = issue(device(doctor, "D1"), "token-hash", 500, pkcs12);
  EXPECT_FALSE(find(id)->downloaded);
  EXPECT_FALSE(take("other-token", 200));
  EXPECT_FALSE(take("token-hash", 500)) << "expired at 500";
  auto got = take("token-hash", 499);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->first.id, id);
  EXPECT_TRUE(got->first.downloaded);
  EXPECT_EQ(got->second, pkcs12);
  EXPECT_FALSE(take("token-hash", 499)) << "once only";
  EXPECT_TRUE(find(id)->downloaded);
}

TEST_P(DeviceStoreTest, RevokingTakesEffectOnceAndStopsTheDownload) {
  auto id = issue(device(doctor, "R1"), "tok", 500, "p12");
  store->write([&](storage::Transaction& tx) {
    EXPECT_TRUE(tx.devices().revoke(id, doctor, 150));
    EXPECT_FALSE(tx.devices().revoke(id, doctor, 160)) << "already revoked";
  });
  auto d = find(id);
  EXPECT_EQ(d->revoked_at, 150);
  EXPECT_FALSE(d->usable(151));
  EXPECT_FALSE(take("tok", 200)) << "a revoked certificate is not handed out";
}

TEST_P(DeviceStoreTest, UsableDevicesAreCountedPerRegion) {
  issue(device(doctor, "U1", 1000));
  issue(device(nurse, "U2", 300));
  auto revoked = issue(device(nurse, "U3", 1000));
  issue(device(elsewhere, "U4", 1000));
  store->write([&](storage::Transaction& tx) { tx.devices().revoke(revoked, 0, 150); });
  auto usable = [&](Id region, UnixSeconds now) {
    return store->read(
        [&](storage::Transaction& tx) { return tx.devices().usable_in_region(region, now); });
  };
  EXPECT_EQ(usable(region_a, 200), 2);
  EXPECT_EQ(usable(region_a, 300), 1) << "expired at 300";
  EXPECT_EQ(usable(region_a, 1000), 0);
  EXPECT_EQ(usable(region_b, 200), 1);
}

TEST_P(DeviceStoreTest, UseIsRecordedWithTheAddress) {
  auto id = issue(device(doctor, "T1"));
  store->write([&](storage::Transaction& tx) { tx.devices().touch(id, 400, "192.0.2.7"); });
  store->write([&](storage::Transaction& tx) { tx.devices().touch(id, 450, "2001:db8::7"); });
  auto d = find(id);
  EXPECT_EQ(d->last_used_at, 450);
  EXPECT_EQ(d->last_ip, "2001:db8::7");
}

INSTANTIATE_TEST_SUITE_P(Backends, DeviceStoreTest, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace musubi::storetest
