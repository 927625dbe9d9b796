// The chain's head anchored outside the database: cutting the end off, rewriting it, or
// tampering with the checkpoints themselves all show; a restore accepted by an operator does not.
#include "audit/anchor.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "audit/audit_log.hpp"
#include "backends/sqlite/connection.hpp"
#include "core/error.hpp"
#include "fixture/test_region.hpp"
#include "storage/storage.hpp"

namespace musubi::audit {
namespace {

class AnchorTest : public musubi::testing::TestRegion {
 protected:
  void append(int n) {
    for (int i = 0; i < n; ++i) {
      storage->write([&](storage::Transaction& tx) {
        record(tx, clock, admin,
               {.action = "person.read", .target_type = "person", .target_id = std::to_string(i)});
      });
      clock.advance(1);
    }
  }
  void tamper(const std::string& sql) {
    backends::sqlite::Connection raw(db_path, false, "full");
    raw.exec(
        "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;");
    raw.exec(sql);
  }
  Anchor::Options options() const {
    return {.file = (dir.path() / "audit-anchor.log").string(),
            .key_file = (dir.path() / "audit-anchor.key").string()};
  }
  std::string file_text() const {
    std::ifstream in(options().file);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  void write_file(const std::string& text) const { std::ofstream(options().file) << text; }
  Id head_id() {
    return storage->read([](storage::Transaction& tx) { return tx.audit().last()->id; });
  }
  static bool mentions(const std::vector<std::string>& problems, const std::string& words) {
    for (const auto& p : problems) {
      if (p.find(words) != std::string::npos) return true;
    }
    return false;
  }
};

TEST_F(AnchorTest, FirstStartMakesAPrivateKeyAndCheckpointsTheHead) {
  append(3);
  Anchor anchor(*storage, clock, options());
  EXPECT_TRUE(anchor.problems().empty());
  EXPECT_TRUE(anchor.checkpoint());
  EXPECT_FALSE(anchor.checkpoint()) << "the head did not move: no second line";
  struct stat st {};
  ASSERT_EQ(::stat(options().key_file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(options().file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto key = AnchorKey::load_if_present(options().key_file);
  ASSERT_TRUE(key);
  auto file = read_anchor_file(options().file, *key);
  ASSERT_EQ(file.checkpoints.size(), 1u);
  EXPECT_TRUE(file.problems.empty());
  EXPECT_EQ(file.checkpoints[0].head_id, head_id());
  EXPECT_EQ(file.checkpoints[0].seq, 1);
  EXPECT_TRUE(compare_chain(*storage, binding(file)).empty());
}

TEST_F(AnchorTest, CuttingTheLastEntryOrTheLastFiftyShowsAtStartAndInTheFullCheck) {
  append(60);
  { Anchor(*storage, clock, options()).checkpoint(); }
  const auto head = head_id();
  tamper("DELETE FROM audit_log WHERE id = " + std::to_string(head));
  {
    Anchor again(*storage, clock, options());
    ASSERT_TRUE(mentions(again.problems(), "末尾が削除されています"));
    EXPECT_TRUE(mentions(again.problems(), "1 件が消えています"));
  }
  tamper("DELETE FROM audit_log WHERE id > " + std::to_string(head - 50));
  EXPECT_TRUE(verify(*storage).problems.empty()) << "the chain alone cannot see its end cut off";
  Anchor again(*storage, clock, options());
  EXPECT_TRUE(mentions(again.problems(), "50 件が消えています"));
  auto file = read_anchor_file(options().file, *AnchorKey::load_if_present(options().key_file));
  EXPECT_TRUE(mentions(compare_chain(*storage, binding(file)), "50 件が消えています"));
}

TEST_F(AnchorTest, ARewrittenChainDoesNotMatchItsCheckpoint) {
  append(5);
  { Anchor(*storage, clock, options()).checkpoint(); }
  const auto head = head_id();
  // Someone rebuilds the last entry with a valid hash of its own: the chain is consistent again.
  auto last = storage->read([](storage::Transaction& tx) { return *tx.audit().last(); });
  last.detail = "書き換え";
  last.hash = entry_hash(last);
  tamper("DELETE FROM audit_log WHERE id = " + std::to_string(head));
  storage->write([&](storage::Transaction& tx) { tx.audit().append(last); });
  EXPECT_TRUE(verify(*storage).problems.empty());
  Anchor again(*storage, clock, options());
  EXPECT_TRUE(mentions(again.problems(), "書き換えられています"));
}

TEST_F(AnchorTest, AnAlteredRemovedOrForgedCheckpointLineShows) {
  append(2);
  Anchor anchor(*storage, clock, options());
  anchor.checkpoint();
  append(1);
  anchor.checkpoint();
  append(1);
  anchor.checkpoint();
  const auto text = file_text();
  auto key = *AnchorKey::load_if_present(options().key_file);
  ASSERT_EQ(read_anchor_file(options().file, key).checkpoints.size(), 3u);

  // The head id of the last line lowered to hide a cut: the signature no longer matches.
  auto lines = text;
  auto last_line = lines.rfind("musubi-audit-anchor");
  auto field = lines.find('\t', lines.find("\thead\t", last_line) + 6);  // after seq
  field = lines.find('\t', field + 1);                                   // after at
  lines.replace(field + 1, lines.find('\t', field + 1) - field - 1, "1");
  write_file(lines);
  EXPECT_TRUE(mentions(read_anchor_file(options().file, key).problems, "署名が合いません"));

  // The middle line removed.
  auto first_end = text.find('\n');
  auto second_end = text.find('\n', first_end + 1);
  write_file(text.substr(0, first_end + 1) + text.substr(second_end + 1));
  EXPECT_TRUE(mentions(read_anchor_file(options().file, key).problems, "記録点 #2 がありません"));

  // A line signed with another key.
  write_file(text);
  musubi::testing::TempDirectory other;
  auto stranger = AnchorKey::load_or_create((other.path() / "k").string());
  Checkpoint forged{.seq = 4, .at = 1, .head_id = 1, .head_hash = std::string(64, '0')};
  write_file(text + format_checkpoint(forged, stranger) + "\n");
  EXPECT_TRUE(mentions(read_anchor_file(options().file, key).problems, "署名が合いません"));
  EXPECT_TRUE(read_anchor_file(options().file, stranger).checkpoints.size() == 1u);
}

TEST_F(AnchorTest, AKeyWithoutItsCheckpointsShows) {
  append(2);
  { Anchor(*storage, clock, options()).checkpoint(); }
  std::filesystem::remove(options().file);
  Anchor again(*storage, clock, options());
  EXPECT_TRUE(mentions(again.problems(), "記録点が消されたおそれがあります"));
}

TEST_F(AnchorTest, AnAcceptedHeadBindsFromThereOnAndTheOldCheckpointsStayReadable) {
  append(10);
  { Anchor(*storage, clock, options()).checkpoint(); }
  tamper("DELETE FROM audit_log WHERE id > 5");
  Anchor anchor(*storage, clock, options());
  ASSERT_FALSE(anchor.problems().empty());
  auto reset = anchor.reset("restore from backup-2026-12-01.db");
  EXPECT_EQ(reset.kind, Checkpoint::Kind::reset);
  EXPECT_EQ(reset.head_id, 5);
  Anchor after(*storage, clock, options());
  EXPECT_TRUE(after.problems().empty()) << after.problems().front();
  auto file = read_anchor_file(options().file, *AnchorKey::load_if_present(options().key_file));
  EXPECT_EQ(file.checkpoints.size(), 2u);
  EXPECT_EQ(binding(file).size(), 1u);
  EXPECT_EQ(file.checkpoints.back().reason, "restore from backup-2026-12-01.db");
  EXPECT_TRUE(compare_chain(*storage, binding(file)).empty());
}

TEST_F(AnchorTest, ALineCutShortByACrashIsReportedAndTheNextLineStartsOnItsOwn) {
  append(1);
  Anchor anchor(*storage, clock, options());
  anchor.checkpoint();
  const auto text = file_text();
  write_file(text + text.substr(0, 40));  // half a line, no newline
  append(1);
  Anchor again(*storage, clock, options());
  EXPECT_TRUE(mentions(again.problems(), "2 行目が読めません"));
  again.checkpoint();
  auto file = read_anchor_file(options().file, *AnchorKey::load_if_present(options().key_file));
  EXPECT_EQ(file.checkpoints.size(), 2u) << "the new line is whole and verifies:\n" << file_text();
  EXPECT_EQ(file.checkpoints.back().seq, 2);
}

TEST_F(AnchorTest, APublicKeyAloneChecksButCannotSign) {
  append(1);
  Anchor anchor(*storage, clock, options());
  anchor.checkpoint();
  auto auditor = AnchorKey::from_public_hex(anchor.public_key_hex());
  ASSERT_TRUE(auditor);
  EXPECT_EQ(read_anchor_file(options().file, *auditor).checkpoints.size(), 1u);
  EXPECT_THROW(auditor->sign_hex("x"), musubi::Error);
  EXPECT_FALSE(AnchorKey::from_public_hex("zz"));
  EXPECT_FALSE(AnchorKey::from_public_hex(std::string(63, 'a')));
}

}  // namespace
}  // namespace musubi::audit
