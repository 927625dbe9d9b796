// The answers the connection gives by itself, before or instead of the application: a head or
// body too large, a request it cannot frame, an HTTP version it does not speak, a full pool.
#pragma once

#include <string>

#include "http/message.hpp"

namespace musubi::http::connection {

Response too_large_response(const std::string& request_id, int status = 413);
Response bad_request_response(const std::string& request_id);
Response version_response(const std::string& request_id);
Response busy_response(const std::string& request_id, Lane lane);

}  // namespace musubi::http::connection
