// `musubi generate`: a realistic, fictitious region of any size on top of the demo region, the
// same for the same seed, for benchmarks and for trying Musubi with years of data. Generated
// professionals log in as gen.0001 … with the demo password; gen.0001 is on every 20th team.
// Members have read everything older than two weeks, as people who use Musubi daily have.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <memory>

#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>

#include "access/password.hpp"
#include "audit/audit_log.hpp"
#include "board/board_store.hpp"
#include "cli/commands.hpp"
#include "cli/demo_data.hpp"
#include "cli/japanese_names.hpp"
#include "cli/runtime.hpp"
#include "core/crypto.hpp"
#include "files/blob_store.hpp"
#include "files/image.hpp"
#include "person/person_store.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::cli {

namespace {

using region::FacilityKind;
using Clock = std::chrono::steady_clock;

// A profession and the role its holder takes on a care team.
struct Job {
  const char* profession;
  const char* team_role;
};
struct Kind {
  FacilityKind kind;
  const char* suffix;
  std::array<Job, 3> jobs;  // the staff of one facility, in turn: the first job_count
  std::size_t job_count = 3;
};
// Facilities in the proportions of a home-care network of a city of ~200,000 (clinics and care
// management offices most, then nurses' stations, pharmacies and helpers), ordered so that even
// a small region gets every kind a team needs. Professions in each as they are usually staffed.
const Job kDoctor{"医師", "primary_doctor"};
const Job kNurse{"看護師", "visiting_nurse"};
const Job kCareManager{"介護支援専門員", "care_manager"};
const Job kChiefCareManager{"主任介護支援専門員", "care_manager"};
const Job kPharmacist{"薬剤師", "pharmacist"};
const Job kHelper{"訪問介護員", "helper"};
const Kind kClinic{FacilityKind::clinic, "クリニック", {{kDoctor, kDoctor, {"看護師", "other"}}}};
const Kind kNurseStation{FacilityKind::visiting_nurse_station,
                         "訪問看護ステーション",
                         {{kNurse, kNurse, {"理学療法士", "rehabilitation"}}}};
const Kind kCareOffice{FacilityKind::care_management_office,
                       "居宅介護支援事業所",
                       {{kChiefCareManager, kCareManager, kCareManager}}};
const Kind kPharmacy{FacilityKind::pharmacy, "薬局", {kPharmacist}, 1};
const Kind kHelperStation{FacilityKind::care_service,
                          "ヘルパーステーション",
                          {{{"サービス提供責任者", "helper"}, kHelper, kHelper}}};
const Kind kDayService{FacilityKind::care_service,
                       "デイサービス",
                       {{{"生活相談員", "other"}, {"介護福祉士", "other"}}},
                       2};
const Kind kHospital{FacilityKind::hospital,
                     "病院",
                     {{{"医療ソーシャルワーカー", "hospital_liaison"},
                       {"看護師", "hospital_liaison"},
                       {"医師", "doctor"}}}};
const Kind kDental{
    FacilityKind::dental_clinic, "歯科", {{{"歯科医師", "dentist"}, {"歯科衛生士", "dentist"}}}, 2};
const Kind kSupportCenter{FacilityKind::community_support_center,
                          "地域包括支援センター",
                          {{{"社会福祉士", "support_center"},
                            {"保健師", "support_center"},
                            {"主任介護支援専門員", "support_center"}}}};
const Kind* const kKinds[] = {
    &kClinic,     &kCareOffice, &kNurseStation,  &kPharmacy, &kHelperStation, &kClinic,
    &kCareOffice, &kHospital,   &kDayService,    &kClinic,   &kPharmacy,      &kNurseStation,
    &kCareOffice, &kDental,     &kSupportCenter, &kClinic,   &kHelperStation};
// How often a team has someone of each role besides its doctor and care manager.
const std::pair<const char*, double> kTeamRoleChance[] = {
    {"visiting_nurse", 0.7}, {"pharmacist", 0.6},      {"helper", 0.6},
    {"other", 0.3},          {"rehabilitation", 0.25}, {"hospital_liaison", 0.2},
    {"dentist", 0.15},       {"support_center", 0.15}};

const char* kPlaces[] = {"みどり", "ひかり", "さくら",   "けやき",   "つばさ",   "あおば",
                         "すみれ", "わかば", "こもれび", "やまびこ", "ほほえみ", "はなみずき"};

class Writer {
 public:
  explicit Writer(std::uint64_t seed) : rng_(seed) {}
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class T, std::size_t N>
  const T& pick(const T (&list)[N]) {
    return list[static_cast<std::size_t>(between(0, N - 1))];
  }

