// The account domain as the API's JSON: sessions, devices, invitations, second factors
// (docs/api.md).
#pragma once

#include <nlohmann/json.hpp>

#include "auth/auth_store.hpp"
#include "auth/device_service.hpp"
#include "auth/invitation_service.hpp"
#include "auth/second_factor_service.hpp"
#include "http/json/common.hpp"

namespace musubi::http {

nlohmann::json to_json(const auth::Session& s, std::int64_t current_session_id);
nlohmann::json to_json(const auth::Device& d, UnixSeconds now);
nlohmann::json to_json(const auth::Invitation& i, UnixSeconds now);
nlohmann::json status_json(const auth::SecondFactorStatus& st);
// "totp" or "certificate".
const char* second_factor_code(auth::SecondFactor f);

}  // namespace musubi::http
