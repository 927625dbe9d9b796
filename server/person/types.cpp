#include "person/types.hpp"

namespace musubi::person {

std::optional<Sex> sex_from_code(std::string_view code) {
  if (code == "male") return Sex::male;
  if (code == "female") return Sex::female;
  if (code == "other") return Sex::other;
  if (code == "unknown") return Sex::unknown;
  return std::nullopt;
}

std::string_view sex_code(Sex sex) {
  switch (sex) {
    case Sex::male:
      return "male";
    case Sex::female:
      return "female";
    case Sex::other:
      return "other";
    case Sex::unknown:
      return "unknown";
  }
  return "unknown";
}

}  // namespace musubi::person
