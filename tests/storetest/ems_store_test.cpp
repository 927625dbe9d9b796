// The emergency lookup in storage: every criterion narrows, each alone and together; a phone is
// found by its last digits in whatever format it was saved; nothing crosses regions; the count
// stops at its cap; the consents of a page of persons come in one read; the 活動履歴 comes back
// newest first, field for field; a person's crew views come from the audit log, successful ones
// of the window only.
#include <algorithm>
#include <string>
#include <vector>

#include "audit/audit_store.hpp"
#include "backends.hpp"
#include "core/text.hpp"
#include "ems/ems_store.hpp"
#include "person/person_store.hpp"
#include "person/record_store.hpp"

namespace musubi::storetest {
namespace {

class EmsStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store->write([&](storage::Transaction& tx) {
      tome = add(tx, region_a,
                 {.name = "川口 トメ",
                  .name_kana = "かわぐち とめ",
                  .birth_date = "1933-07-07",
                  .sex = person::Sex::female,
                  .address = "茨城県つくば市北条1番地",
                  .phone = "０２９ー８６４ー１２３４"});
      tomi = add(tx, region_a,
                 {.name = "川口 トミ",
                  .name_kana = "かわぐち とみ",
                  .birth_date = "1933-02-01",
                  .sex = person::Sex::female,
                  .address = "茨城県つくば市北条2番地",
                  .phone = "029 864 9999"});
      ken = add(tx, region_a,
                {.name = "川口 健",
                 .name_kana = "かわぐち けん",
                 .birth_date = "1950-05-05",
                 .sex = person::Sex::male,
                 .address = "茨城県土浦市",
                 .phone = "(029) 111-1234"});
      elsewhere = add(tx, region_b,
                      {.name = "川口 トメ",
                       .name_kana = "かわぐち とめ",
                       .birth_date = "1933-07-07",
                       .sex = person::Sex::female,
                       .address = "茨城県つくば市北条1番地",
                       .phone = "029-864-1234"});
    });
  }

  static person::Id add(storage::Transaction& tx, RegionId region, person::PersonFields f) {
    return tx.persons().insert(region, std::nullopt, f, 1);
  }

  std::vector<person::Id> found(const ems::SearchCriteria& c, std::int64_t limit = 50) {
    auto m = store->read(
        [&](storage::Transaction& tx) { return tx.ems().search(region_a, c, limit, 100); });
    std::vector<person::Id> ids;
    for (const auto& p : m.persons) ids.push_back(p.id);
    return ids;
  }
  std::int64_t total(const ems::SearchCriteria& c, std::int64_t cap) {
    return store->read(
        [&](storage::Transaction& tx) { return tx.ems().search(region_a, c, 1, cap).total; });
  }

  person::Id tome = 0, tomi = 0, ken = 0, elsewhere = 0;
};

TEST_P(EmsStoreTest, EachCriterionNarrowsAloneAndTogether) {
  using V = std::vector<person::Id>;
  auto kana = found({.name_key = text::search_key("かわぐち")});
  EXPECT_EQ(kana.size(), 3u);
  EXPECT_EQ(found({.name_key = text::search_key("かわぐちとめ")}), V{tome});
  EXPECT_EQ(found({.name_key = text::search_key("川口 健")}), V{ken});
  EXPECT_EQ(found({.name_key = text::search_key("かわぐち"),
                   .second_name_key = text::search_key("川口 ト")})
                .size(),
            2u);
  EXPECT_EQ(found({.birth_from = "1933", .birth_until = "1934"}).size(), 2u);
  EXPECT_EQ(found({.birth_from = "1933-07-07", .birth_until = "1933-07-07~"}), V{tome});
  EXPECT_EQ(found({.phone_key = text::phone_key("1234")}).size(), 2u);  // トメ and 健
  EXPECT_EQ(found({.phone_key = text::phone_key("864-1234")}), V{tome});
  EXPECT_EQ(found({.address_part = "北条"}).size(), 2u);
  EXPECT_EQ(found({.address_part = "北条", .sex = person::Sex::female}).size(), 2u);
  EXPECT_EQ(found({.phone_key = text::phone_key("1234"), .sex = person::Sex::male}), V{ken});
  EXPECT_EQ(found({.name_key = text::search_key("かわぐち"),
                   .birth_from = "1950",
                   .birth_until = "1951",
                   .address_part = "土浦"}),
            V{ken});
  EXPECT_TRUE(found({.name_key = text::search_key("たなか")}).empty());
}

TEST_P(EmsStoreTest, NothingCrossesRegionsAndTheCountStopsAtItsCap) {
  auto ids = found({.name_key = text::search_key("かわぐちとめ")});
  EXPECT_EQ(std::count(ids.begin(), ids.end(), elsewhere), 0);
  EXPECT_EQ(found({.name_key = text::search_key("かわぐち")}, 2).size(), 2u);
  EXPECT_EQ(total({.name_key = text::search_key("かわぐち")}, 100), 3);
  EXPECT_EQ(total({.name_key = text::search_key("かわぐち")}, 1), 2) << "one past the cap";
}

