// Record bodies as the API receives them: a summary, もしものとき and form values read by the
// codec, then checked by the domain; the changes between two summaries are described.
#include <nlohmann/json.hpp>

#include <cstdint>

#include "codec/record_json.hpp"
#include "person/advance_care_plan.hpp"
#include "person/forms.hpp"
#include "person/summary.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto json = nlohmann::json::parse(data, data + size, nullptr, false);
  if (json.is_discarded()) return 0;
  using namespace musubi;
  Validator types;
  auto summary = codec::summary_from_json(json, types);
  Validator content;
  person::validate(summary, content);
  (void)person::describe_changes(person::Summary{}, summary);
  (void)codec::to_json(summary).dump();
  Validator acp_types;
  auto plan = codec::acp_from_json(json, acp_types);
  person::validate(plan, acp_types);
  (void)person::headline(plan);
  Validator value_types;
  auto values = codec::form_values_from_json(json, value_types);
  for (const auto& t : person::form_templates()) {
    auto copy = values;
    Validator v;
    person::validate(t, copy, v);
  }
  return 0;
}
