// HL7 FHIR R4 with the JP Core profiles: a person's record as a Bundle (Patient, Condition,
// AllergyIntolerance, MedicationStatement, Consent) for another system, and the reading of a
// Bundle from one (Patient, Condition, AllergyIntolerance). Reading reports every problem with
// where it is ("entry[3].resource.code") and never half-reads: the caller imports all or nothing.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

#include "core/validation.hpp"
#include "person/record_service.hpp"

namespace musubi::fhir {

// A Bundle of type "collection"; `generated_at` is its timestamp.
nlohmann::json to_bundle(const person::RecordExport& record, UnixSeconds generated_at);

struct Imported {
  person::PersonFields person;
  std::vector<person::Condition> conditions;
  std::vector<person::Allergy> allergies;
  std::vector<std::string> skipped;  // resources of other kinds, named for the report
};

// Reads a Bundle: exactly one Patient, its Conditions and AllergyIntolerances. Problems go to
// `problems` with their paths; the result is meaningful only when there are none.
Imported from_bundle(const nlohmann::json& bundle, Validator& problems);

// Limits of what is read at all, before any of it is looked at: deeper nesting or more entries
// than a person's record could need is refused as a whole.
constexpr std::size_t kMaxEntries = 1000;
constexpr std::size_t kMaxDepth = 24;

// The depth of the deepest value in `j` (iterative: a hostile document cannot exhaust the stack).
std::size_t depth(const nlohmann::json& j);

}  // namespace musubi::fhir
