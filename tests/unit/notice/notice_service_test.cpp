// The notice rules on a real database: who a notice reaches, who may see what of it, and that a
// refused notice writes nothing.
#include "notice/notice_service.hpp"
#include "notify/notice_reminders.hpp"

#include <gtest/gtest.h>

#include "../fixture/test_region.hpp"
#include "core/error.hpp"
#include "notice/notice_store.hpp"
#include "notify/notify_store.hpp"
#include "storage/storage.hpp"

namespace musubi::notice {
namespace {

class NoticeServiceTest : public testing::TestRegion {
 protected:
  void SetUp() override {
    TestRegion::SetUp();
    notices = std::make_unique<NoticeService>(*storage, clock, nullptr, &reminders);
    clinic = add_facility("みどりクリニック", "clinic");
    station = add_facility("ひまわり訪問看護ステーション", "visiting_nurse_station");
    doctor = add_user("sato.dr", {"professional"}, clinic);
    clinic_nurse = add_user("clinic.nurse", {"professional"}, clinic);
    station_head = add_user("station.head", {"professional", "facility_admin"}, station);
    station_nurse = add_user("station.nurse", {"professional"}, station);
  }

  NoticeInput input(std::vector<std::string> kinds = {}) {
    return {.title = "お知らせ", .body = "本文", .facility_kinds = std::move(kinds)};
  }
  std::int64_t stored() {
    return storage->read([](storage::Transaction& tx) {
      return static_cast<std::int64_t>(
          tx.notices().published(std::nullopt, 1, std::nullopt, 100).size());
    });
  }

  notify::NoticeReminders reminders;
  std::unique_ptr<NoticeService> notices;
  region::Id clinic = 0;
  region::Id station = 0;
  access::Actor doctor, clinic_nurse, station_head, station_nurse;
};

TEST_F(NoticeServiceTest, RegionAdministratorReachesTheRegionOrTheChosenKinds) {
  // Everyone active: the administrator and the four professionals.
  EXPECT_EQ(notices->audience_size(admin, input()), 5);
  auto to_clinics = notices->publish(admin, input({"clinic", "clinic"}));
  EXPECT_EQ(to_clinics.recipients, 2);
  EXPECT_EQ(to_clinics.audience.facility_kinds.size(), 1u) << "a kind named twice counts once";
  EXPECT_EQ(notices->received(doctor, std::nullopt, 20).size(), 1u);
  EXPECT_TRUE(notices->received(station_nurse, std::nullopt, 20).empty());
}

TEST_F(NoticeServiceTest, FacilityAdministratorReachesHerStaffOnlyAndCannotNameKinds) {
  auto mine = notices->publish(station_head, input());
  EXPECT_EQ(mine.recipients, 2);
  EXPECT_EQ(mine.audience.facility_id, station);
  EXPECT_TRUE(notices->received(doctor, std::nullopt, 20).empty());
  const auto before = stored();
  try {
    notices->publish(station_head, input({"clinic"}));
    FAIL() << "a facility administrator named facility kinds";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::forbidden);
  }
  EXPECT_EQ(stored(), before);
  EXPECT_THROW(notices->publish(doctor, input()), Error) << "no administrator role";
}

TEST_F(NoticeServiceTest, ReadAndConfirmOnceAndOnlyByRecipients) {
  auto in = input();
  in.ack_requested = true;
  auto n = notices->publish(admin, in);
  EXPECT_EQ(notices->counts(doctor).unread, 1);
  EXPECT_EQ(notices->counts(doctor).unacknowledged, 1);
  auto opened = notices->open(doctor, n.id);
  EXPECT_EQ(opened.read_at, clock.now());
  EXPECT_EQ(opened.recipients, 0) << "a recipient sees no counts";
  clock.advance(60);
  auto confirmed = notices->acknowledge(doctor, n.id);
  clock.advance(60);
  EXPECT_EQ(notices->acknowledge(doctor, n.id).acknowledged_at, confirmed.acknowledged_at);
  EXPECT_EQ(notices->counts(doctor).unacknowledged, 0);
  auto seen = notices->open(admin, n.id);
  EXPECT_EQ(seen.read, 2) << "the doctor, and the administrator who opened it as a recipient";
  EXPECT_EQ(seen.acknowledged, 1);
  auto waiting =
      notices->recipients(admin, n.id, RecipientFilter::unacknowledged, std::nullopt, 100);
  EXPECT_EQ(waiting.size(), 4u);
  // The station's administrator is a recipient but not the publisher: no lists for her.
  EXPECT_THROW(notices->recipients(station_head, n.id, RecipientFilter::all, std::nullopt, 100),
               Error);
  auto plain = notices->publish(admin, input());
  try {
    notices->acknowledge(doctor, plain.id);
    FAIL() << "confirmed a notice that asks for no confirmation";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::conflict);
  }
}

TEST_F(NoticeServiceTest, ItsPublisherRemindsThoseNotDoneOnceAnHour) {
  auto told = [&](const access::Actor& a) {
    return storage->read(
        [&](storage::Transaction& tx) { return tx.notifications().list(a.user_id, {}, 100); });
  };
  auto in = input();
  in.ack_requested = true;
  auto n = notices->publish(admin, in);
  notices->open(clinic_nurse, n.id);  // read but not acknowledged: still reminded
  notices->acknowledge(doctor, n.id);
  EXPECT_THROW(notices->remind(station_head, n.id), Error) << "not hers";
  EXPECT_THROW(notices->remind(doctor, n.id), Error);
  EXPECT_EQ(notices->remind(admin, n.id), 3) << "the two nurses and the station's head";
  ASSERT_EQ(told(station_nurse).size(), 1u);
  EXPECT_EQ(told(station_nurse)[0].kind, notify::Kind::reminder);
  EXPECT_EQ(told(station_nurse)[0].notice_id, n.id);
  EXPECT_EQ(told(clinic_nurse).size(), 1u);
  EXPECT_TRUE(told(doctor).empty()) << "done";
  EXPECT_TRUE(told(admin).empty()) << "not the publisher";
  try {
    notices->remind(admin, n.id);
    FAIL() << "twice within the hour";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::conflict);
  }
  EXPECT_EQ(notices->open(admin, n.id).reminded_at, clock.now());
  clock.advance(3600);
  for (const auto* a : {&clinic_nurse, &station_head, &station_nurse}) {
    notices->acknowledge(*a, n.id);
  }
  EXPECT_EQ(notices->remind(admin, n.id), 0) << "nobody left";
  EXPECT_EQ(notices->open(admin, n.id).reminded_at, clock.now() - 3600) << "nothing written";

  // Without acknowledgement asked for, those who have not read it.
  auto plain = notices->publish(station_head, input());
  notices->open(station_nurse, plain.id);
  EXPECT_EQ(notices->remind(station_head, plain.id), 0) << "her only recipient has read it";
  EXPECT_THROW(notices->remind(admin, 999999), Error);
}

TEST_F(NoticeServiceTest, OthersFindNothing) {
  auto mine = notices->publish(station_head, input());
  try {
    notices->open(doctor, mine.id);
    FAIL() << "the doctor read the station's notice";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::not_found);
  }
  EXPECT_THROW(notices->acknowledge(doctor, mine.id), Error);
  EXPECT_THROW(notices->open(doctor, 999999), Error);
}

}  // namespace
}  // namespace musubi::notice
