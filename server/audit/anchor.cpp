#include "audit/anchor.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "audit/audit_log.hpp"
#include "core/error.hpp"
#include "storage/storage.hpp"

namespace musubi::audit {

namespace {

constexpr std::string_view kMagic = "musubi-audit-anchor";
constexpr std::string_view kVersion = "v1";

std::string to_hex(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  out.pop_back();
  return out;
}

std::optional<std::string> from_hex(std::string_view hex, std::size_t bytes) {
  std::string out(bytes, '\0');
  std::size_t length = 0;
  if (hex.size() != bytes * 2 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(),
                     hex.size(), nullptr, &length, nullptr) != 0 ||
      length != bytes) {
    return std::nullopt;
  }
  return out;
}

Error file_error(const std::string& what, const std::string& path) {
  return Error(ErrorCode::internal, fmt::format("{} ({}): {}", what, path, std::strerror(errno)));
}

std::string when(UnixSeconds at) {
  return format_iso8601(at);
}

// The signed part of a line: everything but the signature.
std::string signed_part(const Checkpoint& c) {
  std::string reason = c.reason;
  for (auto& ch : reason) {
    if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
  }
  return fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}", kMagic, kVersion,
                     c.kind == Checkpoint::Kind::reset ? "reset" : "head", c.seq, c.at, c.head_id,
                     c.head_hash, reason);
}

template <typename T>
bool parse_number(std::string_view text, T& out) {
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    auto tab = line.find('\t', start);
    parts.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) return parts;
    start = tab + 1;
  }
}

std::optional<Checkpoint> parse_line(std::string_view line) {
  auto parts = split_tabs(line);
  if (parts.size() != 8 || parts[0] != kMagic || parts[1] != kVersion) return std::nullopt;
  Checkpoint c;
  if (parts[2] == "reset") {
    c.kind = Checkpoint::Kind::reset;
  } else if (parts[2] != "head") {
    return std::nullopt;
  }
  if (!parse_number(parts[3], c.seq) || !parse_number(parts[4], c.at) ||
      !parse_number(parts[5], c.head_id)) {
    return std::nullopt;
  }
  c.head_hash = std::string(parts[6]);
  c.reason = std::string(parts[7]);
  return c;
}

std::string read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

AnchorKey AnchorKey::load_or_create(const std::string& path) {
  if (auto key = load_if_present(path)) return *key;
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  const std::string seed(reinterpret_cast<const char*>(sk), crypto_sign_SEEDBYTES);
  const auto text = to_hex(seed) + "\n";
  sodium_memzero(sk, sizeof sk);
  // O_EXCL: two processes starting at once never both make a key.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      if (auto key = load_if_present(path)) return *key;
    }
    throw file_error("監査ログの記録点の鍵を作れません", path);
  }
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool synced = written && ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) throw file_error("監査ログの記録点の鍵を書けません", path);
  auto key = load_if_present(path);
  if (!key) throw file_error("監査ログの記録点の鍵を読めません", path);
  return *key;
}

std::optional<AnchorKey> AnchorKey::load_if_present(const std::string& path) {
  if (!std::filesystem::exists(path)) return std::nullopt;
  std::ifstream in(path);
  std::string hex;
  if (!in || !std::getline(in, hex)) throw file_error("監査ログの記録点の鍵を読めません", path);
  auto seed = from_hex(hex, crypto_sign_SEEDBYTES);
  if (!seed) {
    throw Error(ErrorCode::internal,
                fmt::format("監査ログの記録点の鍵 ({}) の形式が正しくありません", path));
  }
  AnchorKey key;
  key.public_.resize(crypto_sign_PUBLICKEYBYTES);
  key.secret_.resize(crypto_sign_SECRETKEYBYTES);
  crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(key.public_.data()),
                           reinterpret_cast<unsigned char*>(key.secret_.data()),
                           reinterpret_cast<const unsigned char*>(seed->data()));
  sodium_memzero(seed->data(), seed->size());
  return key;
}

std::optional<AnchorKey> AnchorKey::from_public_hex(std::string_view hex) {
  auto bytes = from_hex(hex, crypto_sign_PUBLICKEYBYTES);
  if (!bytes) return std::nullopt;
  AnchorKey key;
  key.public_ = std::move(*bytes);
  return key;
}

