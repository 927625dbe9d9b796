#include "core/search_text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace musubi::text {

namespace {

bool is_voicing_mark(UChar32 c) {
  return c == 0x3099 || c == 0x309A || c == 0xFF9E || c == 0xFF9F;
}

bool is_space(UChar32 c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000;
}

UChar32 fold_code_point(UChar32 c) {
  if (c >= 0x30A1 && c <= 0x30F6) return c - 0x60;  // katakana → hiragana
  return u_tolower(c);
}

void append_utf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(buf, n, 4, c, error);
  if (!error) out.append(buf, static_cast<std::size_t>(n));
}

// Calls emit(folded, begin, end) for each character of `s` (a base character with the voicing
// marks that follow it), with the byte range it came from. Invalid bytes are skipped.
template <class Emit>
void fold_each(std::string_view s, Emit&& emit) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const auto length = static_cast<int32_t>(s.size());
  std::string folded;
  int32_t i = 0;
  while (i < length) {
    const int32_t begin = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) continue;
    int32_t end = i;
    bool has_marks = false;
    while (end < length) {
      int32_t next = end;
      UChar32 m = 0;
      U8_NEXT(bytes, next, length, m);
      if (!is_voicing_mark(m)) break;
      end = next;
      has_marks = true;
    }
    folded.clear();
    if (c < 0x80) {
      folded += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    } else if (!has_marks && U_SUCCESS(status) && nfkc->isInert(c)) {
      append_utf8(folded, fold_code_point(c));
    } else {
      auto piece = icu::UnicodeString::fromUTF8(
          icu::StringPiece(s.data() + begin, static_cast<int32_t>(end - begin)));
      UErrorCode norm_status = U_ZERO_ERROR;
      icu::UnicodeString normalised =
          U_SUCCESS(status) ? nfkc->normalize(piece, norm_status) : piece;
      if (U_FAILURE(norm_status)) normalised = piece;
      for (int32_t k = 0; k < normalised.length();) {
        UChar32 n = normalised.char32At(k);
        k += U16_LENGTH(n);
        append_utf8(folded, fold_code_point(n));
      }
    }
    emit(folded, static_cast<std::size_t>(begin), static_cast<std::size_t>(end));
    i = end;
  }
}

struct Range {
  std::size_t begin;
  std::size_t end;
};

// Where the terms occur in `body`, as byte ranges of the original text, in order and merged.
std::vector<Range> match_ranges(std::string_view body, const std::vector<std::string>& terms) {
  std::string folded;
  std::vector<Range> origin;  // per byte of `folded`
  fold_each(body, [&](const std::string& f, std::size_t b, std::size_t e) {
    folded += f;
    origin.insert(origin.end(), f.size(), Range{b, e});
  });
  std::vector<Range> ranges;
  for (const auto& term : terms) {
    if (term.empty()) continue;
    for (auto at = folded.find(term); at != std::string::npos;
         at = folded.find(term, at + term.size())) {
      ranges.push_back({origin[at].begin, origin[at + term.size() - 1].end});
    }
  }
  std::sort(ranges.begin(), ranges.end(),
            [](const Range& a, const Range& b) { return a.begin < b.begin; });
  std::vector<Range> merged;
  for (const auto& r : ranges) {
    if (!merged.empty() && r.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, r.end);
    } else {
      merged.push_back(r);
    }
  }
  return merged;
}

// The byte offset `n` characters before (negative) or after `from`, clamped to the text.
std::size_t step_chars(std::string_view s, std::size_t from, long n) {
  auto is_start = [&](std::size_t i) {
    return i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  };
  std::size_t i = from;
  for (; n < 0 && i > 0; ++n) {
    do {
      --i;
    } while (i > 0 && !is_start(i));
  }
  for (; n > 0 && i < s.size(); --n) {
    do {
      ++i;
    } while (i < s.size() && !is_start(i));
  }
  return i;
}

}  // namespace

std::string fold_for_search(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  fold_each(s, [&](const std::string& f, std::size_t, std::size_t) { out += f; });
  return out;
}

std::vector<std::string> search_terms(std::string_view query, std::size_t max_terms) {
  std::vector<std::string> terms;
  std::string current;
  auto flush = [&] {
    if (!current.empty() && std::find(terms.begin(), terms.end(), current) == terms.end() &&
        terms.size() < max_terms) {
      terms.push_back(current);
    }
    current.clear();
  };
  fold_each(query, [&](const std::string& f, std::size_t b, std::size_t e) {
    UChar32 c = 0;
    int32_t k = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(query.data()) + b, k, static_cast<int32_t>(e - b), c);
    if (is_space(c)) {
      flush();
    } else {
      current += f;
    }
  });
  flush();
  return terms;
}

std::vector<ExcerptPart> excerpt(std::string_view body, const std::vector<std::string>& terms,
                                 std::size_t max_chars) {
  const auto ranges = match_ranges(body, terms);
  const long lead = static_cast<long>(max_chars / 4);
  std::size_t from = ranges.empty() ? 0 : step_chars(body, ranges.front().begin, -lead);
  std::size_t to = step_chars(body, from, static_cast<long>(max_chars));
  std::vector<ExcerptPart> parts;
  auto plain = [&](std::size_t b, std::size_t e) {
    if (b < e) parts.push_back({std::string(body.substr(b, e - b)), false});
  };
  if (from > 0) parts.push_back({"…", false});
  std::size_t at = from;
  for (const auto& r : ranges) {
    if (r.begin >= to) break;
    if (r.end <= at) continue;
    plain(at, r.begin);
    const std::size_t b = std::max(r.begin, at);
    const std::size_t e = std::min(r.end, to);
    parts.push_back({std::string(body.substr(b, e - b)), true});
    at = e;
  }
  plain(at, to);
  if (to < body.size()) parts.push_back({"…", false});
  return parts;
}

}  // namespace musubi::text
