// The person domain as the API's JSON: persons, and their record — 患者サマリ versions,
// もしものとき, consents, 定型文書 and their templates (docs/api.md).
#pragma once

#include <nlohmann/json.hpp>

#include "http/json/common.hpp"
#include "person/record_service.hpp"
#include "person/types.hpp"

namespace musubi::http {

nlohmann::json to_json(const person::Person& p);
nlohmann::json version_json(const person::SummaryVersion& v);
nlohmann::json summary_json(const person::SummaryView& view);
nlohmann::json acp_json(const person::AcpEntry& e);
nlohmann::json consent_json(const person::Consent& c);
nlohmann::json form_json(const person::Form& f, bool with_values);
nlohmann::json template_json(const person::FormTemplate& t);

}  // namespace musubi::http
