// 和暦 and date parsing: any text either parses to a real day (which reads back as itself) or is
// refused with a message; nothing crashes.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/wareki.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool partial : {false, true}) {
    auto parsed = musubi::wareki::parse(text, partial);
    if (!parsed.date) {
      if (parsed.problem.empty()) std::abort();  // a refusal always says why
      continue;
    }
    const auto& d = *parsed.date;
    if (!partial && (d.month == 0 || d.day == 0)) std::abort();
    auto again = musubi::wareki::parse(musubi::wareki::to_iso(d), partial);
    if (!again.date || !(*again.date == d)) std::abort();  // ISO reads back as the same day
    (void)musubi::wareki::format(d);
  }
  return 0;
}
