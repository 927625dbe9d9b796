#include "files/media.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace musubi::files {

std::string_view kind_code(Kind kind) {
  switch (kind) {
    case Kind::image:
      return "image";
    case Kind::pdf:
      return "pdf";
    case Kind::other:
      return "other";
  }
  return "other";
}

Sniffed sniff(std::string_view h) {
  auto starts = [&](std::string_view magic) { return h.substr(0, magic.size()) == magic; };
  if (starts("\xFF\xD8\xFF")) return {Kind::image, ImageFormat::jpeg, "image/jpeg"};
  if (starts("\x89PNG\r\n\x1A\n")) return {Kind::image, ImageFormat::png, "image/png"};
  if (starts("GIF87a") || starts("GIF89a")) return {Kind::image, ImageFormat::gif, "image/gif"};
  if (h.size() >= 12 && starts("RIFF") && h.substr(8, 4) == "WEBP") {
    return {Kind::image, ImageFormat::webp, "image/webp"};
  }
  if (starts("%PDF-")) return {Kind::pdf, ImageFormat::none, "application/pdf"};
  return {Kind::other, ImageFormat::none, "application/octet-stream"};
}

std::string safe_file_name(std::string_view name) {
  auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  auto text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  icu::UnicodeString kept;
  for (int32_t i = 0; i < text.length();) {
    UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    // Control and format characters (NUL, newlines, bidi overrides) never reach a header or page.
    auto type = u_charType(c);
    if (type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || c == 0xFFFD) continue;
    if (kept.countChar32() >= 200) break;
    kept.append(c);
  }
  std::string out;
  kept.trim().toUTF8String(out);
  while (!out.empty() && out.front() == '.') out.erase(0, 1);  // no hidden or "../" leftovers
  return out.empty() ? "ファイル" : out;
}

std::string content_disposition(bool inline_view, std::string_view name) {
  std::string ascii;
  std::string encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : name) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '-' || c == '_';
    bool continuation = (c & 0xC0) == 0x80;  // one '_' per character, not per UTF-8 byte
    if (!continuation) ascii += plain ? static_cast<char>(c) : '_';
    if (plain) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return std::string(inline_view ? "inline" : "attachment") + "; filename=\"" + ascii +
         "\"; filename*=UTF-8''" + encoded;
}

}  // namespace musubi::files
