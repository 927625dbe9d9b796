// JSON forms of a person's record (summary, ACP, consent scope, form values), shared by the API
// (http/) and by storage backends that keep these records as JSON documents, so that both read
// and write them one way. Reading collects every type problem with its path
// ("conditions[2].name") into a Validator instead of stopping at the first; content rules
// (lengths, codes, dates) are the domain's (person/).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/validation.hpp"
#include "person/advance_care_plan.hpp"
#include "person/consent.hpp"
#include "person/forms.hpp"
#include "person/summary.hpp"

namespace musubi::codec {

nlohmann::json to_json(const person::Summary& summary);
person::Summary summary_from_json(const nlohmann::json& j, Validator& problems);

nlohmann::json to_json(const person::Insurance& insurance);

nlohmann::json to_json(const person::AdvanceCarePlan& plan);
person::AdvanceCarePlan acp_from_json(const nlohmann::json& j, Validator& problems);

nlohmann::json to_json(const person::ConsentScope& scope);
person::ConsentScope scope_from_json(const nlohmann::json& j, Validator& problems);

nlohmann::json to_json(const person::FormValues& values);
person::FormValues form_values_from_json(const nlohmann::json& j, Validator& problems);

// Parses a stored document; throws std::runtime_error if it does not read cleanly (a stored
// record that does not is damage, not user input).
nlohmann::json parse_stored(const std::string& text);
void throw_if_damaged(const Validator& problems, const char* what);

}  // namespace musubi::codec
