// Use cases on a person's record — summary, もしものとき (ACP), consent and forms — for the
// members of the person's care team, and for no one else: anyone who is not on the team gets
// 403, whether or not the person exists, and the refusal is audited like every read and write.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "person/record_badges.hpp"
#include "person/record_store.hpp"

namespace musubi::storage {
class Storage;
}

namespace musubi::person {

// The current summary with insurance numbers masked; version 0 when nothing is recorded yet.
struct SummaryView {
  SummaryVersion current;
  bool has_insurance = false;
};

struct ConsentOverview {
  ConsentStatus status;
  std::vector<Consent> consents;          // newest first, withdrawn ones too
  std::vector<std::string> required_for;  // the region's actions that need consent
};

// What leaves Musubi when a record is exported (fhir/ turns it into a Bundle).
struct RecordExport {
  Person person;
  Summary summary;
  std::vector<Consent> consents;
  std::string region_name;
};

struct FormListItem {
  Form form;  // without values
  std::string title;
};

class RecordService {
 public:
  RecordService(storage::Storage& storage, const Clock& clock) : storage_(storage), clock_(clock) {}

  SummaryView summary(const access::Actor& actor, Id person_id,
                      std::optional<std::int64_t> version = std::nullopt);
  std::vector<SummaryVersion> summary_history(const access::Actor& actor, Id person_id);
  // `version`: the one the editor started from (0 for the first); a newer one gives a conflict.
  SummaryView save_summary(const access::Actor& actor, Id person_id, std::int64_t version,
                           Summary summary);
  // The insurance numbers in the clear, for one who needs them now; audited each time.
  Insurance reveal_insurance(const access::Actor& actor, Id person_id);

  std::vector<AcpEntry> acp(const access::Actor& actor, Id person_id);
  AcpEntry add_acp(const access::Actor& actor, Id person_id, AdvanceCarePlan plan);

  ConsentOverview consents(const access::Actor& actor, Id person_id);
  Consent add_consent(const access::Actor& actor, Id person_id, ConsentInput input);
  Consent withdraw_consent(const access::Actor& actor, Id consent_id, const std::string& reason);

  std::vector<FormListItem> forms(const access::Actor& actor, Id person_id);
  Form create_form(const access::Actor& actor, Id person_id, const std::string& template_code);
  Form form(const access::Actor& actor, Id form_id);
  Form save_form(const access::Actor& actor, Id form_id, std::int64_t version, FormValues values);
  Form finalize_form(const access::Actor& actor, Id form_id, std::int64_t version);
  // The form with the person it is about, for printing; audited as an export.
  std::pair<Form, Person> form_for_print(const access::Actor& actor, Id form_id);

  // The record for another system; team administrators only (it leaves Musubi), audited, and
  // subject to the region's consent rule for "fhir_export".
  RecordExport export_record(const access::Actor& actor, Id person_id);

  // What the team page shows (for tests; the board reads it with the team).
  RecordBadges badges(Id person_id);

 private:
  storage::Storage& storage_;
  const Clock& clock_;
};

}  // namespace musubi::person
