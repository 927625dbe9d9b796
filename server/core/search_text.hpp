// The form in which board text is indexed and searched, and the excerpts shown for a match.
// Index and query are folded the same way, character by character (a half-width kana keeps its
// voicing mark), so that 「ﾃﾝﾄｳ」, 「テントウ」 and 「てんとう」 meet and a match can be mapped
// back to the characters the author wrote.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace musubi::text {

// NFKC per character, katakana folded to hiragana, lower case. White space is kept.
std::string fold_for_search(std::string_view s);

// The words of a search box: split on white space (including U+3000), folded, duplicates and
// empty words dropped, at most `max_terms`.
std::vector<std::string> search_terms(std::string_view query, std::size_t max_terms = 8);

struct ExcerptPart {
  std::string text;
  bool match = false;
};

// At most `max_chars` characters of `body` around its first match of any term, split into
// matching and plain parts; "…" marks text left out at either end. Without a match: the start.
std::vector<ExcerptPart> excerpt(std::string_view body, const std::vector<std::string>& terms,
                                 std::size_t max_chars = 120);

}  // namespace musubi::text
