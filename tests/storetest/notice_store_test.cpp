// Region notices in storage: the audience is the active users of the region its filters name,
// fixed when the notice is published; each recipient's reading and acknowledgement is theirs, and
// the publisher sees how far it has got.
#include <string>
#include <vector>

#include "backends.hpp"
#include "notice/notice_store.hpp"

namespace musubi::storetest {
namespace {

using notice::Audience;
using notice::Id;
using notice::Notice;
using notice::RecipientFilter;
using region::FacilityKind;

class NoticeStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store->write([&](storage::Transaction& tx) {
      doctor_job = tx.regions().insert_profession(region_a, "医師", true);
      nurse_job = tx.regions().insert_profession(region_a, "看護師", true);
      hospital = tx.facilities().insert(region_a,
                                        {.name = "つくば病院", .kind = FacilityKind::hospital}, 1);
      clinic = tx.facilities().insert(region_a,
                                      {.name = "みどり診療所", .kind = FacilityKind::clinic}, 1);
      city = tx.facilities().insert(region_a, {.name = "市役所", .kind = FacilityKind::city_office},
                                    1);
      publisher = user(tx, region_a, "publisher", city, std::nullopt);
      hospital_doctor = user(tx, region_a, "h_doctor", hospital, doctor_job);
      hospital_nurse = user(tx, region_a, "h_nurse", hospital, nurse_job);
      clinic_doctor = user(tx, region_a, "c_doctor", clinic, doctor_job);
      retired = user(tx, region_a, "retired", clinic, doctor_job);
      tx.users().set_active(retired, false, 1);
      elsewhere = user(tx, region_b, "elsewhere", std::nullopt, std::nullopt);
    });
  }

  Id user(storage::Transaction& tx, Id region, const std::string& login, std::optional<Id> facility,
          std::optional<Id> profession) {
    region::UserPatch u{.facility_id = facility,
                        .name = "利用 " + login,
                        .name_kana = "りよう",
                        .profession_id = profession,
                        .roles = {access::Role::professional}};
    return tx.users().insert(region, login, u, "h", false, 1);
  }
  std::int64_t count(const Audience& a, Id region = 0) {
    return store->read([&](storage::Transaction& tx) {
      return tx.notices().count_audience(region ? region : region_a, a);
    });
  }
  Id publish(Audience a = {}, UnixSeconds at = 100, bool ack = false,
             const std::string& title = "研修会のお知らせ", Id by = 0) {
    Notice n{.region_id = region_a,
             .publisher_id = by ? by : publisher,
             .title = title,
             .body = "日時: 6月1日\n場所: 「市役所」'; DROP TABLE notices;--",
             .important = true,
             .ack_requested = ack,
             .audience = a};
    return store->write([&](storage::Transaction& tx) { return tx.notices().publish(n, at); });
  }
  std::vector<Id> recipient_ids(Id notice) {
    return store->read(
        [&](storage::Transaction& tx) { return tx.notices().recipient_ids(notice); });
  }
  std::optional<Notice> find_for(Id notice, Id user) {
    return store->read(
        [&](storage::Transaction& tx) { return tx.notices().find_for(notice, user); });
  }
  std::optional<Notice> find_in_region(Id notice, Id region) {
    return store->read(
        [&](storage::Transaction& tx) { return tx.notices().find_in_region(notice, region); });
  }
  notice::NoticeCounts counts(Id user) {
    return store->read([&](storage::Transaction& tx) { return tx.notices().counts(user); });
  }
  std::vector<Id> recipients(Id notice, RecipientFilter filter,
                             std::optional<Id> after = std::nullopt, std::int64_t limit = 100) {
    std::vector<Id> out;
    for (const auto& r : store->read([&](storage::Transaction& tx) {
           return tx.notices().recipients(notice, filter, after, limit);
         })) {
      out.push_back(r.user_id);
    }
    return out;
  }

  Id doctor_job = 0, nurse_job = 0, hospital = 0, clinic = 0, city = 0;
  Id publisher = 0, hospital_doctor = 0, hospital_nurse = 0, clinic_doctor = 0, retired = 0;
  Id elsewhere = 0;
};

TEST_P(NoticeStoreTest, TheAudienceIsTheActiveUsersItsFiltersName) {
  EXPECT_EQ(count({}), 4) << "everyone active in region A";
  EXPECT_EQ(count({.facility_kinds = {FacilityKind::hospital}}), 2);
  EXPECT_EQ(count({.facility_kinds = {FacilityKind::hospital, FacilityKind::clinic}}), 3);
  EXPECT_EQ(count({.profession_ids = {doctor_job}}), 2);
  EXPECT_EQ(count({.facility_kinds = {FacilityKind::hospital}, .profession_ids = {doctor_job}}), 1);
  EXPECT_EQ(count({.facility_id = clinic}), 1);
  EXPECT_EQ(count({.facility_kinds = {FacilityKind::pharmacy}}), 0);
  EXPECT_EQ(count({}, region_b), 1);
}

