// 定型文書 as PDF (cairo + pango, Japanese text in Noto Sans CJK): A4, laid out like the paper
// forms — a title, bordered rows of label and value under each numbered section, choices printed
// as ■/□ with every option visible — with page numbers, and 「下書き」 across every page of a
// draft so that it is never mistaken for the final document.
#pragma once

#include <string>

#include "person/forms.hpp"
#include "person/types.hpp"

namespace musubi::pdf {

// The PDF file's bytes.
std::string render_form(const person::FormTemplate& form_template, const person::Form& form,
                        const person::Person& person);

}  // namespace musubi::pdf
