// Disaster mode in storage: the register round-trips field for field; a disaster covers its
// areas (or the whole region) and nothing of another region; a team member's list holds the
// persons of their boards only, not of a board where they answer one request; the current status
// is the report observed last, whatever the order reports arrive in; every change moves the
// version, and "changed since" returns exactly what changed; the tallies count by area, priority
// and status.
#include <algorithm>
#include <string>
#include <vector>

#include "backends.hpp"
#include "disaster/disaster_store.hpp"
#include "region/region_store.hpp"

namespace musubi::storetest {
namespace {

using disaster::AreaId;
using disaster::Disaster;
using disaster::DisasterId;
using disaster::Status;

class DisasterStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store->write([&](storage::Transaction& tx) {
      auto& d = tx.disaster();
      member = professional(tx, "member.dr");
      contact = professional(tx, "contact.ns");
      north = d.add_area(region_a, "北条地区", 1);
      south = d.add_area(region_a, "研究学園地区", 1);
      vent = tx.boards().find(region_a, care_team(tx, "こきゅう", {member}))->person_id;
      alone = tx.boards().find(region_a, care_team(tx, "どっきょ", {member}))->person_id;
      auto far_team = care_team(tx, "えんぽう", {});
      far = tx.boards().find(region_a, far_team)->person_id;
      // The contact answers one request on the far person's board: not their person.
      FacilityId hospital{tx.facilities().insert(
          region_a, {.name = "病院", .kind = region::FacilityKind::hospital}, 1)};
      tx.boards().put_contact(far_team, contact, "other", hospital, true, 1);
      d.put_support_needs(region_a,
                          {.person_id = vent,
                           .reasons = {"ventilator", "bedridden"},
                           .priority = 1,
                           .location = disaster::Coordinates{36.2135, 140.1041},
                           .area_id = north,
                           .note = "電源 2 系統"},
                          member, 10);
      d.put_support_needs(
          region_a,
          {.person_id = alone, .reasons = {"living_alone"}, .priority = 3, .area_id = north},
          member, 10);
      d.put_support_needs(
          region_a, {.person_id = far, .reasons = {"dementia"}, .priority = 2, .area_id = south},
          member, 10);
      auto other_area = d.add_area(region_b, "北条地区", 1);
      auto other_person =
          tx.persons().insert(region_b, std::nullopt,
                              {.name = "他", .name_kana = "ほか", .birth_date = "1940-01-01"}, 1);
      d.put_support_needs(region_b,
                          {.person_id = PersonId{other_person},
                           .reasons = {"other"},
                           .priority = 1,
                           .area_id = other_area},
                          member, 10);
    });
  }

  Disaster open(std::vector<AreaId> areas) {
    return store->write([&](storage::Transaction& tx) {
      Disaster d{.region_id = region_a, .name = "地震", .kind = "earthquake", .started_at = 100};
      for (auto a : areas) d.areas.push_back(*tx.disaster().find_area(region_a, a));
      d.id = tx.disaster().add_disaster(d, member);
      return *tx.disaster().find_disaster(region_a, d.id);
    });
  }

  std::vector<disaster::Entry> entries(const Disaster& d, disaster::EntryFilter f = {}) {
    return store->read([&](storage::Transaction& tx) { return tx.disaster().entries(d, f); });
  }

  std::pair<std::int64_t, std::int64_t> report(const Disaster& d, PersonId p, Status s,
                                               UnixSeconds observed, const std::string& key) {
    return store->write([&](storage::Transaction& tx) {
      return tx.disaster().add_report(d.id, {.person_id = p,
                                             .status = s,
                                             .note = key,
                                             .observed_at = observed,
                                             .received_at = 500,
                                             .reported_by = member,
                                             .client_key = key});
    });
  }

  static std::vector<PersonId> ids(const std::vector<disaster::Entry>& list) {
    std::vector<PersonId> out;
    for (const auto& e : list) out.push_back(e.person_id);
    return out;
  }

  UserId member, contact;
  AreaId north, south;
  PersonId vent, alone, far;
};

TEST_P(DisasterStoreTest, TheRegisterRoundTripsAndStaysInItsRegion) {
  store->read([&](storage::Transaction& tx) {
    auto needs = tx.disaster().support_needs(region_a, vent);
    ASSERT_TRUE(needs);
    EXPECT_EQ(needs->reasons, (std::vector<std::string>{"ventilator", "bedridden"}));
    EXPECT_EQ(needs->priority, 1);
    ASSERT_TRUE(needs->location);
    EXPECT_DOUBLE_EQ(needs->location->latitude, 36.2135);
    EXPECT_DOUBLE_EQ(needs->location->longitude, 140.1041);
    EXPECT_EQ(needs->area_name, "北条地区");
    EXPECT_EQ(needs->note, "電源 2 系統");
    EXPECT_EQ(needs->updated_by_name, "member.dr");
    EXPECT_FALSE(tx.disaster().support_needs(region_b, vent));
    auto areas = tx.disaster().areas(region_a);
    ASSERT_EQ(areas.size(), 2u);
    EXPECT_EQ(areas[0].name, "北条地区");
    EXPECT_EQ(areas[0].persons, 2);
    EXPECT_FALSE(tx.disaster().find_area(region_b, north));
    EXPECT_EQ(tx.disaster().registered(region_a, {}).size(), 3u);
    EXPECT_EQ(tx.disaster().registered(region_a, {south}), std::vector<PersonId>{far});
  });
  store->write(
      [&](storage::Transaction& tx) { tx.disaster().remove_support_needs(region_a, far); });
  store->read(
      [&](storage::Transaction& tx) { EXPECT_FALSE(tx.disaster().support_needs(region_a, far)); });
}

