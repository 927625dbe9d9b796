#include "files/image.hpp"

#include <spdlog/spdlog.h>
#include <vips/vips.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string_view>

namespace musubi::files {

namespace {

struct ImageUnref {
  void operator()(VipsImage* image) const { g_object_unref(image); }
};
using ImagePtr = std::unique_ptr<VipsImage, ImageUnref>;

void log_and_clear_vips_error(const char* what) {
  spdlog::info("image {}: {}", what, vips_error_buffer());
  vips_error_clear();
}

// Only the decoder for the sniffed format: never libvips' guess, which could reach loaders for
// formats Musubi does not accept.
ImagePtr load(std::string_view bytes, ImageFormat format, VipsAccess access) {
  auto* data = const_cast<char*>(bytes.data());  // libvips does not write to it
  VipsImage* out = nullptr;
  int rc = -1;
  switch (format) {
    case ImageFormat::jpeg:
      rc = vips_jpegload_buffer(data, bytes.size(), &out, "access", access, nullptr);
      break;
    case ImageFormat::png:
      rc = vips_pngload_buffer(data, bytes.size(), &out, "access", access, nullptr);
      break;
    case ImageFormat::webp:
      rc = vips_webpload_buffer(data, bytes.size(), &out, "access", access, nullptr);
      break;
    case ImageFormat::gif:
      rc = vips_gifload_buffer(data, bytes.size(), &out, "access", access, nullptr);
      break;
    case ImageFormat::none:
      return nullptr;
  }
  if (rc != 0) {
    log_and_clear_vips_error("load");
    return nullptr;
  }
  return ImagePtr(out);
}

bool too_large(const VipsImage* image) {
  return static_cast<std::int64_t>(image->Xsize) * image->Ysize > kMaxImagePixels;
}

std::string take_buffer(void* buffer, std::size_t length) {
  std::string out(static_cast<const char*>(buffer), length);
  g_free(buffer);
  return out;
}

// libvips 8.14's WebP saver rebuilds an EXIF chunk (resolution, orientation) even when asked to
// strip; the container is simple enough to take the metadata chunks (EXIF, XMP, ICC) out of it
// afterwards, and clear their flags in the VP8X header. Returns nullopt for a malformed file.
std::optional<std::string> without_webp_metadata(std::string webp) {
  auto u32 = [&](std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(webp[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(webp[at + 1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(webp[at + 2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(webp[at + 3])) << 24;
  };
  if (webp.size() < 12 || webp.compare(0, 4, "RIFF") != 0 || webp.compare(8, 4, "WEBP") != 0) {
    return std::nullopt;
  }
  std::string out = webp.substr(0, 12);
  for (std::size_t at = 12; at < webp.size();) {
    if (at + 8 > webp.size()) return std::nullopt;
    std::size_t length = 8 + u32(at + 4) + (u32(at + 4) & 1);
    if (at + length > webp.size()) return std::nullopt;
    auto fourcc = std::string_view(webp).substr(at, 4);
    if (fourcc != "EXIF" && fourcc != "XMP " && fourcc != "ICCP") {
      out.append(webp, at, length);
      if (fourcc == "VP8X") out[out.size() - length + 8] &= ~0x2C;  // ICC, EXIF, XMP flags
    }
    at += length;
  }
  auto riff_size = static_cast<std::uint32_t>(out.size() - 8);
  for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<char>((riff_size >> (8 * i)) & 0xFF);
  return out;
}

}  // namespace

void initialise_images(const char* program_name) {
  if (VIPS_INIT(program_name) != 0) throw std::runtime_error("libvips could not be initialised");
  vips_block_untrusted_set(TRUE);
  vips_cache_set_max(0);  // every image is seen once; a cache would only hold memory
  vips_concurrency_set(1);
}

std::optional<ImageSize> image_size(std::string_view bytes, ImageFormat format) {
  auto image = load(bytes, format, VIPS_ACCESS_SEQUENTIAL);  // reads the header only
  if (!image) return std::nullopt;
  return ImageSize{image->Xsize, image->Ysize};
}

std::optional<std::string> make_thumbnail(std::string_view bytes, ImageFormat format) {
  auto header = load(bytes, format, VIPS_ACCESS_SEQUENTIAL);
  if (!header || too_large(header.get())) return std::nullopt;
  header.reset();
  VipsImage* thumbnail = nullptr;
  // The buffer loader picks the decoder by content; the sniffing above made sure it is `format`.
  if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &thumbnail,
                            kThumbnailPixels, "height", kThumbnailPixels, "size", VIPS_SIZE_DOWN,
                            nullptr) != 0) {
    log_and_clear_vips_error("thumbnail");
    return std::nullopt;
  }
  ImagePtr owned(thumbnail);
  void* buffer = nullptr;
  std::size_t length = 0;
  if (vips_webpsave_buffer(thumbnail, &buffer, &length, "Q", 75, "strip", TRUE, nullptr) != 0) {
    log_and_clear_vips_error("thumbnail save");
    return std::nullopt;
  }
  return without_webp_metadata(take_buffer(buffer, length));
}

std::optional<std::string> without_metadata(std::string_view bytes, ImageFormat format) {
  if (format == ImageFormat::gif || format == ImageFormat::none) return std::nullopt;
  auto image = load(bytes, format, VIPS_ACCESS_SEQUENTIAL);
  if (!image || too_large(image.get())) return std::nullopt;
  bool has_metadata = vips_image_get_typeof(image.get(), VIPS_META_EXIF_NAME) != 0 ||
                      vips_image_get_typeof(image.get(), VIPS_META_XMP_NAME) != 0 ||
                      vips_image_get_typeof(image.get(), VIPS_META_IPTC_NAME) != 0;
  if (!has_metadata) return std::nullopt;
  // Turning the picture upright needs random access; most photos need no turn.
  if (vips_image_get_orientation(image.get()) > 1) {
    image = load(bytes, format, VIPS_ACCESS_RANDOM);
    VipsImage* upright = nullptr;
    if (!image || vips_autorot(image.get(), &upright, nullptr) != 0) {
      log_and_clear_vips_error("autorot");
      return std::nullopt;
    }
    image.reset(upright);
  }
  // Stripping drops the colour profile too: convert to sRGB first so colours stay true.
  if (vips_image_get_typeof(image.get(), VIPS_META_ICC_NAME) != 0) {
    VipsImage* srgb = nullptr;
    if (vips_icc_transform(image.get(), &srgb, "srgb", "embedded", TRUE, nullptr) == 0) {
      image.reset(srgb);
    } else {
      vips_error_clear();
    }
  }
  void* buffer = nullptr;
  std::size_t length = 0;
  int rc = -1;
  if (format == ImageFormat::jpeg) {
    rc = vips_jpegsave_buffer(image.get(), &buffer, &length, "Q", 92, "strip", TRUE, nullptr);
  } else if (format == ImageFormat::png) {
    rc = vips_pngsave_buffer(image.get(), &buffer, &length, "strip", TRUE, nullptr);
  } else {
    rc = vips_webpsave_buffer(image.get(), &buffer, &length, "Q", 92, "strip", TRUE, nullptr);
  }
  if (rc != 0) {
    log_and_clear_vips_error("save without metadata");
    return std::nullopt;
  }
  return take_buffer(buffer, length);
}

std::optional<std::string> sample_photo(int width, int height, std::uint8_t red, std::uint8_t green,
                                        std::uint8_t blue) {
  VipsImage* band = nullptr;
  VipsImage* photo = nullptr;
  // The y coordinate as a ramp → a soft gradient, so the JPEG is not a trivially flat file.
  double scale[] = {0.4, 0.4, 0.4};
  double offset[] = {static_cast<double>(red), static_cast<double>(green),
                     static_cast<double>(blue)};
  if (vips_xyz(&band, width, height, nullptr) != 0) return std::nullopt;
  ImagePtr xyz_owned(band);
  VipsImage* y = nullptr;
  if (vips_extract_band(band, &y, 1, nullptr) != 0) return std::nullopt;
  ImagePtr y_owned(y);
  VipsImage* rgb = nullptr;
  VipsImage* ys[] = {y, y, y};
  if (vips_bandjoin(ys, &rgb, 3, nullptr) != 0) return std::nullopt;
  ImagePtr rgb_owned(rgb);
  if (vips_linear(rgb, &photo, scale, offset, 3, "uchar", TRUE, nullptr) != 0) {
    log_and_clear_vips_error("sample photo");
    return std::nullopt;
  }
  ImagePtr photo_owned(photo);
  void* buffer = nullptr;
  std::size_t length = 0;
  if (vips_jpegsave_buffer(photo, &buffer, &length, "Q", 80, nullptr) != 0) {
    log_and_clear_vips_error("sample photo save");
    return std::nullopt;
  }
  return take_buffer(buffer, length);
}

}  // namespace musubi::files