std::string AnchorKey::sign_hex(std::string_view message) const {
  if (secret_.empty()) throw Error(ErrorCode::internal, "公開鍵だけでは署名できません");
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), reinterpret_cast<const unsigned char*>(secret_.data()));
  return to_hex(std::string_view(reinterpret_cast<const char*>(signature), sizeof signature));
}

bool AnchorKey::verifies(std::string_view message, std::string_view signature_hex) const {
  auto signature = from_hex(signature_hex, crypto_sign_BYTES);
  return signature && crypto_sign_verify_detached(
                          reinterpret_cast<const unsigned char*>(signature->data()),
                          reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                          reinterpret_cast<const unsigned char*>(public_.data())) == 0;
}

std::string AnchorKey::public_hex() const {
  return to_hex(public_);
}

std::string format_checkpoint(const Checkpoint& checkpoint, const AnchorKey& key) {
  auto part = signed_part(checkpoint);
  return part + "\t" + key.sign_hex(part);
}

AnchorFile read_anchor_file(const std::string& path, const AnchorKey& key) {
  AnchorFile file;
  if (!std::filesystem::exists(path)) return file;
  file.exists = true;
  const auto text = read_whole(path);
  std::size_t start = 0;
  std::int64_t line_number = 0;
  std::int64_t expected_seq = 1;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    start = end + 1;
    ++line_number;
    if (line.empty()) continue;
    auto signature_at = line.rfind('\t');
    auto checkpoint = parse_line(line.substr(0, signature_at));
    if (!checkpoint || signature_at == std::string_view::npos) {
      file.problems.push_back(fmt::format(
          "記録点ファイルの {} 行目が読めません（壊れているか書き換えられています）", line_number));
      continue;
    }
    file.last_seq = std::max(file.last_seq, checkpoint->seq);
    if (!key.verifies(line.substr(0, signature_at), line.substr(signature_at + 1))) {
      file.problems.push_back(fmt::format(
          "記録点 #{}（{} 行目）の署名が合いません: 書き換えられたか、別の鍵で書かれています",
          checkpoint->seq, line_number));
      continue;
    }
    if (checkpoint->seq != expected_seq) {
      file.problems.push_back(
          checkpoint->seq == expected_seq + 1
              ? fmt::format("記録点 #{} がありません（記録点ファイルから消されています）",
                            expected_seq)
          : checkpoint->seq > expected_seq
              ? fmt::format("記録点 #{} から #{} がありません（記録点ファイルから消されています）",
                            expected_seq, checkpoint->seq - 1)
              : fmt::format("記録点 #{} が順番どおりではありません（{} 行目）", checkpoint->seq,
                            line_number));
    }
    expected_seq = checkpoint->seq + 1;
    file.checkpoints.push_back(std::move(*checkpoint));
  }
  return file;
}

Checkpoint append_checkpoint(const std::string& path, const AnchorKey& key, Checkpoint checkpoint) {
  const int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) throw file_error("監査ログの記録点を書けません", path);
  // A line cut short by a crash is left alone; the next line starts on a line of its own.
  struct stat st {};
  std::string prefix;
  if (::fstat(fd, &st) == 0 && st.st_size > 0) {
    char last = '\n';
    if (::pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n') prefix = "\n";
  }
  const auto line = prefix + format_checkpoint(checkpoint, key) + "\n";
  // One write: a concurrent reader sees the whole line or none of it.
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  const bool synced = written && ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) throw file_error("監査ログの記録点を書けません", path);
  return checkpoint;
}

std::vector<Checkpoint> binding(const AnchorFile& file) {
  std::vector<Checkpoint> out;
  for (const auto& c : file.checkpoints) {
    if (c.kind == Checkpoint::Kind::reset) out.clear();
    out.push_back(c);
  }
  return out;
}

