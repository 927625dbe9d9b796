// What a file is, judged by its first bytes rather than by what the browser claimed, and how its
// name is kept: never a path, never control characters.
#pragma once

#include <string>
#include <string_view>

namespace musubi::files {

enum class Kind { image, pdf, other };
std::string_view kind_code(Kind kind);

// The formats Musubi itself decodes (thumbnails, metadata removal). Anything else is stored as is
// and only ever downloaded.
enum class ImageFormat { none, jpeg, png, webp, gif };

struct Sniffed {
  Kind kind = Kind::other;
  ImageFormat image = ImageFormat::none;
  std::string media_type;  // what it is served as
};
// `head`: the first bytes of the file (16 are enough).
Sniffed sniff(std::string_view head);

// The last component of `name`, without control characters, at most 200 characters; "ファイル"
// when nothing is left.
std::string safe_file_name(std::string_view name);

// Content-Disposition for `name`: ASCII fallback plus the UTF-8 name (RFC 6266 / 5987).
std::string content_disposition(bool inline_view, std::string_view name);

}  // namespace musubi::files
