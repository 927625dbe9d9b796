// The emergency lookup as the API's JSON (docs/api.md): search results and the emergency view,
// with the labels a crew reads (和暦 birth dates, 独居, 要介護2 …), never codes alone.
#pragma once

#include <nlohmann/json.hpp>

#include "ems/lookup_review.hpp"
#include "ems/types.hpp"
#include "http/json/common.hpp"

namespace musubi::http {

nlohmann::json to_json(const ems::SearchResult& result);
nlohmann::json to_json(const ems::EmergencyView& view);
nlohmann::json to_json(const ems::Transport& t);
nlohmann::json to_json(const ems::TeamActivity& activity);
nlohmann::json to_json(const ems::LookupRecord& record);
// The lookup reasons and the transport outcomes, with their labels.
nlohmann::json lookup_reasons_json();

}  // namespace musubi::http
