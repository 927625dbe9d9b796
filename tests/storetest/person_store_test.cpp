#include <set>

#include "backends.hpp"
#include "core/text.hpp"
#include "person/person_store.hpp"

namespace musubi::storetest {
namespace {

using person::Id;
using person::Person;
using person::PersonFields;
using person::PersonQuery;

PersonFields fields(std::string name, std::string kana) {
  return {.name = std::move(name),
          .name_kana = std::move(kana),
          .birth_date = "1940-04-01",
          .sex = person::Sex::female};
}

class PersonStoreTest : public StoreTest {
 protected:
  std::int64_t insert(std::int64_t region, const PersonFields& f,
                      std::optional<std::int64_t> facility = std::nullopt) {
    return store->write(
        [&](storage::Transaction& tx) { return tx.persons().insert(region, facility, f, 100); });
  }
  person::PersonPageResult list(std::int64_t region, PersonQuery q) {
    return store->read([&](storage::Transaction& tx) { return tx.persons().list(region, q); });
  }
};

TEST_P(PersonStoreTest, KeepsTextVerbatimAndStaysInItsRegion) {
  auto f = fields("O'Brien \"<b>花子</b>\"; DROP TABLE persons;--", "おぶらいえん はなこ");
  f.address = "茨城県つくば市 1-2-3\\%_";
  auto id = insert(region_a, f);
  auto found =
      store->read([&](storage::Transaction& tx) { return tx.persons().find(region_a, id); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->fields.name, f.name);
  EXPECT_EQ(found->fields.address, f.address);
  EXPECT_EQ(found->version, 1);
  EXPECT_FALSE(
      store->read([&](storage::Transaction& tx) { return tx.persons().find(region_b, id); }));
  EXPECT_EQ(store->read([&](storage::Transaction& tx) { return tx.persons().count(region_b); }), 0);
  EXPECT_TRUE(list(region_b, {}).persons.empty());
}

TEST_P(PersonStoreTest, UpdateNeedsTheVersionTheEditorStartedFrom) {
  auto id = insert(region_a, fields("山田 ハナ", "やまだ はな"));
  EXPECT_TRUE(store->write([&](storage::Transaction& tx) {
    return tx.persons().update(id, 1, fields("山田 花", "やまだ はな"), 200);
  }));
  EXPECT_FALSE(store->write([&](storage::Transaction& tx) {
    return tx.persons().update(id, 1, fields("上書き", "うわがき"), 300);
  }));
  auto p = store->read([&](storage::Transaction& tx) { return tx.persons().find(region_a, id); });
  EXPECT_EQ(p->fields.name, "山田 花");
  EXPECT_EQ(p->version, 2);
  EXPECT_EQ(p->updated_at, 200);
}

TEST_P(PersonStoreTest, PagesVisitEveryPersonOnceInKanaOrder) {
  const char* kana[] = {"あ", "い", "う", "え", "お", "か", "き", "く", "け", "こ"};
  for (int i = 0; i < 125; ++i)
    insert(region_a, fields("人 " + std::to_string(i), std::string(kana[i % 10]) + "た"));
  insert(region_b, fields("他 町", "あた"));
  std::set<std::int64_t> seen;
  std::string previous_kana;
  PersonQuery q{.limit = 50};
  int pages = 0;
  do {
    auto page = list(region_a, q);
    ++pages;
    for (const auto& p : page.persons) {
      EXPECT_TRUE(seen.insert(p.id).second) << "seen twice: " << p.id;
      EXPECT_GE(p.fields.name_kana, previous_kana);
      previous_kana = p.fields.name_kana;
      EXPECT_EQ(p.region_id, region_a);
    }
    q.after = page.next_cursor;
  } while (q.after);
  EXPECT_EQ(seen.size(), 125u);
  EXPECT_EQ(pages, 3);
}

TEST_P(PersonStoreTest, SearchFindsTheStartOfAReadingOrNameInAnySpelling) {
  insert(region_a, fields("佐藤 花子", "さとう はなこ"));
  insert(region_a, fields("加藤 一郎", "かとう いちろう"));
  insert(region_a, fields("佐々木 次郎", "ささき じろう"));
  insert(region_a, fields("大田 ユウコ", "おおた ゆうこ"));
  auto names = [&](const std::string& typed) {
    std::set<std::string> out;
    for (const auto& p : list(region_a, {.search_key = text::search_key(typed)}).persons) {
      out.insert(p.fields.name);
    }
    return out;
  };
  EXPECT_EQ(names("さとう"), (std::set<std::string>{"佐藤 花子"}));
  EXPECT_EQ(names("サトー"), (std::set<std::string>{"佐藤 花子"}));
  EXPECT_EQ(names("ｻﾄｳ ﾊﾅｺ"), (std::set<std::string>{"佐藤 花子"}));
  EXPECT_EQ(names("さ"), (std::set<std::string>{"佐藤 花子", "佐々木 次郎"}));
  EXPECT_EQ(names("佐"), (std::set<std::string>{"佐藤 花子", "佐々木 次郎"}));
  EXPECT_EQ(names("はなこ"), (std::set<std::string>{"佐藤 花子"}));  // the given name alone
  EXPECT_EQ(names("一郎"), (std::set<std::string>{"加藤 一郎"}));
  EXPECT_EQ(names("オータ ユーコ"), (std::set<std::string>{"大田 ユウコ"}));
  EXPECT_EQ(names("ゆうこ"), (std::set<std::string>{"大田 ユウコ"}));
  EXPECT_EQ(names("とう"), (std::set<std::string>{}));  // the middle of a name is not a start
  EXPECT_EQ(names("%"), (std::set<std::string>{}));     // no LIKE wildcards
}

TEST_P(PersonStoreTest, KeysFollowARenamedPerson) {
  auto id = insert(region_a, fields("旧姓 花子", "きゅうせい はなこ"));
  store->write([&](storage::Transaction& tx) {
    auto p = *tx.persons().find(region_a, id);
    p.fields.name = "新姓 花子";
    p.fields.name_kana = "しんせい はなこ";
    EXPECT_TRUE(tx.persons().update(id, p.version, p.fields, 2));
  });
  EXPECT_TRUE(list(region_a, {.search_key = text::search_key("きゅうせい")}).persons.empty());
  EXPECT_EQ(list(region_a, {.search_key = text::search_key("しんせい")}).persons.size(), 1u);
  EXPECT_EQ(list(region_a, {.search_key = text::search_key("はなこ")}).persons.size(), 1u);
}

TEST_P(PersonStoreTest, SearchPagesVisitEveryMatchOnce) {
  for (int i = 0; i < 25; ++i)
    insert(region_a, fields("山田 " + std::to_string(i), "やまだ たろう"));
  std::set<Id> seen;
  PersonQuery q{.search_key = text::search_key("やまだ"), .limit = 10};
  int pages = 0;
  do {
    auto page = list(region_a, q);
    for (const auto& p : page.persons) EXPECT_TRUE(seen.insert(p.id).second);
    q.after = page.next_cursor;
    ++pages;
  } while (q.after && pages < 10);
  EXPECT_EQ(seen.size(), 25u);
  EXPECT_EQ(pages, 3);
}

TEST_P(PersonStoreTest, FacilityScopeShowsOnlyThatFacilitysPersons) {
  auto facility = store->write([&](storage::Transaction& tx) {
    return tx.facilities().insert(
        region_a, {.name = "みどり訪問看護", .kind = region::FacilityKind::visiting_nurse_station},
        1);
  });
  insert(region_a, fields("自施設 一", "じしせつ"), facility);
  insert(region_a, fields("他施設 二", "たしせつ"));
  auto page = list(region_a, {.registered_by_facility_id = facility});
  ASSERT_EQ(page.persons.size(), 1u);
  EXPECT_EQ(page.persons[0].fields.name, "自施設 一");
}

TEST_P(PersonStoreTest, ForgedCursorIsIgnoredRatherThanTrusted) {
  for (int i = 0; i < 3; ++i) insert(region_a, fields("人 " + std::to_string(i), "ひと"));
  EXPECT_EQ(list(region_a, {.after = std::string("'; DROP TABLE persons;--")}).persons.size(), 3u);
  EXPECT_EQ(list(region_a, {.after = std::string("zz.1")}).persons.size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Backends, PersonStoreTest, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace musubi::storetest
