// What an upload is (sniffed from its first bytes, never the browser's word) and the file name it
// is kept and served under: no crash, and no name that could break a header or leave the folder.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "files/media.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)musubi::files::sniff(bytes);
  auto name = musubi::files::safe_file_name(bytes);
  if (name.find('/') != std::string::npos || name.find('\\') != std::string::npos) std::abort();
  for (char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) std::abort();
  }
  auto header = musubi::files::content_disposition(size % 2 == 0, bytes);
  for (char c : header) {
    if (c == '\r' || c == '\n' || c == '\0') std::abort();
  }
  return 0;
}