std::vector<std::string> compare_chain(storage::Storage& storage,
                                       const std::vector<Checkpoint>& checkpoints) {
  std::map<Id, std::vector<const Checkpoint*>> wanted;
  for (const auto& c : checkpoints) {
    if (c.head_id > 0) wanted[c.head_id].push_back(&c);
  }
  std::vector<std::string> problems;
  Id last_id = 0;
  storage.read([&](storage::Transaction& tx) {
    tx.audit().scan([&](const Entry& e) {
      last_id = e.id;
      if (auto it = wanted.find(e.id); it != wanted.end()) {
        for (const auto* c : it->second) {
          if (c->head_hash != e.hash) {
            problems.push_back(fmt::format(
                "監査ログの #{} が記録点 #{}（{}）のときと違います: 書き換えられています", e.id,
                c->seq, when(c->at)));
          }
        }
      }
      return true;
    });
  });
  for (const auto& c : checkpoints) {
    if (c.head_id > last_id) {
      problems.push_back(fmt::format(
          "監査ログの末尾が削除されています: 記録点 #{}（{}）では #{} まであったのに、いまは #{} "
          "までです（{} 件が消えています）",
          c.seq, when(c.at), c.head_id, last_id, c.head_id - last_id));
      break;  // the newest checkpoints say the same again
    }
  }
  return problems;
}

Anchor::Anchor(storage::Storage& storage, const Clock& clock, Options options)
    : storage_(storage),
      clock_(clock),
      options_(std::move(options)),
      key_existed_(std::filesystem::exists(options_.key_file)),
      key_(AnchorKey::load_or_create(options_.key_file)) {
  auto file = read_anchor_file(options_.file, key_);
  problems_ = file.problems;
  next_seq_ = file.last_seq + 1;
  if (key_existed_ && file.checkpoints.empty() && file.problems.empty()) {
    problems_.push_back(fmt::format(
        "監査ログの記録点ファイル ({}) がないか空です。鍵 ({}) はあるので、記録点が消された"
        "おそれがあります",
        options_.file, options_.key_file));
  }
  auto bound = binding(file);
  if (bound.empty()) return;
  last_ = bound.back();
  // At start only the newest checkpoint is checked (one row); `musubi audit verify` checks all.
  const auto& newest = *last_;
  if (newest.head_id == 0) return;
  auto entry =
      storage_.read([&](storage::Transaction& tx) { return tx.audit().find(newest.head_id); });
  if (!entry) {
    auto head = storage_.read([&](storage::Transaction& tx) { return tx.audit().last(); });
    const Id now = head ? head->id : 0;
    problems_.push_back(fmt::format(
        "監査ログの末尾が削除されています: 記録点 #{}（{}）では #{} まであったのに、いまは #{} "
        "までです（{} 件が消えています）",
        newest.seq, when(newest.at), newest.head_id, now, newest.head_id - now));
  } else if (entry->hash != newest.head_hash) {
    problems_.push_back(
        fmt::format("監査ログの #{} が記録点 #{}（{}）のときと違います: 書き換えられています",
                    newest.head_id, newest.seq, when(newest.at)));
  }
}

bool Anchor::checkpoint() {
  std::lock_guard lock(mutex_);
  auto head = storage_.read([&](storage::Transaction& tx) { return tx.audit().last(); });
  Checkpoint c;
  c.head_id = head ? head->id : 0;
  c.head_hash = head ? head->hash : kGenesisHash;
  if (last_ && last_->head_id == c.head_id && last_->head_hash == c.head_hash) return false;
  c.at = clock_.now();
  write(std::move(c));
  return true;
}

Checkpoint Anchor::reset(const std::string& reason) {
  std::lock_guard lock(mutex_);
  auto head = storage_.read([&](storage::Transaction& tx) { return tx.audit().last(); });
  Checkpoint c;
  c.kind = Checkpoint::Kind::reset;
  c.head_id = head ? head->id : 0;
  c.head_hash = head ? head->hash : kGenesisHash;
  c.at = clock_.now();
  c.reason = reason;
  write(c);
  problems_.clear();
  return *last_;
}

void Anchor::write(Checkpoint c) {
  c.seq = next_seq_;
  last_ = append_checkpoint(options_.file, key_, std::move(c));
  ++next_seq_;
  if (options_.syslog) {
    // The same signed line, so that an auditor can check a copy taken from the journal with
    // `musubi audit verify --anchor-copy FILE --public-key HEX`.
    const auto line = format_checkpoint(*last_, key_);
    ::openlog("musubi-audit", LOG_PID, LOG_AUTHPRIV);
    ::syslog(LOG_NOTICE, "%s", line.c_str());
  }
}

}  // namespace musubi::audit
