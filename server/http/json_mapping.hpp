// Domain values as the JSON the API returns (documented in docs/api.md).
#pragma once

#include <nlohmann/json.hpp>

#include "audit/audit_store.hpp"
#include "auth/auth_store.hpp"
#include "board/types.hpp"
#include "person/types.hpp"
#include "region/types.hpp"

namespace musubi::http {

nlohmann::json to_json(const region::Region& r);
nlohmann::json to_json(const region::Facility& f);
nlohmann::json to_json(const region::User& u);
nlohmann::json to_json(const region::Profession& p);
nlohmann::json to_json(const person::Person& p);
nlohmann::json to_json(const audit::Entry& e);
nlohmann::json to_json(const auth::Session& s, std::int64_t current_session_id);
nlohmann::json optional_time(const std::optional<UnixSeconds>& t);

}  // namespace musubi::http
