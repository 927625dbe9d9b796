// The person record: summaries and ACP entries as JSON documents (codec/record_json), one row per
// version; consents and forms as rows.
#include <nlohmann/json.hpp>

#include "backends/sqlite/record_store.hpp"
#include "codec/record_json.hpp"

namespace musubi::backends::sqlite {

using namespace musubi::person;
using nlohmann::json;

namespace {

Summary read_summary(const std::string& document) {
  Validator problems;
  auto s = codec::summary_from_json(codec::parse_stored(document), problems);
  codec::throw_if_damaged(problems, "summary");
  return s;
}

std::vector<std::string> read_changes(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& c : codec::parse_stored(text)) {
    if (c.is_string()) out.push_back(c.get<std::string>());
  }
  return out;
}

constexpr const char* kConsentSelect =
    "SELECT c.id, c.person_id, c.consenter, c.consenter_name, c.proxy_relation, c.consented_on, "
    "c.expires_on, c.scope, c.document_attachment_id, COALESCE(x.file_name, ''), c.note, "
    "c.recorded_by, u.name, c.recorded_at, c.withdrawn_at, COALESCE(w.name, ''), "
    "c.withdrawn_reason FROM consents c JOIN users u ON u.id = c.recorded_by "
    "LEFT JOIN users w ON w.id = c.withdrawn_by "
    "LEFT JOIN attachments x ON x.id = c.document_attachment_id ";

Consent read_consent(Statement& s) {
  Consent c;
  c.id = s.int64(0);
  c.person_id = s.int64(1);
  c.consenter = s.text(2);
  c.consenter_name = s.text(3);
  c.proxy_relation = s.text(4);
  c.consented_on = s.text(5);
  c.expires_on = s.text(6);
  Validator problems;
  c.scope = codec::scope_from_json(codec::parse_stored(s.text(7)), problems);
  codec::throw_if_damaged(problems, "consent scope");
  c.document_attachment_id = s.optional_int64(8);
  c.document_name = s.text(9);
  c.note = s.text(10);
  c.recorded_by = s.int64(11);
  c.recorded_by_name = s.text(12);
  c.recorded_at = s.int64(13);
  c.withdrawn_at = s.optional_int64(14);
  c.withdrawn_by_name = s.text(15);
  c.withdrawn_reason = s.text(16);
  return c;
}

constexpr const char* kFormSelect =
    "SELECT f.id, f.person_id, f.template, f.state, f.version, f.created_by, cu.name, "
    "f.created_at, f.updated_by, uu.name, f.updated_at, f.finalized_at, COALESCE(fu.name, ''), "
    "f.form_values FROM forms f JOIN users cu ON cu.id = f.created_by "
    "JOIN users uu ON uu.id = f.updated_by LEFT JOIN users fu ON fu.id = f.finalized_by ";

Form read_form(Statement& s, bool with_values) {
  Form f;
  f.id = s.int64(0);
  f.person_id = s.int64(1);
  f.template_code = s.text(2);
  f.state = s.text(3);
  f.version = s.int64(4);
  f.created_by = s.int64(5);
  f.created_by_name = s.text(6);
  f.created_at = s.int64(7);
  f.updated_by = s.int64(8);
  f.updated_by_name = s.text(9);
  f.updated_at = s.int64(10);
  f.finalized_at = s.optional_int64(11);
  f.finalized_by_name = s.text(12);
  if (with_values) {
    Validator problems;
    f.values = codec::form_values_from_json(codec::parse_stored(s.text(13)), problems);
    codec::throw_if_damaged(problems, "form");
  }
  return f;
}

}  // namespace

std::optional<SummaryVersion> SqliteRecordStore::summary(Id person_id,
                                                         std::optional<std::int64_t> version) {
  auto s = c_.prepare(
      "SELECT s.version, s.document, s.changes, s.changed_by, u.name, s.changed_at "
      "FROM person_summaries s JOIN users u ON u.id = s.changed_by "
      "WHERE s.person_id = ?1 AND (?2 IS NULL OR s.version = ?2) ORDER BY s.version DESC LIMIT 1");
  s.bind_all(person_id, version);
  if (!s.step()) return std::nullopt;
  SummaryVersion v;
  v.version = s.int64(0);
  v.summary = read_summary(s.text(1));
  v.changes = read_changes(s.text(2));
  v.changed_by = s.int64(3);
  v.changed_by_name = s.text(4);
  v.changed_at = s.int64(5);
  return v;
}

