// CSV as administrators import users from Excel: any bytes parse or are refused with a message.
#include <cstdint>
#include <string_view>

#include "core/csv.hpp"
#include "core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    (void)musubi::csv::parse(std::string_view(reinterpret_cast<const char*>(data), size), 1000);
  } catch (const musubi::Error&) {
  }
  return 0;
}
