// A disaster's list of 要援護者 on paper (A4, Japanese), for the teams going door to door and for
// a shelter: by area, highest priority first, each person with address, phone, why they need
// support, their safety status and whom on their care team to call.
#pragma once

#include <string>

#include "disaster/types.hpp"

namespace musubi::pdf {

// The PDF file's bytes.
std::string render_safety_list(const disaster::PrintList& list);

}  // namespace musubi::pdf
