#include "audit/audit_log.hpp"

#include <fmt/format.h>

#include "audit/read_journal.hpp"
#include "audit/read_log_wait.hpp"
#include "core/crypto.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "storage/storage.hpp"

namespace musubi::audit {

namespace {

void append_chained(storage::Transaction& tx, Entry entry) {
  auto& store = tx.audit();
  auto previous = store.last();
  entry.id = previous ? previous->id + 1 : 1;
  entry.prev_hash = previous ? previous->hash : kGenesisHash;
  entry.hash = entry_hash(entry);
  store.append(entry);
}

std::string truncated(const std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  return s.substr(0, cut);
}

}  // namespace

std::string entry_hash(const Entry& e) {
  // Unit separators keep field boundaries unambiguous.
  auto opt = [](const std::optional<Id>& v) { return v ? std::to_string(*v) : std::string(); };
  std::string canonical =
      fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}",
                  e.prev_hash, e.id, e.at, opt(e.region_id), opt(e.actor_user_id), e.actor_login,
                  e.action, e.target_type, e.target_id, e.outcome, e.detail, e.ip, e.request_id);
  return crypto::sha256_hex(canonical);
}

namespace {

Entry entry_for(const Clock& clock, const access::Actor& actor, const Event& event) {
  Entry e;
  e.at = clock.now();
  e.region_id = actor.region_id;
  if (actor.user_id > 0) e.actor_user_id = actor.user_id;  // 0: the command line, no account
  e.actor_login = actor.login_id;
  e.action = event.action;
  e.target_type = event.target_type;
  e.target_id = event.target_id;
  e.outcome = event.outcome;
  e.detail = truncated(event.detail, 500);
  e.ip = actor.ip;
  e.request_id = actor.request_id;
  return e;
}

// Journal entries sealed per write transaction: short enough not to hold the writer long.
constexpr std::int64_t kSealBatch = 1000;

}  // namespace

void record(storage::Transaction& tx, const Clock& clock, const access::Actor& actor,
            const Event& event) {
  append_chained(tx, entry_for(clock, actor, event));
}

void record_read(storage::Storage& storage, const Clock& clock, const access::Actor& actor,
                 const Event& event) {
  if (auto* journal = storage.read_journal()) {
    if (auto* wait = DeferReadLogs::current()) {
      journal->append_then(entry_for(clock, actor, event), wait->expect());
    } else {
      journal->append(entry_for(clock, actor, event));
    }
    return;
  }
  storage.write([&](storage::Transaction& tx) { record(tx, clock, actor, event); });
}

std::int64_t seal_reads(storage::Storage& storage) {
  auto* journal = storage.read_journal();
  if (!journal) return 0;
  std::int64_t total = 0;
  for (;;) {
    std::int64_t sealed_through = 0;
    const auto sealed = storage.write([&](storage::Transaction& tx) {
      auto batch = journal->after(tx.audit().journal_sealed_through(), kSealBatch);
      for (auto& j : batch) append_chained(tx, std::move(j.entry));
      if (!batch.empty()) {
        sealed_through = batch.back().seq;
        tx.audit().set_journal_sealed_through(sealed_through);
      }
      return static_cast<std::int64_t>(batch.size());
    });
    if (sealed == 0) break;
    journal->forget_through(sealed_through);
    total += sealed;
    if (sealed < kSealBatch) break;
  }
  return total;
}

void record_anonymous(storage::Transaction& tx, const Clock& clock, std::optional<Id> region_id,
                      std::optional<Id> user_id, const std::string& login_id,
                      const access::Origin& origin, const Event& event) {
  Entry e;
  e.at = clock.now();
  e.region_id = region_id;
  e.actor_user_id = user_id;
  e.actor_login = truncated(login_id, 100);
  e.action = event.action;
  e.target_type = event.target_type;
  e.target_id = event.target_id;
  e.outcome = event.outcome;
  e.detail = truncated(event.detail, 500);
  e.ip = origin.ip;
  e.request_id = origin.request_id;
  append_chained(tx, std::move(e));
}

Verification verify(storage::Storage& storage) {
  Verification result;
  storage.read([&](storage::Transaction& tx) {
    std::string expected_prev = kGenesisHash;
    Id expected_id = 1;
    tx.audit().scan([&](const Entry& e) {
      ++result.entries;
      if (e.id != expected_id) {
        result.problems.push_back(
            fmt::format("entry {}: expected id {} — entries {}..{} are missing", e.id, expected_id,
                        expected_id, e.id - 1));
      }
      if (e.prev_hash != expected_prev) {
        result.problems.push_back(
            fmt::format("entry {}: does not follow the entry before it (chain broken)", e.id));
      }
      if (entry_hash(e) != e.hash) {
        result.problems.push_back(
            fmt::format("entry {}: content does not match its hash (altered)", e.id));
      }
      expected_prev = e.hash;
      expected_id = e.id + 1;
      result.head_hash = e.hash;
      result.head_id = e.id;
      return result.problems.size() < 1000;
    });
  });
  return result;
}

std::vector<Entry> search(storage::Storage& storage, const Clock& clock, const access::Actor& actor,
                          Query query) {
  if (!actor.has(access::Role::region_admin)) throw Error(ErrorCode::forbidden);
  query.region_id = actor.region_id;
  query.limit = std::clamp<std::int64_t>(query.limit, 1, 10000);
  seal_reads(storage);  // so that the reads of the last second are there too
  return storage.write([&](storage::Transaction& tx) {
    auto entries = tx.audit().search(query);
    // Reading the log is itself an access worth recording.
    record(tx, clock, actor,
           {.action = "audit.search",
            .target_type = "audit_log",
            .detail = fmt::format("{} entries", entries.size())});
    return entries;
  });
}

std::string to_csv(const std::vector<Entry>& entries) {
  std::string out = "\xEF\xBB\xBF";
  out +=
      "id,日時(UTC),利用者ID,ログインID,操作,対象種別,対象ID,結果,詳細,接続元,リクエストID,"
      "ハッシュ\r\n";
  for (const auto& e : entries) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\r\n", e.id, format_iso8601(e.at),
                       e.actor_user_id ? std::to_string(*e.actor_user_id) : "",
                       csv::field(e.actor_login), csv::field(e.action), csv::field(e.target_type),
                       csv::field(e.target_id), csv::field(e.outcome), csv::field(e.detail),
                       csv::field(e.ip), csv::field(e.request_id), e.hash);
  }
  return out;
}

}  // namespace musubi::audit
