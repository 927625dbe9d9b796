// What a file is judged to be and how its name is kept: by its bytes, never by its claim.
#include "files/media.hpp"

#include <gtest/gtest.h>

namespace musubi::files {
namespace {

TEST(Sniff, RecognisesTheFormatsMusubiDecodesByTheirFirstBytes) {
  EXPECT_EQ(sniff("\xFF\xD8\xFF\xE1....").image, ImageFormat::jpeg);
  EXPECT_EQ(sniff(std::string("\x89PNG\r\n\x1A\n\0\0", 10)).image, ImageFormat::png);
  EXPECT_EQ(sniff("GIF89a...").image, ImageFormat::gif);
  EXPECT_EQ(sniff(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)).media_type, "image/webp");
  EXPECT_EQ(sniff("%PDF-1.7\n").kind, Kind::pdf);
}

TEST(Sniff, AnythingElseIsAPlainDownloadWhateverItClaims) {
  for (std::string_view head :
       {"<svg xmlns=", "<!DOCTYPE html>", "RIFF\0\0\0\0AVI ", "", "\xFF\xD8", "%PDF", "GIF8"}) {
    auto s = sniff(head);
    EXPECT_EQ(s.kind, Kind::other) << head;
    EXPECT_EQ(s.media_type, "application/octet-stream") << head;
  }
}

TEST(SafeFileName, KeepsOnlyTheLastPathComponent) {
  EXPECT_EQ(safe_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(safe_file_name("C:\\Users\\看護師\\報告.pdf"), "報告.pdf");
  EXPECT_EQ(safe_file_name("dir/"), "ファイル");
  EXPECT_EQ(safe_file_name(".."), "ファイル");
  EXPECT_EQ(safe_file_name(".bashrc"), "bashrc");
}

TEST(SafeFileName, DropsControlAndDirectionCharactersAndBrokenUtf8) {
  EXPECT_EQ(safe_file_name("a\r\nb\tc\x01.txt"), "abc.txt");
  EXPECT_EQ(safe_file_name("invoice\u202Efdp.exe"), "invoicefdp.exe");
  EXPECT_EQ(safe_file_name("ok\xFF\xFE.png"), "ok.png");
  EXPECT_EQ(safe_file_name("  写真.jpg  "), "写真.jpg");
}

TEST(SafeFileName, IsAtMost200Characters) {
  std::string longest;
  for (int i = 0; i < 300; ++i) longest += "あ";
  auto kept = safe_file_name(longest);
  EXPECT_EQ(kept.size(), 200u * 3);  // three bytes each in UTF-8
}

TEST(ContentDisposition, GivesAnAsciiFallbackAndTheExactUtf8Name) {
  EXPECT_EQ(content_disposition(true, "報告.pdf"),
            "inline; filename=\"__.pdf\"; filename*=UTF-8''%E5%A0%B1%E5%91%8A.pdf");
  auto header = content_disposition(false, "a\"b;c.txt");
  EXPECT_EQ(header, "attachment; filename=\"a_b_c.txt\"; filename*=UTF-8''a%22b%3Bc.txt");
}

}  // namespace
}  // namespace musubi::files
