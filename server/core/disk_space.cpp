#include "core/disk_space.hpp"

#include <sys/statvfs.h>

namespace musubi {

std::optional<std::int64_t> free_bytes(const std::string& directory) {
  struct statvfs st {};
  if (::statvfs(directory.c_str(), &st) != 0) return std::nullopt;
  return static_cast<std::int64_t>(st.f_bavail) * static_cast<std::int64_t>(st.f_frsize);
}

}  // namespace musubi