TEST_P(DisasterStoreTest, ADisasterCoversItsAreasOrTheWholeRegionInPriorityOrder) {
  auto north_only = open({north});
  EXPECT_EQ(ids(entries(north_only)), (std::vector<PersonId>{vent, alone}));
  auto whole = open({});
  EXPECT_EQ(ids(entries(whole)), (std::vector<PersonId>{vent, far, alone}));
  auto e = entries(whole, {.person_id = vent});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].status, Status::unchecked);
  EXPECT_FALSE(e[0].observed_at);
  EXPECT_EQ(e[0].area_name, "北条地区");
  EXPECT_TRUE(entries(north_only, {.person_id = far}).empty());
}

TEST_P(DisasterStoreTest, AMembersListHoldsTheirBoardsPersonsNotARequestsBoard) {
  auto d = open({});
  EXPECT_EQ(ids(entries(d, {.team_member = member})), (std::vector<PersonId>{vent, alone}));
  EXPECT_TRUE(entries(d, {.team_member = contact}).empty());
}

TEST_P(DisasterStoreTest, TheReportObservedLastCountsWhateverTheOrderTheyArrive) {
  auto d = open({});
  auto [first, v1] = report(d, vent, Status::noted, 300, "key-late-observed");
  auto [second, v2] = report(d, vent, Status::unreachable, 200, "key-early-offline");
  EXPECT_GT(v2, v1);
  auto e = entries(d, {.person_id = vent});
  EXPECT_EQ(e[0].status, Status::noted);
  EXPECT_EQ(e[0].note, "key-late-observed");
  EXPECT_EQ(e[0].observed_at, 300);
  auto history =
      store->read([&](storage::Transaction& tx) { return tx.disaster().history(d.id, vent, 10); });
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].id, first);
  EXPECT_EQ(history[1].id, second);
  EXPECT_EQ(history[1].reported_by_name, "member.dr");
  // The same second: a tap sent at once wins, one sent from a queue does not.
  report(d, vent, Status::safe, 300, "key-same-moment");
  EXPECT_EQ(entries(d, {.person_id = vent})[0].status, Status::safe);
  store->write([&](storage::Transaction& tx) {
    tx.disaster().add_report(d.id, {.person_id = vent,
                                    .status = Status::unreachable,
                                    .observed_at = 300,
                                    .received_at = 600,
                                    .reported_by = member,
                                    .client_key = "key-queued-same",
                                    .queued = true});
  });
  EXPECT_EQ(entries(d, {.person_id = vent})[0].status, Status::safe);
  auto found = store->read([&](storage::Transaction& tx) {
    return tx.disaster().report_by_key(d.id, "key-same-moment");
  });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, Status::safe);
}

TEST_P(DisasterStoreTest, ChangedSinceReturnsExactlyWhatChanged) {
  auto d = open({});
  auto [id, v1] = report(d, alone, Status::safe, 150, "key-alone-safe");
  auto v2 = store->write(
      [&](storage::Transaction& tx) { return tx.disaster().set_label(d.id, far, "red"); });
  EXPECT_GT(v2, v1);
  EXPECT_EQ(ids(entries(d, {.after_version = 0})), (std::vector<PersonId>{far, alone}));
  auto since = entries(d, {.after_version = v1});
  ASSERT_EQ(ids(since), std::vector<PersonId>{far});
  EXPECT_EQ(since[0].label, "red");
  EXPECT_EQ(since[0].status, Status::unchecked);
  EXPECT_TRUE(entries(d, {.after_version = v2}).empty());
  EXPECT_EQ(store->read([&](storage::Transaction& tx) {
    return tx.disaster().find_disaster(region_a, d.id)->version;
  }),
            v2);
  // A label keeps the status; a status keeps the label.
  report(d, far, Status::unreachable, 160, "key-far-unreach");
  auto e = entries(d, {.person_id = far})[0];
  EXPECT_EQ(e.label, "red");
  EXPECT_EQ(e.status, Status::unreachable);
}

TEST_P(DisasterStoreTest, TalliesCountByAreaPriorityAndStatus) {
  auto d = open({});
  report(d, vent, Status::safe, 150, "key-vent-safe-01");
  auto rows = store->read([&](storage::Transaction& tx) { return tx.disaster().tallies(d); });
  std::int64_t all = 0, safe = 0, north_rows = 0;
  for (const auto& r : rows) {
    all += r.count;
    if (r.status == Status::safe) safe += r.count;
    if (r.area_id == north) north_rows += r.count;
  }
  EXPECT_EQ(all, 3);
  EXPECT_EQ(safe, 1);
  EXPECT_EQ(north_rows, 2);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.front().area_name, "北条地区");
}

TEST_P(DisasterStoreTest, DisastersListOpenFirstWithTheirAreas) {
  auto first = open({north, south});
  auto second = open({});
  store->write(
      [&](storage::Transaction& tx) { tx.disaster().close_disaster(second.id, member, 900); });
  auto list =
      store->read([&](storage::Transaction& tx) { return tx.disaster().disasters(region_a, 10); });
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, first.id);
  EXPECT_EQ(list[0].areas.size(), 2u);
  EXPECT_TRUE(list[0].open());
  EXPECT_EQ(list[1].closed_at, 900);
  EXPECT_TRUE(
      store->read([&](storage::Transaction& tx) { return tx.disaster().disasters(region_b, 10); })
          .empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, DisasterStoreTest, ::testing::ValuesIn(backends()),
                         backend_name);

}  // namespace
}  // namespace musubi::storetest
