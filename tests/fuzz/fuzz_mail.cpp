// Mail as the MTA hands it over (mail into groups): any bytes are read or refused; what is read is
// valid UTF-8 text and whole files.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/text.hpp"
#include "mail/inbound_message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto message =
      musubi::mail::parse_inbound(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!message) return 0;
  for (std::string_view s : {std::string_view(message->subject), std::string_view(message->text),
                             std::string_view(message->from)}) {
    if (!musubi::text::is_valid_utf8(s)) std::abort();
  }
  for (const auto& f : message->files) {
    if (!musubi::text::is_valid_utf8(f.file_name)) std::abort();
  }
  return 0;
}
