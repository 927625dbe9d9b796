// Audit log entries as the API's JSON (docs/api.md).
#pragma once

#include <nlohmann/json.hpp>

#include "audit/audit_store.hpp"
#include "http/json/common.hpp"

namespace musubi::http {

nlohmann::json to_json(const audit::Entry& e);

}  // namespace musubi::http
