// The FHIR reader with whatever another system (or an attacker) sends: parsed as JSON, read as
// a Bundle; every outcome is either "imported" with a named patient or a list of problems.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>

#include "fhir/bundle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto json = nlohmann::json::parse(data, data + size, nullptr, false);
  if (json.is_discarded()) return 0;
  musubi::Validator problems;
  auto imported = musubi::fhir::from_bundle(json, problems);
  if (problems.ok() && imported.person.name_kana.empty()) std::abort();  // SYL was required
  return 0;
}