  // A post as professionals write them: visit records with vitals, medication, questions.
  std::string post_text() {
    static const char* meals[] = {"食事は全量摂取", "食事は7割摂取", "食欲やや低下",
                                  "水分摂取が少なめ"};
    static const char* sleeps[] = {"夜間はよく眠れている", "夜間に2回覚醒あり", "昼夜逆転気味"};
    static const char* drugs[] = {"アムロジピン",     "酸化マグネシウム", "ドネペジル",
                                  "ランソプラゾール", "フロセミド",       "メトホルミン"};
    static const char* symptoms[] = {"膝の痛み", "軽い咳", "便秘", "ふらつき", "食欲低下", "微熱"};
    static const char* family[] = {"長女", "長男", "妻", "夫", "次女"};
    static const char* skins[] = {"良好", "仙骨部に軽い発赤あり", "乾燥あり",
                                  "右かかとの発赤は縮小"};
    switch (between(0, 5)) {
      case 0:
        return fmt::format("訪問しました。BT {}.{}℃、BP {}/{}、SpO2 {}%。\n{}、{}とのことです。",
                           between(35, 37), between(0, 9), between(105, 158), between(58, 92),
                           between(93, 99), pick(meals), pick(sleeps));
      case 1:
        return fmt::format("服薬確認。{}は飲めています。残薬 {} 日分。次回処方時にご確認ください。",
                           pick(drugs), between(0, 14));
      case 2:
        return fmt::format("{}さまより連絡あり。{}について一度ご相談したいとのことです。",
                           pick(family), pick(symptoms));
      case 3:
        return fmt::format("次回のサービス担当者会議は{}月{}日 {}時からの予定です。",
                           between(1, 12), between(1, 28), between(9, 16));
      case 4:
        return fmt::format("{}の訴えがあります。様子をみて、変化があればご連絡します。",
                           pick(symptoms));
      default:
        return fmt::format("入浴介助を実施しました。皮膚状態は{}。", pick(skins));
    }
  }
  std::string reply_text() {
    static const char* replies[] = {"承知しました。", "ありがとうございます。次回確認します。",
                                    "了解です。処方を調整します。", "ご家族にも伝えておきます。",
                                    "明日の訪問で様子をみます。"};
    return pick(replies);
  }

 private:
  std::mt19937_64 rng_;
};

// Files as they are attached to posts: reports and prescriptions as PDF, photos of a wound or of
// the medicine calendar. Real bytes (a blank PDF page, a small JPEG with its thumbnail), so that
// listing, downloading and thumbnails behave as with uploaded files.
struct SampleFile {
  const char* name;  // {0}: month, {1}: day
  const char* media_type;
  const char* kind;
  int photo = -1;  // index into the photos, for images
};
const SampleFile kSampleFiles[] = {
    {"訪問看護報告書_{0}月.pdf", "application/pdf", "pdf"},
    {"お薬手帳_{0}月{1}日.pdf", "application/pdf", "pdf"},
    {"サービス利用票_{0}月.pdf", "application/pdf", "pdf"},
    {"診療情報提供書.pdf", "application/pdf", "pdf"},
    {"褥瘡_仙骨部_{0}月{1}日.jpg", "image/jpeg", "image", 0},
    {"右かかと_{0}月{1}日.jpg", "image/jpeg", "image", 1},
    {"お薬カレンダー.jpg", "image/jpeg", "image", 2},
    {"担当者会議_議事録.docx", "application/octet-stream", "other"},
};

std::string blank_pdf() {
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (const char* object : {"<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Kids[3 0 R]/Count 1>>",
                             "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"}) {
    offsets.push_back(pdf.size());
    pdf += fmt::format("{} 0 obj{}endobj\n", offsets.size(), object);
  }
  auto xref = pdf.size();
  pdf += fmt::format("xref\n0 {}\n0000000000 65535 f \n", offsets.size() + 1);
  for (auto offset : offsets) pdf += fmt::format("{:010} 00000 n \n", offset);
  pdf += fmt::format("trailer<</Size {}/Root 1 0 R>>\nstartxref\n{}\n%%EOF\n", offsets.size() + 1,
                     xref);
  return pdf;
}

struct Photo {
  std::string jpeg;
  std::string thumbnail;
};

// Stores `bytes` as a complete blob (one chunk: generated files are small).
board::Id store_blob(storage::Transaction& tx, std::string_view bytes, UnixSeconds at) {
  auto id = tx.blobs().create(at);
  tx.blobs().append(id, 0, bytes);
  tx.blobs().complete(id, static_cast<std::int64_t>(bytes.size()), crypto::sha256_hex(bytes));
  return id;
}

// One generation run: the region's people, teams and posts, built step by step from one random
// sequence (the same seed gives the same region, so every step draws in a fixed order).
class Generation {
 public:
  Generation(Runtime& rt, region::Id region_id, const GenerateOptions& options)
      : rt_(rt),
        region_id_(RegionId{region_id}),
        options_(options),
        posts_(std::max<std::int64_t>(options.posts, 0)),
        teams_(options.teams > 0 ? options.teams
                                 : std::clamp<std::int64_t>(posts_ / 1000, 20, 1000)),
        users_(options.users > 0 ? options.users : std::clamp<std::int64_t>(teams_ / 2, 40, 500)),
        w_(options.seed),
        now_(rt.clock.now()),
        members_(static_cast<std::size_t>(teams_)) {}

