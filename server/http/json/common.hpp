// Small pieces every domain's JSON uses: times as ISO 8601 (or null), optional values, role codes.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>

#include "access/roles.hpp"
#include "core/clock.hpp"

namespace musubi::http {

template <class T>
nlohmann::json optional_value(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json optional_time(const std::optional<UnixSeconds>& t);
nlohmann::json codes_of(const access::RoleSet& roles);

}  // namespace musubi::http