TEST_P(NoticeStoreTest, RecipientsAreFixedWhenTheNoticeIsPublished) {
  auto id = publish({.facility_kinds = {FacilityKind::hospital}});
  EXPECT_EQ(recipient_ids(id), (std::vector<Id>{hospital_doctor, hospital_nurse}));
  store->write([&](storage::Transaction& tx) {
    user(tx, region_a, "newcomer", hospital, nurse_job);
    tx.users().set_active(hospital_nurse, false, 200);
  });
  EXPECT_EQ(recipient_ids(id), (std::vector<Id>{hospital_doctor, hospital_nurse}));
  auto everyone = publish();
  EXPECT_EQ(recipient_ids(everyone).size(), 4u) << "the newcomer in, the deactivated nurse out";
}

TEST_P(NoticeStoreTest, ARecipientReadsTheNoticeAsPublished) {
  auto id = publish({.facility_kinds = {FacilityKind::hospital, FacilityKind::clinic},
                     .profession_ids = {doctor_job}},
                    100, true);
  auto n = find_for(id, clinic_doctor);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->id, id);
  EXPECT_EQ(n->region_id, region_a);
  EXPECT_EQ(n->publisher_id, publisher);
  EXPECT_EQ(n->publisher_name, "利用 publisher");
  EXPECT_EQ(n->publisher_facility, "市役所");
  EXPECT_EQ(n->title, "研修会のお知らせ");
  EXPECT_EQ(n->body, "日時: 6月1日\n場所: 「市役所」'; DROP TABLE notices;--");
  EXPECT_TRUE(n->important);
  EXPECT_TRUE(n->ack_requested);
  EXPECT_EQ(n->audience.facility_kinds,
            (std::vector<FacilityKind>{FacilityKind::hospital, FacilityKind::clinic}));
  EXPECT_EQ(n->audience.profession_ids, std::vector<Id>{doctor_job});
  EXPECT_FALSE(n->audience.facility_id);
  EXPECT_EQ(n->published_at, 100);
  EXPECT_FALSE(n->reminded_at);
  EXPECT_FALSE(n->read_at);
  EXPECT_FALSE(n->acknowledged_at);
  EXPECT_FALSE(find_for(id, hospital_nurse)) << "not a recipient";
  EXPECT_FALSE(find_for(id, publisher));
  EXPECT_FALSE(find_for(id, elsewhere));
}

TEST_P(NoticeStoreTest, AFacilitysNoticeKeepsItsFacility) {
  auto id = publish({.facility_id = hospital});
  EXPECT_EQ(find_in_region(id, region_a)->audience.facility_id, hospital);
  EXPECT_EQ(recipient_ids(id), (std::vector<Id>{hospital_doctor, hospital_nurse}));
}

TEST_P(NoticeStoreTest, FirstReadingCountsAndAcknowledgingAlsoReads) {
  auto id = publish({}, 100, true);
  store->write([&](storage::Transaction& tx) {
    tx.notices().mark_read(id, hospital_doctor, 110);
    tx.notices().mark_read(id, hospital_doctor, 120);
    tx.notices().acknowledge(id, hospital_doctor, 130);
    tx.notices().acknowledge(id, hospital_doctor, 140);
    tx.notices().acknowledge(id, hospital_nurse, 150);
    tx.notices().mark_read(id, elsewhere, 150);  // not a recipient: nothing
  });
  auto d = find_for(id, hospital_doctor);
  EXPECT_EQ(d->read_at, 110);
  EXPECT_EQ(d->acknowledged_at, 130);
  auto n = find_for(id, hospital_nurse);
  EXPECT_EQ(n->read_at, 150);
  EXPECT_EQ(n->acknowledged_at, 150);
  auto c = find_in_region(id, region_a);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->recipients, 4);
  EXPECT_EQ(c->read, 2);
  EXPECT_EQ(c->acknowledged, 2);
  EXPECT_FALSE(find_in_region(id, region_b)) << "another region's administrator sees nothing";
}

TEST_P(NoticeStoreTest, CountsAreUnreadAndUnacknowledgedOfNoticesThatAsk) {
  auto plain = publish({}, 100, false);
  auto asking = publish({}, 110, true);
  publish({.facility_id = clinic}, 120, true);
  EXPECT_EQ(counts(hospital_doctor).unread, 2);
  EXPECT_EQ(counts(hospital_doctor).unacknowledged, 1);
  EXPECT_EQ(counts(clinic_doctor).unread, 3);
  EXPECT_EQ(counts(clinic_doctor).unacknowledged, 2);
  store->write([&](storage::Transaction& tx) {
    tx.notices().mark_read(plain, hospital_doctor, 130);
    tx.notices().mark_read(asking, hospital_doctor, 130);
  });
  EXPECT_EQ(counts(hospital_doctor).unread, 0);
  EXPECT_EQ(counts(hospital_doctor).unacknowledged, 1) << "read is not acknowledged";
  store->write(
      [&](storage::Transaction& tx) { tx.notices().acknowledge(plain, clinic_doctor, 140); });
  EXPECT_EQ(counts(clinic_doctor).unread, 2);
  EXPECT_EQ(counts(clinic_doctor).unacknowledged, 2);
  EXPECT_EQ(counts(elsewhere).unread, 0);
}