  void people_and_teams() {
    rt_.storage->write([&](storage::Transaction& tx) {
      std::map<std::string, region::Id> professions;
      for (const auto& p : tx.regions().professions(region_id_)) professions[p.name] = p.id;
      tags_ = tx.posts().tags(region_id_, false);
      auto facilities = add_facilities(tx);
      add_staff(tx, facilities, professions);
      for (std::int64_t t = 0; t < teams_; ++t) add_team(tx, t);
    });
  }

  // Persons registered by the region's offices who have no team yet: a city's registry is far
  // larger than its active teams. Born 1920-1960, names in kanji and kana.
  void registry() {
    for (std::int64_t done = 0; done < options_.persons;) {
      rt_.storage->write([&](storage::Transaction& tx) {
        for (std::int64_t i = 0; i < 20000 && done < options_.persons; ++i, ++done) {
          add_registered_person(tx);
        }
      });
      std::fprintf(stderr, "\r%lld / %lld persons", static_cast<long long>(done),
                   static_cast<long long>(options_.persons));
    }
  }

  // Posts over the last two years, in transactions of 20,000; then every member has read what is
  // older than two weeks.
  void posts() {
    make_samples();
    recent_roots_.resize(static_cast<std::size_t>(teams_));
    read_through_.assign(static_cast<std::size_t>(teams_), PostId{0});
    constexpr std::int64_t kBatch = 20000;
    rt_.storage->bulk_load([&] {
      for (std::int64_t done = 0; done < posts_;) {
        rt_.storage->write([&](storage::Transaction& tx) {
          for (std::int64_t i = 0; i < kBatch && done < posts_; ++i, ++done) add_post(tx, done);
        });
        std::fprintf(stderr, "\r%lld / %lld posts", static_cast<long long>(done),
                     static_cast<long long>(posts_));
      }
      rt_.storage->write([&](storage::Transaction& tx) {
        for (std::size_t t = 0; t < board_ids_.size(); ++t) {
          for (auto member : members_[t]) {
            tx.boards().mark_read_through(board_ids_[t], member, read_through_[t]);
          }
        }
        audit::record(tx, rt_.clock, command_line_actor(region_id_),
                      {.action = "generate",
                       .target_type = "region",
                       .target_id = std::to_string(region_id_),
                       .detail = fmt::format("seed {}: {} users, {} teams, {} posts, {} files",
                                             options_.seed, users_, teams_, posts_, file_count_)});
      });
    });
  }

  void report(double seconds) const {
    std::printf(
        "\n生成しました: %lld 人, %lld チーム, %lld 投稿, %lld ファイル（seed %llu, %.1f 秒）\n",
        static_cast<long long>(users_), static_cast<long long>(teams_),
        static_cast<long long>(posts_), static_cast<long long>(file_count_),
        static_cast<unsigned long long>(options_.seed), seconds);
  }

