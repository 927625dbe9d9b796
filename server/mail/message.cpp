#include "mail/message.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <ctime>

#include "core/error.hpp"

namespace musubi::mail {

namespace {

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

// RFC 2047 encoded words of at most 75 characters, split between UTF-8 characters.
std::string encode_header_text(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.size(), start + 42);  // 42 bytes → 56 base64 characters
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string crlf_lines(std::string_view text) {
  std::string out;
  for (char ch : text) {
    if (ch == '\r') continue;
    if (ch == '\n') out += '\r';
    out += ch;
  }
  return out;
}

std::string rfc5322_date(UnixSeconds now) {
  std::time_t t = now;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buffer;
}

}  // namespace

bool is_plain_address(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  auto at = address.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 >= address.size()) return false;
  if (address.find('@', at + 1) != std::string_view::npos) return false;
  for (unsigned char ch : address) {
    if (ch <= 0x20 || ch >= 0x7F) return false;
    if (ch == '<' || ch == '>' || ch == '(' || ch == ')' || ch == ',' || ch == ';' || ch == ':' ||
        ch == '"' || ch == '\\' || ch == '[' || ch == ']') {
      return false;
    }
  }
  return true;
}

std::string render(const Message& message, std::string_view from, UnixSeconds now,
                   std::string_view message_id) {
  if (!is_plain_address(message.to) || !is_plain_address(from)) {
    throw Error(ErrorCode::invalid_input, "メールアドレスの形式が正しくありません");
  }
  if (message.subject.find_first_of("\r\n") != std::string::npos) {
    throw Error(ErrorCode::invalid_input, "件名に改行は使えません");
  }
  auto domain = from.substr(from.find('@') + 1);
  std::string out;
  out += fmt::format("From: {}\r\n", from);
  out += fmt::format("To: {}\r\n", message.to);
  out += "Subject: " + encode_header_text(message.subject) + "\r\n";
  out += fmt::format("Date: {}\r\n", rfc5322_date(now));
  out += fmt::format("Message-ID: <{}@{}>\r\n", message_id, domain);
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  // Tells auto-responders not to answer (RFC 3834).
  out += "Auto-Submitted: auto-generated\r\n\r\n";
  auto body = base64(crlf_lines(message.body));
  for (std::size_t i = 0; i < body.size(); i += 76) out += body.substr(i, 76) + "\r\n";
  return out;
}

}  // namespace musubi::mail
