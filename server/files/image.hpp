// Images through libvips: read the size from the header before decoding anything (so a
// decompression bomb is refused for free), make thumbnails, and remove metadata such as the EXIF
// location of a phone photo. Only the decoders for the formats in media.hpp are ever used.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "files/media.hpp"

namespace musubi::files {

// Call once at start (vips_init, untrusted loaders blocked, caches off).
void initialise_images(const char* program_name);

// Larger images are refused: decoding them would need gigabytes.
constexpr std::int64_t kMaxImagePixels = 60'000'000;
constexpr int kThumbnailPixels = 320;

struct ImageSize {
  int width = 0;
  int height = 0;
};
// nullopt when the bytes are not a readable image of `format`.
std::optional<ImageSize> image_size(std::string_view bytes, ImageFormat format);

// A WebP thumbnail fitting kThumbnailPixels, upright, without metadata.
std::optional<std::string> make_thumbnail(std::string_view bytes, ImageFormat format);

// If the image carries EXIF, XMP or IPTC metadata: the image re-encoded upright without it
// (JPEG at quality 92, PNG losslessly). nullopt when there was nothing to remove.
std::optional<std::string> without_metadata(std::string_view bytes, ImageFormat format);

// A plain JPEG of one colour with a lighter band, for generated data (`musubi generate`): real
// bytes that decode and thumbnail like a photo.
std::optional<std::string> sample_photo(int width, int height, std::uint8_t red, std::uint8_t green,
                                        std::uint8_t blue);

}  // namespace musubi::files
