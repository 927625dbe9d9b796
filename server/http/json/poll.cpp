#include "http/json/poll.hpp"

#include "http/json/board.hpp"

namespace musubi::http {

using nlohmann::json;

json marks_json(const std::map<poll::Id, int>& marks) {
  json out = json::array();
  for (const auto& [option, value] : marks) {
    out.push_back({{"option_id", option}, {"value", value}});
  }
  return out;
}

json to_json(const poll::PollView& v) {
  const auto& p = v.poll;
  json options = json::array();
  for (const auto& o : p.options) {
    options.push_back({{"id", o.id},
                       {"label", o.label},
                       {"yes", o.yes},
                       {"maybe", o.maybe},
                       {"no", o.no},
                       {"best", std::find(v.best.begin(), v.best.end(), o.id) != v.best.end()}});
  }
  json out = {
      {"post_id", p.post_id},
      {"mode", poll::mode_code(p.mode)},
      {"anonymous", p.anonymous},
      {"free_text", p.free_text},
      {"deadline", optional_time(p.deadline)},
      {"reminded_at", optional_time(p.reminded_at)},
      {"closed", v.closed},
      {"fixed_option_id", p.fixed_option_id ? json(*p.fixed_option_id) : json(nullptr)},
      {"decision_post_id", p.decision_post_id ? json(*p.decision_post_id) : json(nullptr)},
      {"options", options},
      {"responders", p.responders},
      {"expected", v.expected},
      // An anonymous poll names no one who has not answered: watching that list shrink as a
      // comment appears would name the commenter. Reminders still reach them.
      {"not_answered", p.anonymous ? json::array() : members_json(v.not_answered)},
      {"not_answered_count", v.not_answered.size()},
      {"answered_by_me", v.answered_by_me},
      {"mine", v.mine ? json{{"marks", marks_json(v.mine->marks)}, {"comment", v.mine->comment}}
                      : json(nullptr)},
      {"can_manage", v.can_manage}};
  if (p.anonymous) {
    out["comments"] = p.comments;
  } else {
    json answers = json::array();
    for (const auto& a : p.answers) {
      answers.push_back({{"user_id", a.user_id},
                         {"name", a.name},
                         {"facility_name", a.facility_name},
                         {"marks", marks_json(a.marks)},
                         {"comment", a.comment},
                         {"answered_at", format_iso8601(a.answered_at)}});
    }
    out["answers"] = answers;
  }
  return out;
}

}  // namespace musubi::http
