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
  const std::int64_t posts = std::max<std::int64_t>(options.posts, 0);
  const std::int64_t teams =
      options.teams > 0 ? options.teams : std::clamp<std::int64_t>(posts / 1000, 20, 1000);
  const std::int64_t users =
      options.users > 0 ? options.users : std::clamp<std::int64_t>(teams / 2, 40, 500);
  Writer w(options.seed);
  const auto now = rt.clock.now();
  const auto hash = access::hash_password(kDemoPassword);

  struct Staff {
    board::Id id;
    const char* team_role;
  };
  std::vector<Staff> staff;
  std::map<std::string, std::vector<std::size_t>> by_role;  // team role → indexes into staff
  std::vector<std::vector<board::Id>> members(static_cast<std::size_t>(teams));
  std::vector<board::Id> board_ids;
  std::vector<board::Tag> tags;
  rt.storage->write([&](storage::Transaction& tx) {
    std::map<std::string, region::Id> professions;
    for (const auto& p : tx.regions().professions(region->id)) professions[p.name] = p.id;
    tags = tx.posts().tags(region->id, false);
    // About eight professionals per facility; at least one facility of each kind when there are
    // enough people for it.
    const std::int64_t facilities = std::min<std::int64_t>(
        users, std::max<std::int64_t>(users / 8, static_cast<std::int64_t>(std::size(kKinds))));
    std::vector<std::pair<region::Id, const Kind*>> facility_ids;
    for (std::int64_t f = 0; f < facilities; ++f) {
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
      facility_ids.emplace_back(tx.facilities().insert(region->id, patch, now), kind);
    }
    for (std::int64_t u = 0; u < users; ++u) {
      const auto& [facility, kind] = facility_ids[static_cast<std::size_t>(u % facilities)];
      const auto& job = kind->jobs[static_cast<std::size_t>(u / facilities) % kind->job_count];
      const auto& surname = w.pick(kSurnames);
      const auto& given = w.pick(kGiven);
      region::UserPatch patch;
      patch.facility_id = facility;
      patch.name = fmt::format("{} {}", surname.kanji, given.kanji);
      patch.name_kana = fmt::format("{} {}", surname.kana, given.kana);
      patch.profession_id = professions.at(job.profession);
      patch.roles = access::RoleSet{access::Role::professional};
      auto login = fmt::format("gen.{:04}", u + 1);
      patch.email = login + "@generated.musubi.invalid";
      auto id = tx.users().insert(region->id, login, patch, hash, false, now);
      staff.push_back({id, job.team_role});
      by_role[job.team_role].push_back(staff.size() - 1);
    }
    for (std::int64_t t = 0; t < teams; ++t) {
      bool man = w.chance(0.4);
      const auto& surname = w.pick(kSurnames);
      const auto& given = man ? w.pick(kElderMen) : w.pick(kElderWomen);
      person::PersonFields p{.name = fmt::format("{} {}", surname.kanji, given.kanji),
                             .name_kana = fmt::format("{} {}", surname.kana, given.kana),
                             .birth_date = fmt::format("{}-{:02}-{:02}", w.between(1925, 1950),
                                                       w.between(1, 12), w.between(1, 28)),
                             .sex = man ? person::Sex::male : person::Sex::female};
      auto person_id = tx.persons().insert(region->id, std::nullopt, p, now);
      auto team = tx.boards().insert(region->id, person_id, now - UnixSeconds{800} * 86400);
      board_ids.push_back(team);
      // A team as it is formed: a primary doctor (gen.0001, the benchmark's user, on every 20th
      // team) and a care manager, then nurses, pharmacists, helpers … as often as they are
      // involved, then others up to 4–12 members. The first member administers the team.
      std::vector<std::size_t> list;
      auto add = [&](std::size_t index) {
        if (std::find(list.begin(), list.end(), index) == list.end()) list.push_back(index);
      };
      auto add_one_of = [&](const char* role) {
        const auto& pool = by_role[role];
        if (!pool.empty()) {
          add(pool[static_cast<std::size_t>(
              w.between(0, static_cast<std::int64_t>(pool.size()) - 1))]);
        }
      };
      if (t % 20 == 0) {
        add(0);
      } else {
        add_one_of("primary_doctor");
      }
      add_one_of("care_manager");
      auto size = w.between(4, 12);
      for (const auto& [role, chance] : kTeamRoleChance) {
        if (static_cast<std::int64_t>(list.size()) < size && w.chance(chance)) add_one_of(role);
      }
      while (static_cast<std::int64_t>(list.size()) < std::min(size, users)) {
        add(static_cast<std::size_t>(w.between(0, users - 1)));
      }
      bool has_primary_doctor = false;
      for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& member = staff[list[i]];
        std::string_view role = member.team_role;
        if (role == "primary_doctor") {
          if (has_primary_doctor) role = "doctor";  // one 主治医; other doctors consult
          has_primary_doctor = true;
        }
        members[static_cast<std::size_t>(t)].push_back(member.id);
        tx.boards().put_member(team, member.id, std::string(role), i == 0,
                               now - UnixSeconds{800} * 86400);
      }
    }
  });

  // Persons registered by the region's offices who have no team yet: a city's registry is far
  // larger than its active teams. Born 1920-1960, names in kanji and kana.
  for (std::int64_t done = 0; done < options.persons;) {
    rt.storage->write([&](storage::Transaction& tx) {
      for (std::int64_t i = 0; i < 20000 && done < options.persons; ++i, ++done) {
        bool man = w.chance(0.45);
        // The most common surnames most often, then the long tail.
        const auto& surname = w.chance(0.5) ? w.pick(kSurnames) : w.pick(kMoreSurnames);
        const auto& given = man ? (w.chance(0.5) ? w.pick(kElderMen) : w.pick(kMoreElderMen))
                                : (w.chance(0.5) ? w.pick(kElderWomen) : w.pick(kMoreElderWomen));
        person::PersonFields p{
            .name = fmt::format("{} {}", surname.kanji, given.kanji),
            .name_kana = fmt::format("{} {}", surname.kana, given.kana),
            .birth_date = fmt::format("{}-{:02}-{:02}", w.between(1920, 1960), w.between(1, 12),
                                      w.between(1, 28)),
            .sex = man ? person::Sex::male : person::Sex::female,
            .address = fmt::format("茨城県つくば市{}{}丁目{}-{}", w.pick(kPlaces), w.between(1, 9),
                                   w.between(1, 30), w.between(1, 20))};
        tx.persons().insert(region->id, std::nullopt, p, now);
      }
    });
    std::fprintf(stderr, "\r%lld / %lld persons", static_cast<long long>(done),
                 static_cast<long long>(options.persons));
  }

  // Posts over the last two years, in transactions of 20,000.
  const UnixSeconds first = now - UnixSeconds{730} * 86400;
  std::vector<std::vector<board::Id>> recent_roots(static_cast<std::size_t>(teams));
  // Members have read everything older than two weeks; what is newer is unread.
  const UnixSeconds read_before = now - UnixSeconds{14} * 86400;
  std::vector<board::Id> read_through(static_cast<std::size_t>(teams), 0);
  constexpr std::int64_t kBatch = 20000;
  const auto pdf = blank_pdf();
  std::vector<Photo> photos;
  for (auto [r, g, b] :
       {std::array<std::uint8_t, 3>{190, 120, 110}, {170, 140, 120}, {90, 140, 200}}) {
    auto jpeg = files::sample_photo(480, 360, r, g, b);
    auto thumbnail = jpeg ? files::make_thumbnail(*jpeg, files::ImageFormat::jpeg) : std::nullopt;
    if (!jpeg || !thumbnail) throw std::runtime_error("libvips could not make the sample photos");
    photos.push_back({std::move(*jpeg), std::move(*thumbnail)});
  }
  std::int64_t file_count = 0;
  rt.storage->bulk_load([&] {
    for (std::int64_t done = 0; done < posts;) {
      rt.storage->write([&](storage::Transaction& tx) {
        for (std::int64_t i = 0; i < kBatch && done < posts; ++i, ++done) {
          auto t = static_cast<std::size_t>(w.between(0, teams - 1));
          const auto& team_members = members[t];
          auto author = team_members[static_cast<std::size_t>(
              w.between(0, static_cast<std::int64_t>(team_members.size()) - 1))];
          auto at = first + (UnixSeconds{730} * 86400) * done / std::max<std::int64_t>(posts, 1);
          board::NewPost post{.board_id = board_ids[t], .author_id = author};
          auto& roots = recent_roots[t];
          if (!roots.empty() && w.chance(0.15)) {
            post.parent_id = roots[static_cast<std::size_t>(
                w.between(0, static_cast<std::int64_t>(roots.size()) - 1))];
            post.body = w.reply_text();
            auto reply = tx.posts().insert(post, at);
            if (at < read_before) read_through[t] = reply;
            continue;
          }
          post.body = w.post_text();
          post.tag_id = tags[static_cast<std::size_t>(
                                 w.between(0, static_cast<std::int64_t>(tags.size()) - 1))]
                            .id;
          post.important = w.chance(0.05);
          auto other = team_members[static_cast<std::size_t>(
              w.between(0, static_cast<std::int64_t>(team_members.size()) - 1))];
          if (w.chance(0.03) && other != author) post.audience = {author, other};
          if (w.chance(0.02) && other != author) {
            post.request = board::NewPost::Addressing{.kind = board::RequestKind::answer,
                                                      .deadline = at + UnixSeconds{3} * 86400,
                                                      .addressees = {{other, std::nullopt}}};
          }
          auto id = tx.posts().insert(post, at);
          if (at < read_before) read_through[t] = id;
          if (post.audience.empty() && w.chance(0.3)) {
            tx.posts().acknowledge(id, other == author ? team_members[0] : other, at + 3600);
          }
          if (w.chance(0.02)) {
            const auto& sample = w.pick(kSampleFiles);
            const auto* photo =
                sample.photo >= 0 ? &photos[static_cast<std::size_t>(sample.photo)] : nullptr;
            std::string_view bytes = photo ? std::string_view(photo->jpeg) : std::string_view(pdf);
            board::Attachment a{.board_id = board_ids[t],
                                .uploader_id = author,
                                .file_name = fmt::format(fmt::runtime(sample.name),
                                                         w.between(1, 12), w.between(1, 28)),
                                .media_type = sample.media_type,
                                .kind = sample.kind,
                                .size = static_cast<std::int64_t>(bytes.size()),
                                .blob_id = store_blob(tx, bytes, at)};
            if (photo) {
              a.thumbnail_blob_id = store_blob(tx, photo->thumbnail, at);
              a.width = 480;
              a.height = 360;
            }
            tx.attachments().attach({tx.attachments().insert(a, at)}, board_ids[t], author, id);
            ++file_count;
          }
          roots.push_back(id);
          if (roots.size() > 8) roots.erase(roots.begin());
        }
      });
      std::fprintf(stderr, "\r%lld / %lld posts", static_cast<long long>(done),
                   static_cast<long long>(posts));
    }
    rt.storage->write([&](storage::Transaction& tx) {
      for (std::size_t t = 0; t < board_ids.size(); ++t) {
        for (auto member : members[t]) {
          tx.boards().mark_read_through(board_ids[t], member, read_through[t]);
        }
      }
      audit::record(tx, rt.clock, command_line_actor(region->id),
                    {.action = "generate",
                     .target_type = "region",
                     .target_id = std::to_string(region->id),
                     .detail = fmt::format("seed {}: {} users, {} teams, {} posts, {} files",
                                           options.seed, users, teams, posts, file_count)});
    });
  });
  rt.storage->checkpoint();
  auto seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::printf(
      "\n生成しました: %lld 人, %lld チーム, %lld 投稿, %lld ファイル（seed %llu, %.1f 秒）\n",
      static_cast<long long>(users), static_cast<long long>(teams), static_cast<long long>(posts),
      static_cast<long long>(file_count), static_cast<unsigned long long>(options.seed), seconds);
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
