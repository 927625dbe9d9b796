// Kana folding and board search text: any bytes (valid UTF-8 or not) give a key without a crash,
// and a valid input gives valid UTF-8 keys, excerpts and terms.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/search_text.hpp"
#include "core/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool valid = musubi::text::is_valid_utf8(text);
  auto key = musubi::text::search_key(text);
  auto half = text.substr(0, size / 2);
  auto keys = musubi::text::name_search_keys(half, text.substr(size / 2));
  if (valid) {
    if (!musubi::text::is_valid_utf8(key)) std::abort();
    for (const auto& k : keys) {
      if (k.empty() || !musubi::text::is_valid_utf8(k)) std::abort();
    }
    auto folded = musubi::text::fold_for_search(text);
    auto terms = musubi::text::search_terms(half);
    for (const auto& part : musubi::text::excerpt(text, terms, 40)) {
      if (!musubi::text::is_valid_utf8(part.text)) std::abort();
    }
    (void)folded;
    (void)musubi::text::nfkc(text);
    (void)musubi::text::ascii_digits_and_hyphens(text);
    (void)musubi::text::trim(text);
  }
  return 0;
}
