// Keyset-paging cursors: the sort key and id of the last row shown, as one opaque URL-safe string.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace musubi::backends::sqlite {

std::string encode_cursor(const std::string& key, std::int64_t id);
// nullopt for anything that is not a cursor this server made.
std::optional<std::pair<std::string, std::int64_t>> decode_cursor(const std::string& cursor);

}  // namespace musubi::backends::sqlite
