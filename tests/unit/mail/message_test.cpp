#include "mail/message.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include "core/error.hpp"

namespace musubi::mail {
namespace {

std::string decode_base64(const std::string& text) {
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.c_str(),
                    text.size(), "\r\n", &len, nullptr, sodium_base64_VARIANT_ORIGINAL);
  out.resize(len);
  return out;
}

TEST(MailMessage, EncodesJapaneseSubjectAndBodyAsUtf8Base64) {
  Message m{"sato@example.jp",
            "【結び Musubi】利用開始のご案内です。長めの件名で二つ以上の符号化語に分かれます",
            "佐藤 様\n\nリンク: https://musubi.example.jp/invitation#abc\n"};
  auto text = render(m, "musubi@example.jp", 1'800'000'000, "musubi.1.ab");
  EXPECT_NE(text.find("From: musubi@example.jp\r\n"), std::string::npos);
  EXPECT_NE(text.find("To: sato@example.jp\r\n"), std::string::npos);
  EXPECT_NE(text.find("Date: Fri, 15 Jan 2027 08:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(text.find("Message-ID: <musubi.1.ab@example.jp>\r\n"), std::string::npos);
  EXPECT_NE(text.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  // Every header and body line stays within 78 characters (RFC 5322 §2.1.1).
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 78u) << text.substr(start, end - start);
    start = end + 2;
  }
  // The subject's encoded words decode back to the whole subject.
  std::string subject;
  for (std::size_t p = text.find("=?UTF-8?B?"); p != std::string::npos;
       p = text.find("=?UTF-8?B?", p + 1)) {
    auto end = text.find("?=", p + 10);
    subject += decode_base64(text.substr(p + 10, end - p - 10));
  }
  EXPECT_EQ(subject, m.subject);
  auto body = decode_base64(text.substr(text.find("\r\n\r\n") + 4));
  EXPECT_EQ(body, "佐藤 様\r\n\r\nリンク: https://musubi.example.jp/invitation#abc\r\n");
}

TEST(MailMessage, RefusesAddressesAndSubjectsThatCouldAddHeadersOrRecipients) {
  for (const char* bad :
       {"a@b.jp\r\nBcc: x@evil.example", "a@b.jp, x@evil.example", "<a@b.jp>", "名前@example.jp",
        "a b@example.jp", "@example.jp", "a@", "a@b@c", "\"a\"@example.jp", ""}) {
    EXPECT_FALSE(is_plain_address(bad)) << bad;
    EXPECT_THROW(render({bad, "件名", "本文"}, "musubi@example.jp", 0, "id"), Error) << bad;
  }
  EXPECT_TRUE(is_plain_address("sato.dr+musubi@clinic.example.jp"));
  EXPECT_THROW(
      render({"a@example.jp", "件名\r\nBcc: x@evil.example", "本文"}, "musubi@example.jp", 0, "id"),
      Error);
}

}  // namespace
}  // namespace musubi::mail
