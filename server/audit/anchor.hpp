// The audit chain's head anchored outside the database (docs/decisions/002). The chain inside the
// database shows an edit or a deletion in the middle; it cannot show its own end being cut off.
// So the server writes signed checkpoints of the head (id and hash) to an append-only file beside
// the database, signed with an Ed25519 key the database does not hold, and optionally to syslog,
// whence the operator's journal can carry them off the machine. `musubi audit verify` and the
// server's start compare the chain with them.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_store.hpp"
#include "core/clock.hpp"

namespace musubi::storage {
class Storage;
}

namespace musubi::audit {

// Ed25519 (libsodium). The secret key file holds the 32-byte seed as hex, 0600.
class AnchorKey {
 public:
  // Reads the key, or makes one (0600) when the file is missing. Throws with a Japanese message
  // when the file cannot be read, parsed or made.
  static AnchorKey load_or_create(const std::string& path);
  // Reads the key; nothing when the file is missing.
  static std::optional<AnchorKey> load_if_present(const std::string& path);
  // A key that can only check signatures (an auditor's copy of the public key, 64 hex digits).
  static std::optional<AnchorKey> from_public_hex(std::string_view hex);

  std::string sign_hex(std::string_view message) const;  // throws when public only
  bool verifies(std::string_view message, std::string_view signature_hex) const;
  std::string public_hex() const;

 private:
  std::string public_;  // 32 bytes
  std::string secret_;  // 64 bytes (libsodium's seed ‖ public), empty when public only
};

struct Checkpoint {
  enum class Kind { head, reset };
  Kind kind = Kind::head;  // reset: an operator accepted the chain as it is (a restore)
  std::int64_t seq = 0;    // 1, 2, 3 … in the file
  UnixSeconds at = 0;
  Id head_id = 0;  // 0 with the genesis hash: an empty chain
  std::string head_hash;
  std::string reason;  // reset only: why, as the operator typed it
};

// One line of the file (and of syslog): tab-separated, signed. No tab or newline in `reason`.
std::string format_checkpoint(const Checkpoint& checkpoint, const AnchorKey& key);

struct AnchorFile {
  std::vector<Checkpoint> checkpoints;  // the lines whose signatures verify, in file order
  std::vector<std::string> problems;    // unsigned, altered, reordered or missing lines
  bool exists = false;
  std::int64_t last_seq = 0;  // the highest seq on a readable line, signed or not
};
AnchorFile read_anchor_file(const std::string& path, const AnchorKey& key);

// Appends one checkpoint line (O_APPEND, fsync) and returns it. `seq` is the file's next.
Checkpoint append_checkpoint(const std::string& path, const AnchorKey& key, Checkpoint checkpoint);

// The checkpoints that still bind the chain: from the last reset on.
std::vector<Checkpoint> binding(const AnchorFile& file);

// What is wrong between the chain's entries and the checkpoints that bind it, in Japanese; empty
// when every checkpoint's head is in the chain with its hash. Walks the chain once.
std::vector<std::string> compare_chain(storage::Storage& storage,
                                       const std::vector<Checkpoint>& checkpoints);

// Where the server keeps the head anchored while it runs.
class Anchor {
 public:
  struct Options {
    std::string file;
    std::string key_file;
    bool syslog = false;
  };
  // Loads (or creates) the key and reads the file; `problems()` tells whether the chain in
  // `storage` still matches the newest checkpoints (checked on the head only: quick at start).
  Anchor(storage::Storage& storage, const Clock& clock, Options options);

  const std::vector<std::string>& problems() const { return problems_; }
  // Writes a checkpoint when the head moved since the last one; returns whether it wrote.
  bool checkpoint();
  // An operator accepts the chain as it is now (after a restore): a signed reset line.
  Checkpoint reset(const std::string& reason);
  std::string public_key_hex() const { return key_.public_hex(); }

 private:
  void write(Checkpoint checkpoint);

  storage::Storage& storage_;
  const Clock& clock_;
  Options options_;
  bool key_existed_;
  AnchorKey key_;
  std::mutex mutex_;
  std::int64_t next_seq_ = 1;
  std::optional<Checkpoint> last_;
  std::vector<std::string> problems_;
};

}  // namespace musubi::audit