std::vector<SummaryVersion> SqliteRecordStore::summary_history(Id person_id, std::int64_t limit) {
  auto s = c_.prepare(
      "SELECT s.version, s.changes, s.changed_by, u.name, s.changed_at "
      "FROM person_summaries s JOIN users u ON u.id = s.changed_by "
      "WHERE s.person_id = ?1 ORDER BY s.version DESC LIMIT ?2");
  s.bind_all(person_id, limit);
  std::vector<SummaryVersion> out;
  while (s.step()) {
    SummaryVersion v;
    v.version = s.int64(0);
    v.changes = read_changes(s.text(1));
    v.changed_by = s.int64(2);
    v.changed_by_name = s.text(3);
    v.changed_at = s.int64(4);
    out.push_back(std::move(v));
  }
  return out;
}

bool SqliteRecordStore::add_summary_version(Id person_id, std::int64_t expected_version,
                                            const Summary& summary,
                                            const std::vector<std::string>& changes, Id by,
                                            UnixSeconds at) {
  // The primary key (person, version) makes two editors who started from the same version
  // collide; the current version must also be the one the editor started from.
  auto current =
      c_.prepare("SELECT COALESCE(MAX(version), 0) FROM person_summaries WHERE person_id = ?1");
  current.bind_all(person_id);
  current.step();
  if (current.int64(0) != expected_version) return false;
  c_.prepare(
        "INSERT INTO person_summaries (person_id, version, document, changes, changed_by, "
        "changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind_all(person_id, expected_version + 1, codec::to_json(summary).dump(),
                json(changes).dump(), by, at)
      .run();
  return true;
}

std::vector<AcpEntry> SqliteRecordStore::acp_entries(Id person_id) {
  auto s = c_.prepare(
      "SELECT a.version, a.document, a.recorded_by, u.name, a.recorded_at "
      "FROM advance_care_plans a JOIN users u ON u.id = a.recorded_by "
      "WHERE a.person_id = ?1 ORDER BY a.version DESC");
  s.bind_all(person_id);
  std::vector<AcpEntry> out;
  while (s.step()) {
    AcpEntry e;
    e.version = s.int64(0);
    Validator problems;
    e.plan = codec::acp_from_json(codec::parse_stored(s.text(1)), problems);
    codec::throw_if_damaged(problems, "ACP entry");
    e.recorded_by = s.int64(2);
    e.recorded_by_name = s.text(3);
    e.recorded_at = s.int64(4);
    out.push_back(std::move(e));
  }
  return out;
}

std::int64_t SqliteRecordStore::add_acp_entry(Id person_id, const AdvanceCarePlan& plan, Id by,
                                              UnixSeconds at) {
  auto s = c_.prepare(
      "INSERT INTO advance_care_plans (person_id, version, document, recorded_by, recorded_at) "
      "SELECT ?1, COALESCE(MAX(version), 0) + 1, ?2, ?3, ?4 FROM advance_care_plans "
      "WHERE person_id = ?1 RETURNING version");
  s.bind_all(person_id, codec::to_json(plan).dump(), by, at);
  s.step();
  const auto version = s.int64(0);
  while (s.step()) {
  }
  return version;
}

std::map<Id, std::vector<Consent>> SqliteRecordStore::consents_of(
    const std::vector<Id>& person_ids) {
  auto s = c_.prepare(std::string(kConsentSelect) +
                      "WHERE c.person_id IN (SELECT value FROM json_each(?1)) "
                      "ORDER BY c.person_id, c.id DESC");
  s.bind_all(id_array(person_ids));
  std::map<Id, std::vector<Consent>> out;
  while (s.step()) {
    auto c = read_consent(s);
    out[c.person_id].push_back(std::move(c));
  }
  return out;
}

