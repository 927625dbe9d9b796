// Invented Japanese names (kanji and kana) for the demo region and generated data.
#pragma once

#include <cstddef>

namespace musubi::cli {

struct Name {
  const char* kanji;
  const char* kana;
};

extern const Name kSurnames[24];
extern const Name kGiven[20];
extern const Name kElderWomen[9];
extern const Name kElderMen[7];
extern const char* const kRomaji[24];
// Further names for generated persons at scale (a city's registry has more than a few dozen).
extern const Name kMoreSurnames[76];
extern const Name kMoreElderWomen[25];
extern const Name kMoreElderMen[20];  // the surnames in romaji, for login IDs

}  // namespace musubi::cli
