// Board values as the JSON the API returns, shared by the board, inbox and search routes
// (documented in docs/api.md).
#pragma once

#include <nlohmann/json.hpp>

#include "board/types.hpp"

namespace musubi::http {

nlohmann::json to_json(const board::Request& r, UnixSeconds now);
// A post with its replies (if loaded), request, files and my read/acknowledgement state.
nlohmann::json to_json(const board::Post& p, UnixSeconds now);
// The person a team is about, as lists across teams show it.
nlohmann::json team_json(const board::CareTeam& t);

}  // namespace musubi::http