std::vector<Consent> SqliteRecordStore::consents(Id person_id) {
  auto s = c_.prepare(std::string(kConsentSelect) + "WHERE c.person_id = ?1 ORDER BY c.id DESC");
  s.bind_all(person_id);
  std::vector<Consent> out;
  while (s.step()) out.push_back(read_consent(s));
  return out;
}

std::optional<Consent> SqliteRecordStore::consent(Id consent_id) {
  auto s = c_.prepare(std::string(kConsentSelect) + "WHERE c.id = ?1");
  s.bind_all(consent_id);
  if (!s.step()) return std::nullopt;
  return read_consent(s);
}

Id SqliteRecordStore::add_consent(Id person_id, const ConsentInput& in, Id by, UnixSeconds at) {
  c_.prepare(
        "INSERT INTO consents (person_id, consenter, consenter_name, proxy_relation, "
        "consented_on, expires_on, scope, document_attachment_id, note, recorded_by, recorded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
      .bind_all(person_id, in.consenter, in.consenter_name, in.proxy_relation, in.consented_on,
                in.expires_on, codec::to_json(in.scope).dump(), in.document_attachment_id, in.note,
                by, at)
      .run();
  return c_.last_insert_rowid();
}

bool SqliteRecordStore::claim_consent_document(Id attachment_id, Id board_id, Id uploader_id,
                                               Id consent_id) {
  c_.prepare(
        "UPDATE attachments SET consent_id = ?4 WHERE id = ?1 AND board_id = ?2 AND "
        "uploader_id = ?3 AND post_id IS NULL AND consent_id IS NULL")
      .bind_all(attachment_id, board_id, uploader_id, consent_id)
      .run();
  return c_.changes() == 1;
}

bool SqliteRecordStore::withdraw_consent(Id consent_id, Id by, const std::string& reason,
                                         UnixSeconds at) {
  c_.prepare(
        "UPDATE consents SET withdrawn_at = ?3, withdrawn_by = ?2, withdrawn_reason = ?4 "
        "WHERE id = ?1 AND withdrawn_at IS NULL")
      .bind_all(consent_id, by, at, reason)
      .run();
  return c_.changes() == 1;
}

Id SqliteRecordStore::add_form(const Form& f) {
  c_.prepare(
        "INSERT INTO forms (person_id, template, state, form_values, version, created_by, "
        "created_at, updated_by, updated_at) VALUES (?1, ?2, 'draft', ?3, 1, ?4, ?5, ?4, ?5)")
      .bind_all(f.person_id, f.template_code, codec::to_json(f.values).dump(), f.created_by,
                f.created_at)
      .run();
  return c_.last_insert_rowid();
}

std::optional<Form> SqliteRecordStore::form(Id form_id) {
  auto s = c_.prepare(std::string(kFormSelect) + "WHERE f.id = ?1");
  s.bind_all(form_id);
  if (!s.step()) return std::nullopt;
  return read_form(s, true);
}

std::vector<Form> SqliteRecordStore::forms_of(Id person_id) {
  auto s = c_.prepare(std::string(kFormSelect) + "WHERE f.person_id = ?1 ORDER BY f.id DESC");
  s.bind_all(person_id);
  std::vector<Form> out;
  while (s.step()) out.push_back(read_form(s, false));
  return out;
}

bool SqliteRecordStore::update_form(Id form_id, std::int64_t expected_version,
                                    const FormValues& values, Id by, UnixSeconds at) {
  c_.prepare(
        "UPDATE forms SET form_values = ?3, version = version + 1, updated_by = ?4, "
        "updated_at = ?5 WHERE id = ?1 AND version = ?2 AND state = 'draft'")
      .bind_all(form_id, expected_version, codec::to_json(values).dump(), by, at)
      .run();
  return c_.changes() == 1;
}

bool SqliteRecordStore::finalize_form(Id form_id, std::int64_t expected_version, Id by,
                                      UnixSeconds at) {
  c_.prepare(
        "UPDATE forms SET state = 'final', version = version + 1, finalized_by = ?3, "
        "finalized_at = ?4, updated_by = ?3, updated_at = ?4 "
        "WHERE id = ?1 AND version = ?2 AND state = 'draft'")
      .bind_all(form_id, expected_version, by, at)
      .run();
  return c_.changes() == 1;
}

}  // namespace musubi::backends::sqlite
