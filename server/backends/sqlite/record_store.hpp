// The SQLite record store (see person/record_store.hpp for what it promises).
#pragma once

#include "backends/sqlite/connection.hpp"
#include "person/record_store.hpp"

namespace musubi::backends::sqlite {

class SqliteRecordStore final : public person::RecordStore {
 public:
  explicit SqliteRecordStore(Connection& c) : c_(c) {}
  std::optional<person::SummaryVersion> summary(person::Id person_id,
                                                std::optional<std::int64_t> version) override;
  std::vector<person::SummaryVersion> summary_history(person::Id person_id,
                                                      std::int64_t limit) override;
  bool add_summary_version(person::Id person_id, std::int64_t expected_version,
                           const person::Summary& summary, const std::vector<std::string>& changes,
                           person::Id by, UnixSeconds at) override;
  std::vector<person::AcpEntry> acp_entries(person::Id person_id) override;
  std::int64_t add_acp_entry(person::Id person_id, const person::AdvanceCarePlan& plan,
                             person::Id by, UnixSeconds at) override;
  std::vector<person::Consent> consents(person::Id person_id) override;
  std::map<person::Id, std::vector<person::Consent>> consents_of(
      const std::vector<person::Id>& person_ids) override;
  std::optional<person::Consent> consent(person::Id consent_id) override;
  person::Id add_consent(person::Id person_id, const person::ConsentInput& input, person::Id by,
                         UnixSeconds at) override;
  bool claim_consent_document(person::Id attachment_id, person::Id board_id, person::Id uploader_id,
                              person::Id consent_id) override;
  bool withdraw_consent(person::Id consent_id, person::Id by, const std::string& reason,
                        UnixSeconds at) override;
  person::Id add_form(const person::Form& form) override;
  std::optional<person::Form> form(person::Id form_id) override;
  std::vector<person::Form> forms_of(person::Id person_id) override;
  bool update_form(person::Id form_id, std::int64_t expected_version,
                   const person::FormValues& values, person::Id by, UnixSeconds at) override;
  bool finalize_form(person::Id form_id, std::int64_t expected_version, person::Id by,
                     UnixSeconds at) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