TEST_P(NoticeStoreTest, ReceivedNoticesPageNewestFirst) {
  std::vector<Id> ids;
  for (int i = 0; i < 7; ++i) ids.push_back(publish({}, 100 + i, false, "第" + std::to_string(i)));
  publish({.facility_id = clinic}, 200);  // not for the hospital's doctor
  auto received = [&](std::optional<Id> before, std::int64_t limit) {
    std::vector<Id> out;
    for (const auto& n : store->read([&](storage::Transaction& tx) {
           return tx.notices().received(hospital_doctor, before, limit);
         })) {
      out.push_back(n.id);
    }
    return out;
  };
  auto first = received(std::nullopt, 3);
  EXPECT_EQ(first, (std::vector<Id>{ids[6], ids[5], ids[4]}));
  EXPECT_EQ(received(first.back(), 3), (std::vector<Id>{ids[3], ids[2], ids[1]}));
  EXPECT_EQ(received(ids[1], 3), (std::vector<Id>{ids[0]}));
  EXPECT_TRUE(store
                  ->read([&](storage::Transaction& tx) {
                    return tx.notices().received(elsewhere, std::nullopt, 10);
                  })
                  .empty());
}

TEST_P(NoticeStoreTest, PublishedNoticesAreListedByPublisherOrRegionWithTheirProgress) {
  auto mine = publish({.facility_kinds = {FacilityKind::hospital}}, 100);
  auto theirs = publish({}, 110, false, "他の人の", hospital_doctor);
  store->write(
      [&](storage::Transaction& tx) { tx.notices().mark_read(mine, hospital_nurse, 120); });
  auto published = [&](std::optional<Id> by, Id region, std::optional<Id> before = std::nullopt) {
    return store->read(
        [&](storage::Transaction& tx) { return tx.notices().published(by, region, before, 10); });
  };
  auto by_me = published(publisher, region_a);
  ASSERT_EQ(by_me.size(), 1u);
  EXPECT_EQ(by_me[0].id, mine);
  EXPECT_EQ(by_me[0].recipients, 2);
  EXPECT_EQ(by_me[0].read, 1);
  EXPECT_EQ(by_me[0].acknowledged, 0);
  auto in_region = published(std::nullopt, region_a);
  ASSERT_EQ(in_region.size(), 2u);
  EXPECT_EQ(in_region[0].id, theirs);
  EXPECT_EQ(in_region[0].recipients, 4) << "everyone active, its publisher too";
  EXPECT_EQ(in_region[1].id, mine);
  EXPECT_EQ(published(std::nullopt, region_a, theirs).size(), 1u);
  EXPECT_TRUE(published(std::nullopt, region_b).empty());
}

TEST_P(NoticeStoreTest, RecipientsAreFilteredAndPagedByUser) {
  auto id = publish({}, 100, true);
  store->write([&](storage::Transaction& tx) {
    tx.notices().mark_read(id, hospital_doctor, 110);
    tx.notices().acknowledge(id, clinic_doctor, 120);
  });
  const std::vector<Id> all{publisher, hospital_doctor, hospital_nurse, clinic_doctor};
  EXPECT_EQ(recipients(id, RecipientFilter::all), all);
  EXPECT_EQ(recipients(id, RecipientFilter::unread), (std::vector<Id>{publisher, hospital_nurse}));
  EXPECT_EQ(recipients(id, RecipientFilter::unacknowledged),
            (std::vector<Id>{publisher, hospital_doctor, hospital_nurse}));
  EXPECT_EQ(recipients(id, RecipientFilter::all, std::nullopt, 2),
            (std::vector<Id>{publisher, hospital_doctor}));
  EXPECT_EQ(recipients(id, RecipientFilter::all, hospital_doctor, 2),
            (std::vector<Id>{hospital_nurse, clinic_doctor}));
  auto rows = store->read([&](storage::Transaction& tx) {
    return tx.notices().recipients(id, RecipientFilter::all, publisher, 1);
  });
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].name, "利用 h_doctor");
  EXPECT_EQ(rows[0].facility, "つくば病院");
  EXPECT_EQ(rows[0].profession, "医師");
  EXPECT_EQ(rows[0].read_at, 110);
  EXPECT_FALSE(rows[0].acknowledged_at);
}

TEST_P(NoticeStoreTest, AReminderIsRecordedOnTheNotice) {
  auto id = publish();
  store->write([&](storage::Transaction& tx) { tx.notices().set_reminded(id, 500); });
  EXPECT_EQ(find_in_region(id, region_a)->reminded_at, 500);
  EXPECT_EQ(find_for(id, clinic_doctor)->reminded_at, 500);
}

INSTANTIATE_TEST_SUITE_P(Backends, NoticeStoreTest, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace musubi::storetest
