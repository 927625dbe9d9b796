// gzip for large JSON answers (the disaster map's 10,000 persons) to clients that accept it: a
// phone on a poor network after an earthquake fetches a fifth of the bytes.
#pragma once

#include <string>

#include "http/message.hpp"

namespace musubi::http {

// Whether the request's Accept-Encoding takes gzip (and does not refuse it with q=0).
bool accepts_gzip(const Request& request);
std::string gzip(const std::string& data);
// A JSON answer, compressed when the client accepts gzip and the body is worth it.
Response compressed_json_response(const Request& request, int status, std::string body);

}  // namespace musubi::http
