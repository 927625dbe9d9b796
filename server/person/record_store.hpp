// What the person record needs from storage: the summary's versions, ACP entries, consents and
// forms. Nothing here is ever overwritten in place except a form's draft; earlier summary
// versions and ACP entries stay readable.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "person/advance_care_plan.hpp"
#include "person/consent.hpp"
#include "person/forms.hpp"
#include "person/summary.hpp"

namespace musubi::person {

class RecordStore {
 public:
  virtual ~RecordStore() = default;

  // The newest version, or `version` itself; nullopt when there is none.
  virtual std::optional<SummaryVersion> summary(Id person_id,
                                                std::optional<std::int64_t> version) = 0;
  // Newest first, without the summaries themselves (who, when, what changed).
  virtual std::vector<SummaryVersion> summary_history(Id person_id, std::int64_t limit) = 0;
  // Saves version `expected_version + 1`; false if someone else saved it first.
  virtual bool add_summary_version(Id person_id, std::int64_t expected_version,
                                   const Summary& summary, const std::vector<std::string>& changes,
                                   Id by, UnixSeconds at) = 0;

  virtual std::vector<AcpEntry> acp_entries(Id person_id) = 0;  // newest first
  virtual std::int64_t add_acp_entry(Id person_id, const AdvanceCarePlan& plan, Id by,
                                     UnixSeconds at) = 0;

  virtual std::vector<Consent> consents(Id person_id) = 0;  // newest first
  // The consents of several persons in one read, each newest first (none: absent).
  virtual std::map<Id, std::vector<Consent>> consents_of(const std::vector<Id>& person_ids) = 0;
  virtual std::optional<Consent> consent(Id consent_id) = 0;
  virtual Id add_consent(Id person_id, const ConsentInput& input, Id by, UnixSeconds at) = 0;
  // Makes the uploader's pending upload on the person's team the consent's signed paper (then
  // part of the record, never a post's); false if it is not theirs, not pending or not the
  // team's.
  virtual bool claim_consent_document(Id attachment_id, Id board_id, Id uploader_id,
                                      Id consent_id) = 0;
  // False if it was already withdrawn.
  virtual bool withdraw_consent(Id consent_id, Id by, const std::string& reason,
                                UnixSeconds at) = 0;

  virtual Id add_form(const Form& form) = 0;
  virtual std::optional<Form> form(Id form_id) = 0;
  virtual std::vector<Form> forms_of(Id person_id) = 0;  // newest first, without values
  // A draft's new values; false if the form is final or someone else saved first.
  virtual bool update_form(Id form_id, std::int64_t expected_version, const FormValues& values,
                           Id by, UnixSeconds at) = 0;
  virtual bool finalize_form(Id form_id, std::int64_t expected_version, Id by, UnixSeconds at) = 0;
};

}  // namespace musubi::person
