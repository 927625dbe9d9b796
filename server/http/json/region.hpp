// The region domain as the API's JSON: regions, facilities, users, 職種 (docs/api.md).
#pragma once

#include <nlohmann/json.hpp>

#include "http/json/common.hpp"
#include "region/region_service.hpp"
#include "region/types.hpp"

namespace musubi::http {

nlohmann::json to_json(const region::Region& r);
nlohmann::json to_json(const region::Facility& f);
nlohmann::json to_json(const region::User& u);
nlohmann::json to_json(const region::Profession& p);
nlohmann::json created_user_json(const region::CreatedUser& created);

}  // namespace musubi::http