 private:
  struct Staff {
    UserId id;
    const char* team_role;
  };
  using Facilities = std::vector<std::pair<region::Id, const Kind*>>;

  // About eight professionals per facility; at least one facility of each kind when there are
  // enough people for it.
  Facilities add_facilities(storage::Transaction& tx) {
    const std::int64_t count = std::min<std::int64_t>(
        users_, std::max<std::int64_t>(users_ / 8, static_cast<std::int64_t>(std::size(kKinds))));
    Facilities facilities;
    for (std::int64_t f = 0; f < count; ++f) {
      const auto* kind = kKinds[static_cast<std::size_t>(f) % std::size(kKinds)];
      auto place = kPlaces[static_cast<std::size_t>(f) % std::size(kPlaces)];
      region::FacilityPatch patch{fmt::format("{}{}{}", place, kind->suffix, f + 1),
                                  "",
                                  kind->kind,
                                  "",
                                  fmt::format("茨城県つくば市研究学園{}丁目{}", f % 9 + 1, f + 1),
                                  fmt::format("029-700-{:04}", f),
                                  std::nullopt,
                                  true};
      facilities.emplace_back(tx.facilities().insert(region_id_, patch, now_), kind);
    }
    return facilities;
  }

  void add_staff(storage::Transaction& tx, const Facilities& facilities,
                 const std::map<std::string, region::Id>& professions) {
    const auto hash = access::hash_password(kDemoPassword);
    const auto count = static_cast<std::int64_t>(facilities.size());
    for (std::int64_t u = 0; u < users_; ++u) {
      const auto& [facility, kind] = facilities[static_cast<std::size_t>(u % count)];
      const auto& job = kind->jobs[static_cast<std::size_t>(u / count) % kind->job_count];
      const auto& surname = w_.pick(kSurnames);
      const auto& given = w_.pick(kGiven);
      region::UserPatch patch;
      patch.facility_id = facility;
      patch.name = fmt::format("{} {}", surname.kanji, given.kanji);
      patch.name_kana = fmt::format("{} {}", surname.kana, given.kana);
      patch.profession_id = professions.at(job.profession);
      patch.roles = access::RoleSet{access::Role::professional};
      auto login = fmt::format("gen.{:04}", u + 1);
      patch.email = login + "@generated.musubi.invalid";
      auto id = tx.users().insert(region_id_, login, patch, hash, false, now_);
      staff_.push_back({UserId{id}, job.team_role});
      by_role_[job.team_role].push_back(staff_.size() - 1);
    }
  }

  void add_team(storage::Transaction& tx, std::int64_t t) {
    bool man = w_.chance(0.4);
    const auto& surname = w_.pick(kSurnames);
    const auto& given = man ? w_.pick(kElderMen) : w_.pick(kElderWomen);
    person::PersonFields p{.name = fmt::format("{} {}", surname.kanji, given.kanji),
                           .name_kana = fmt::format("{} {}", surname.kana, given.kana),
                           .birth_date = fmt::format("{}-{:02}-{:02}", w_.between(1925, 1950),
                                                     w_.between(1, 12), w_.between(1, 28)),
                           .sex = man ? person::Sex::male : person::Sex::female};
    auto person_id = tx.persons().insert(region_id_, std::nullopt, p, now_);
    const auto formed = now_ - UnixSeconds{800} * 86400;
    auto team = tx.boards().insert(region_id_, PersonId{person_id}, formed);
    board_ids_.push_back(team);
    bool has_primary_doctor = false;
    auto list = team_of(t);
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& member = staff_[list[i]];
      std::string_view role = member.team_role;
      if (role == "primary_doctor") {
        if (has_primary_doctor) role = "doctor";  // one 主治医; other doctors consult
        has_primary_doctor = true;
      }
      members_[static_cast<std::size_t>(t)].push_back(member.id);
      tx.boards().put_member(team, member.id, std::string(role), i == 0, formed);
    }
  }

