#include "mail/inbound_message.hpp"

#include <gmime/gmime.h>

#include <memory>
#include <mutex>

#include "core/text.hpp"

namespace musubi::mail {

namespace {

struct Unref {
  void operator()(void* p) const { g_object_unref(p); }
};
template <class T>
using Ref = std::unique_ptr<T, Unref>;

void initialise_once() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// Headers and text are UTF-8 once GMime has decoded them — unless a mailer lied about the charset
// or sent raw 8-bit headers: what is not UTF-8 is replaced, never passed on.
std::string valid_utf8(const char* s) {
  if (!s) return {};
  if (g_utf8_validate(s, -1, nullptr)) return s;
  char* fixed = g_utf8_make_valid(s, -1);
  std::string out(fixed);
  g_free(fixed);
  return out;
}

std::string part_bytes(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (!content) return {};
  Ref<GMimeStream> out(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, out.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
  return {reinterpret_cast<const char*>(bytes->data), bytes->len};
}

void walk(GMimeObject* object, InboundMessage& out, int depth) {
  if (!object || depth > 20) return;  // deeper nesting than any mailer makes
  if (GMIME_IS_MULTIPART(object)) {
    auto* multipart = GMIME_MULTIPART(object);
    const int n = g_mime_multipart_get_count(multipart);
    for (int i = 0; i < n; ++i) walk(g_mime_multipart_get_part(multipart, i), out, depth + 1);
    return;
  }
  if (!GMIME_IS_PART(object)) return;  // a forwarded message/rfc822 is not taken apart
  auto* part = GMIME_PART(object);
  const char* file_name = g_mime_part_get_filename(part);
  const bool attachment = file_name != nullptr || g_mime_part_is_attachment(part);
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (!attachment && GMIME_IS_TEXT_PART(object) &&
      g_mime_content_type_is_type(type, "text", "plain")) {
    if (out.text.empty()) {
      char* text = g_mime_text_part_get_text(GMIME_TEXT_PART(object));
      out.text = valid_utf8(text);
      g_free(text);
    }
    return;
  }
  if (!attachment && g_mime_content_type_is_type(type, "text", "html")) {
    out.html_only = out.text.empty();
    return;
  }
  if (attachment) {
    out.files.push_back({file_name ? valid_utf8(file_name) : "添付ファイル", part_bytes(part)});
  }
}

}  // namespace

std::optional<InboundMessage> parse_inbound(std::string_view raw) {
  initialise_once();
  Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  Ref<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  Ref<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!message) return std::nullopt;
  InboundMessage out;
  if (InternetAddressList* from = g_mime_message_get_from(message.get());
      from && internet_address_list_length(from) > 0) {
    InternetAddress* address = internet_address_list_get_address(from, 0);
    if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
      out.from = text::ascii_lower(
          valid_utf8(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address))));
    }
  }
  out.subject = valid_utf8(g_mime_message_get_subject(message.get()));
  walk(g_mime_message_get_mime_part(message.get()), out, 0);
  if (!out.text.empty()) out.html_only = false;
  return out;
}

}  // namespace musubi::mail
