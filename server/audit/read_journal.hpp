// Reads of personal data are logged before they are shown, like every other access, but into a
// journal of their own instead of the data's database: a commit to the data file makes every
// reader connection drop its page cache (SQLite WAL), and with one audit commit per read no
// reader kept a warm cache under load. A sealer moves journal entries into the hash chain of
// the audit log in batches (audit_log.hpp: seal_reads), so the chain still holds every access.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <vector>

#include "audit/audit_store.hpp"

namespace musubi::audit {

struct JournalEntry {
  std::int64_t seq = 0;  // increasing, never reused, also across a new journal file
  Entry entry;           // without id and hashes: the chain assigns those when sealing
};

class ReadJournal {
 public:
  virtual ~ReadJournal() = default;
  // Durable when it returns (fsynced, group-committed with appends arriving meanwhile).
  virtual void append(const Entry& entry) = 0;
  // Returns at once; `done` is called (on the journal's own thread) once the entry is durable,
  // with nullptr, or with what failed. Appends arriving meanwhile share one commit.
  virtual void append_then(const Entry& entry, std::function<void(std::exception_ptr)> done) = 0;
  // Oldest first: entries with seq > `after`, at most `limit`.
  virtual std::vector<JournalEntry> after(std::int64_t seq, std::int64_t limit) = 0;
  // Removes entries up to and including `seq` (sealed into the chain).
  virtual void forget_through(std::int64_t seq) = 0;
  // New entries get a seq above `seq` (a journal file made anew continues the numbering).
  virtual void continue_after(std::int64_t seq) = 0;
};

}  // namespace musubi::audit