  // A team as it is formed: a primary doctor (gen.0001, the benchmark's user, on every 20th team)
  // and a care manager, then nurses, pharmacists, helpers … as often as they are involved, then
  // others up to 4–12 members. The first member administers the team. Indexes into staff_.
  std::vector<std::size_t> team_of(std::int64_t t) {
    std::vector<std::size_t> list;
    auto add = [&](std::size_t index) {
      if (std::find(list.begin(), list.end(), index) == list.end()) list.push_back(index);
    };
    auto add_one_of = [&](const char* role) {
      const auto& pool = by_role_[role];
      if (!pool.empty()) add(pool[index_below(pool.size())]);
    };
    if (t % 20 == 0) {
      add(0);
    } else {
      add_one_of("primary_doctor");
    }
    add_one_of("care_manager");
    auto size = w_.between(4, 12);
    for (const auto& [role, chance] : kTeamRoleChance) {
      if (static_cast<std::int64_t>(list.size()) < size && w_.chance(chance)) add_one_of(role);
    }
    while (static_cast<std::int64_t>(list.size()) < std::min(size, users_)) {
      add(static_cast<std::size_t>(w_.between(0, users_ - 1)));
    }
    return list;
  }

  void add_registered_person(storage::Transaction& tx) {
    bool man = w_.chance(0.45);
    // The most common surnames most often, then the long tail.
    const auto& surname = w_.chance(0.5) ? w_.pick(kSurnames) : w_.pick(kMoreSurnames);
    const auto& given = man ? (w_.chance(0.5) ? w_.pick(kElderMen) : w_.pick(kMoreElderMen))
                            : (w_.chance(0.5) ? w_.pick(kElderWomen) : w_.pick(kMoreElderWomen));
    person::PersonFields p{
        .name = fmt::format("{} {}", surname.kanji, given.kanji),
        .name_kana = fmt::format("{} {}", surname.kana, given.kana),
        .birth_date = fmt::format("{}-{:02}-{:02}", w_.between(1920, 1960), w_.between(1, 12),
                                  w_.between(1, 28)),
        .sex = man ? person::Sex::male : person::Sex::female,
        .address = fmt::format("茨城県つくば市{}{}丁目{}-{}", w_.pick(kPlaces), w_.between(1, 9),
                               w_.between(1, 30), w_.between(1, 20))};
    tx.persons().insert(region_id_, std::nullopt, p, now_);
  }

  void make_samples() {
    pdf_ = blank_pdf();
    for (auto [r, g, b] :
         {std::array<std::uint8_t, 3>{190, 120, 110}, {170, 140, 120}, {90, 140, 200}}) {
      auto jpeg = files::sample_photo(480, 360, r, g, b);
      auto thumbnail = jpeg ? files::make_thumbnail(*jpeg, files::ImageFormat::jpeg) : std::nullopt;
      if (!jpeg || !thumbnail) {
        throw std::runtime_error("libvips could not make the sample photos");
      }
      photos_.push_back({std::move(*jpeg), std::move(*thumbnail)});
    }
  }

  // The done-th post of posts_, spread evenly over two years: a reply to a recent post, or a post
  // with a tag, sometimes important, 特別便, a request or with a file.
  void add_post(storage::Transaction& tx, std::int64_t done) {
    const UnixSeconds first = now_ - UnixSeconds{730} * 86400;
    const UnixSeconds read_before = now_ - UnixSeconds{14} * 86400;
    auto t = static_cast<std::size_t>(w_.between(0, teams_ - 1));
    const auto& team_members = members_[t];
    auto author = team_members[index_below(team_members.size())];
    auto at = first + (UnixSeconds{730} * 86400) * done / std::max<std::int64_t>(posts_, 1);
    board::NewPost post{.board_id = board_ids_[t], .author_id = author};
    auto& roots = recent_roots_[t];
    if (!roots.empty() && w_.chance(0.15)) {
      post.parent_id = roots[index_below(roots.size())];
      post.body = w_.reply_text();
      auto reply = tx.posts().insert(post, at);
      if (at < read_before) read_through_[t] = reply;
      return;
    }
    post.body = w_.post_text();
    post.tag_id = tags_[index_below(tags_.size())].id;
    post.important = w_.chance(0.05);
    auto other = team_members[index_below(team_members.size())];
    if (w_.chance(0.03) && other != author) post.audience = {author, other};
    if (w_.chance(0.02) && other != author) {
      post.request = board::NewPost::Addressing{.kind = board::RequestKind::answer,
                                                .deadline = at + UnixSeconds{3} * 86400,
                                                .addressees = {{other, std::nullopt}}};
    }
    auto id = tx.posts().insert(post, at);
    if (at < read_before) read_through_[t] = id;
    if (post.audience.empty() && w_.chance(0.3)) {
      tx.posts().acknowledge(id, other == author ? team_members[0] : other, at + 3600);
    }
    if (w_.chance(0.02)) attach_sample(tx, board_ids_[t], author, id, at);
    roots.push_back(id);
    if (roots.size() > 8) roots.erase(roots.begin());
  }

