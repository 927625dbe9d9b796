#include "poll/types.hpp"

#include <algorithm>
#include <tuple>

namespace musubi::poll {

std::string_view mode_code(Mode mode) {
  switch (mode) {
    case Mode::single:
      return "single";
    case Mode::multiple:
      return "multiple";
    case Mode::schedule:
      return "schedule";
  }
  return "single";
}

std::optional<Mode> mode_from_code(std::string_view code) {
  for (auto m : {Mode::single, Mode::multiple, Mode::schedule}) {
    if (mode_code(m) == code) return m;
  }
  return std::nullopt;
}

std::vector<Id> best_options(const Poll& poll) {
  std::vector<Id> best;
  if (poll.responders == 0) return best;
  auto score = [](const Option& o) { return std::make_tuple(o.yes, -o.no, o.maybe); };
  const Option* top = nullptr;
  for (const auto& o : poll.options) {
    if (!top || score(o) > score(*top)) top = &o;
  }
  if (!top || top->yes + top->maybe == 0) return best;
  for (const auto& o : poll.options) {
    if (score(o) == score(*top)) best.push_back(o.id);
  }
  return best;
}

}  // namespace musubi::poll
