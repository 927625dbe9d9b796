// The PDF of a form, read back the way a person would: its text extracted with pdftotext and
// its first page rendered with pdftoppm (poppler), both real tools from Debian.
#include "pdf/form_pdf.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fixture/test_region.hpp"

namespace musubi::pdf {
namespace {

std::string run(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  while (auto n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  pclose(p);
  return out;
}

person::Person sample_person() {
  person::Person p;
  p.id = 7;
  p.fields = {.name = "山田 太郎",
              .name_kana = "やまだ たろう",
              .birth_date = "1940-03-02",
              .sex = person::Sex::male,
              .address = "茨城県つくば市研究学園1-1"};
  return p;
}

person::Form sample_form(const std::string& state) {
  person::Form f;
  f.id = 3;
  f.template_code = "shujii_ikensho";
  f.state = state;
  f.created_by_name = "佐藤 一郎";
  f.updated_by_name = "佐藤 一郎";
  f.created_at = 1'800'000'000;
  f.updated_at = 1'800'000'000;
  if (state == "final") {
    f.finalized_at = 1'800'000'000;
    f.finalized_by_name = "佐藤 一郎";
  }
  f.values = {{"person_name", "山田 太郎"},
              {"person_birth", "1940年（昭和15年）3月2日・86歳"},
              {"diagnosis1", "アルツハイマー型認知症"},
              {"stability", "安定"},
              {"special_care", "酸素療法"},
              {"last_visit", "2026-11-01"},
              {"remarks", std::string(3000, 'x') + "終わり"}};  // runs onto a second page
  return f;
}

class FormPdfTest : public ::testing::Test {
 protected:
  std::string write(const std::string& bytes) {
    auto path = (dir.path() / "form.pdf").string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  musubi::testing::TempDirectory dir;
};

TEST_F(FormPdfTest, TheTextOfTheFormIsInThePdfInJapanese) {
  const auto* t = person::find_template("shujii_ikensho");
  auto bytes = render_form(*t, sample_form("final"), sample_person());
  ASSERT_TRUE(bytes.starts_with("%PDF-"));
  auto text = run("pdftotext -layout " + write(bytes) + " -");
  for (const char* expected :
       {"主治医意見書", "山田 太郎", "昭和15年", "アルツハイマー型認知症", "■安定", "□不安定",
        "■酸素療法", "□透析", "令和8年11月1日", "1. 傷病に関する意見", "5. 特記すべき事項",
        "終わり", "1/2", "2/2"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text.substr(0, 2000);
  }
  EXPECT_EQ(text.find("下書き"), std::string::npos);
}

TEST_F(FormPdfTest, ADraftSaysSoOnEveryPage) {
  const auto* t = person::find_template("shujii_ikensho");
  auto path = write(render_form(*t, sample_form("draft"), sample_person()));
  auto text = run("pdftotext " + path + " -");
  std::size_t marks = 0;
  EXPECT_NE(text.find("【下書き】主治医意見書"), std::string::npos);
  for (auto pos = text.find("下書き"); pos != std::string::npos;
       pos = text.find("下書き", pos + 1)) {
    ++marks;
  }
  EXPECT_EQ(marks, 3u);  // the heading's status and the footer of each of the two pages
}

TEST_F(FormPdfTest, EveryShippedFormRendersToAPageImage) {
  for (const auto& t : person::form_templates()) {
    person::Form f = sample_form("draft");
    f.template_code = std::string(t.code);
    f.values = {{"person_name", "山田 太郎"}};
    auto path = write(render_form(t, f, sample_person()));
    auto png = (dir.path() / std::string(t.code)).string();
    run("pdftoppm -png -r 50 -f 1 -l 1 " + path + " " + png);
    auto page = png + "-1.png";
    ASSERT_TRUE(std::filesystem::exists(page)) << t.code;
    EXPECT_GT(std::filesystem::file_size(page), 5000u) << t.code;  // a page with content, not blank
    // Kept for looking at: MUSUBI_KEEP_PDF=dir copies the first page there.
    if (const char* keep = std::getenv("MUSUBI_KEEP_PDF")) {
      std::filesystem::copy_file(path, std::string(keep) + "/" + std::string(t.code) + ".pdf",
                                 std::filesystem::copy_options::overwrite_existing);
    }
  }
}

}  // namespace
}  // namespace musubi::pdf