TEST_P(EmsStoreTest, APhoneChangedLaterIsFoundByItsNewDigits) {
  store->write([&](storage::Transaction& tx) {
    auto p = tx.persons().find(region_a, tomi);
    auto f = p->fields;
    f.phone = "080-7777-5678";
    ASSERT_TRUE(tx.persons().update(tomi, p->version, f, 2));
  });
  EXPECT_EQ(found({.phone_key = text::phone_key("5678")}), std::vector<person::Id>{tomi});
  EXPECT_TRUE(found({.phone_key = text::phone_key("9999")}).empty());
}

TEST_P(EmsStoreTest, TheConsentsOfAPageComeInOneRead) {
  auto doctor = store->write([&](storage::Transaction& tx) { return professional(tx, "doctor"); });
  store->write([&](storage::Transaction& tx) {
    person::ConsentInput first{.consenter = "self",
                               .consenter_name = "トメ",
                               .consented_on = "2026-01-01",
                               .scope = {.ems = true}};
    tx.records().add_consent(tome, first, doctor, 1);
    auto second = first;
    second.consented_on = "2026-02-01";
    second.scope.ems = false;
    tx.records().add_consent(tome, second, doctor, 2);
    tx.records().add_consent(ken, first, doctor, 3);
  });
  auto consents = store->read([&](storage::Transaction& tx) {
    return tx.records().consents_of({tome, tomi, ken});
  });
  ASSERT_EQ(consents.size(), 2u) << "トミ has none";
  ASSERT_EQ(consents.at(tome).size(), 2u);
  EXPECT_EQ(consents.at(tome)[0].consented_on, "2026-02-01") << "newest first";
  EXPECT_FALSE(consents.at(tome)[0].scope.ems);
  EXPECT_TRUE(consents.at(ken)[0].scope.ems);
}

TEST_P(EmsStoreTest, TheTransportsOfAPersonComeNewestFirstFieldForField) {
  auto crew = store->write([&](storage::Transaction& tx) { return professional(tx, "crew"); });
  auto first = ems::Transport{.person_id = PersonId{tome},
                              .reported_by = crew,
                              .occurred_at = 1000,
                              .outcome = ems::TransportOutcome::not_transported,
                              .note = "家族に引き継ぎ",
                              .incident = "R8-1",
                              .created_at = 1001};
  auto later = first;
  later.occurred_at = 2000;
  later.outcome = ems::TransportOutcome::transported;
  later.hospital_name = "つくば中央病院";
  auto other = first;
  other.person_id = PersonId{ken};
  store->write([&](storage::Transaction& tx) {
    tx.ems().add_transport(region_a, later);
    tx.ems().add_transport(region_a, first);  // reported after, happened before
    tx.ems().add_transport(region_a, other);
  });
  auto list = store->read(
      [&](storage::Transaction& tx) { return tx.ems().transports(PersonId{tome}, 20); });
  ASSERT_EQ(list.size(), 2u) << "健's is not トメ's";
  EXPECT_EQ(list[0].occurred_at, 2000);
  EXPECT_EQ(list[0].outcome, ems::TransportOutcome::transported);
  EXPECT_EQ(list[0].hospital_name, "つくば中央病院");
  EXPECT_EQ(list[1].outcome, ems::TransportOutcome::not_transported);
  EXPECT_EQ(list[1].note, "家族に引き継ぎ");
  EXPECT_EQ(list[1].incident, "R8-1");
  EXPECT_EQ(list[1].reported_by, crew);
  EXPECT_FALSE(list[1].post_id);
  EXPECT_EQ(store->read([&](storage::Transaction& tx) {
    return tx.ems().transports(PersonId{tome}, 1).size();
  }),
            1u);
}

TEST_P(EmsStoreTest, ACrewsViewsComeFromTheAuditLog) {
  auto crew = store->write([&](storage::Transaction& tx) { return professional(tx, "crew"); });
  audit::Id next = 1;
  auto log = [&](const std::string& action, const std::string& target, const std::string& outcome,
                 UnixSeconds at) {
    store->write([&](storage::Transaction& tx) {
      tx.audit().append({.id = next++,
                         .at = at,
                         .region_id = region_a.value(),
                         .actor_user_id = crew.value(),
                         .action = action,
                         .target_type = "person",
                         .target_id = target,
                         .outcome = outcome,
                         .prev_hash = "",
                         .hash = "h"});
    });
  };
  const auto tome_id = std::to_string(tome);
  log("ems.view", tome_id, "success", 100);  // before the window
  log("ems.view", tome_id, "success", 500);
  log("ems.view", tome_id, "denied", 600);     // refused: not a look
  log("ems.search", tome_id, "success", 700);  // a search shows a line, not the record
  log("person.read", tome_id, "success", 800);
  log("ems.view", std::to_string(ken), "success", 900);
  log("ems.view", tome_id, "success", 1000);
  auto views = store->read(
      [&](storage::Transaction& tx) { return tx.ems().views(PersonId{tome}, 200, 10); });
  ASSERT_EQ(views.size(), 2u);
  EXPECT_EQ(views[0].at, 1000);
  EXPECT_EQ(views[1].at, 500);
}

INSTANTIATE_TEST_SUITE_P(Backends, EmsStoreTest, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace musubi::storetest
