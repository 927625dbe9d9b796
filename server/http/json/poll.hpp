// Polls and date scheduling as the API's JSON (docs/api.md).
#pragma once

#include <nlohmann/json.hpp>

#include "http/json/common.hpp"
#include "poll/poll_service.hpp"

namespace musubi::http {

nlohmann::json marks_json(const std::map<poll::Id, int>& marks);
nlohmann::json to_json(const poll::PollView& v);

}  // namespace musubi::http