  void attach_sample(storage::Transaction& tx, BoardId board_id, UserId author, PostId post_id,
                     UnixSeconds at) {
    const auto& sample = w_.pick(kSampleFiles);
    const auto* photo =
        sample.photo >= 0 ? &photos_[static_cast<std::size_t>(sample.photo)] : nullptr;
    std::string_view bytes = photo ? std::string_view(photo->jpeg) : std::string_view(pdf_);
    board::Attachment a{
        .board_id = board_id,
        .uploader_id = author,
        .file_name = fmt::format(fmt::runtime(sample.name), w_.between(1, 12), w_.between(1, 28)),
        .media_type = sample.media_type,
        .kind = sample.kind,
        .size = static_cast<std::int64_t>(bytes.size()),
        .blob_id = store_blob(tx, bytes, at)};
    if (photo) {
      a.thumbnail_blob_id = store_blob(tx, photo->thumbnail, at);
      a.width = 480;
      a.height = 360;
    }
    tx.attachments().attach({tx.attachments().insert(a, at)}, board_id, author, post_id);
    ++file_count_;
  }

  std::size_t index_below(std::size_t size) {
    return static_cast<std::size_t>(w_.between(0, static_cast<std::int64_t>(size) - 1));
  }

  Runtime& rt_;
  RegionId region_id_;
  const GenerateOptions& options_;
  std::int64_t posts_;
  std::int64_t teams_;
  std::int64_t users_;
  Writer w_;
  UnixSeconds now_;
  std::vector<Staff> staff_;
  std::map<std::string, std::vector<std::size_t>> by_role_;  // team role → indexes into staff_
  std::vector<std::vector<UserId>> members_;
  std::vector<BoardId> board_ids_;
  std::vector<board::Tag> tags_;
  std::string pdf_;
  std::vector<Photo> photos_;
  std::vector<std::vector<PostId>> recent_roots_;
  std::vector<PostId> read_through_;  // per team: what members have read (older than 2 weeks)
  std::int64_t file_count_ = 0;
};

}  // namespace

int generate(const Config& config, const GenerateOptions& options) {
  const auto started = Clock::now();
  Runtime rt(config);
  bool created = false;
  seed_demo_region(rt, created);
  auto region = rt.storage->read(
      [&](storage::Transaction& tx) { return tx.regions().find_by_code(kDemoRegionCode); });
  if (rt.storage->read([&](storage::Transaction& tx) {
        return tx.credentials().find_by_login("gen.0001").has_value();
      })) {
    std::fprintf(stderr, "このデータディレクトリにはすでに生成データがあります。\n");
    return 1;
  }
  Generation generation(rt, region->id, options);
  generation.people_and_teams();
  generation.registry();
  generation.posts();
  rt.storage->checkpoint();
  generation.report(std::chrono::duration<double>(Clock::now() - started).count());
  return 0;
}

void add_generate_command(CLI::App& app, Command& chosen) {
  auto options = std::make_shared<GenerateOptions>();
  auto* cmd = app.add_subcommand(
      "generate", "add generated facilities, professionals, teams and posts to the demo region");
  cmd->add_option("--posts", options->posts, "number of posts (default 20000)");
  cmd->add_option("--teams", options->teams, "number of care teams");
  cmd->add_option("--users", options->users, "number of professionals");
  cmd->add_option("--seed", options->seed, "random seed (same seed, same data)");
  cmd->add_option("--persons", options->persons,
                  "registered persons beyond the teams' (for person search at scale)");
  cmd->callback([&chosen, options] {
    chosen = [options](const Config& config) { return generate(config, *options); };
  });
}

}  // namespace musubi::cli
