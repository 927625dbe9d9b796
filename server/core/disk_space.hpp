// Free space on the file system that holds a directory (the data directory): what deep health,
// the upload check and the warnings in the log compare with data.min_free_bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace musubi {

// Bytes an unprivileged process may still write there; nothing when the directory cannot be
// asked (missing, not a directory).
std::optional<std::int64_t> free_bytes(const std::string& directory);

}  // namespace musubi
