#include "ems/lookup_review.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/csv.hpp"

namespace musubi::ems {

namespace {

constexpr std::string_view kReason = "reason=";
constexpr std::string_view kIncident = " incident=";

std::string action_label(const std::string& action) {
  if (action == "search") return "検索";
  if (action == "view") return "閲覧";
  if (action == "transport") return "活動報告";
  return action;
}

std::string reason_label(const std::string& code) {
  const auto& all = lookup_reasons();
  auto found = std::find_if(all.begin(), all.end(), [&](const auto& r) { return r.code == code; });
  return found == all.end() ? code : std::string(found->label);
}

}  // namespace

std::string lookup_detail(const LookupReason& reason, const std::string& rest) {
  return fmt::format("{}{}{}{}{}{}", rest, rest.empty() ? "" : " ", kReason, reason.code, kIncident,
                     reason.incident);
}

ParsedDetail parse_lookup_detail(const std::string& detail) {
  // The rest is the server's own words (never "reason="), so the first one starts the reason;
  // the code has no space, so the first " incident=" after it starts the incident, typed text.
  ParsedDetail out;
  auto at = detail.find(kReason);
  while (at != std::string::npos && at > 0 && detail[at - 1] != ' ') {
    at = detail.find(kReason, at + 1);
  }
  if (at == std::string::npos) {
    out.rest = detail;
    return out;
  }
  out.rest = detail.substr(0, at == 0 ? 0 : at - 1);
  const auto tail = std::string_view(detail).substr(at + kReason.size());
  const auto incident = tail.find(kIncident);
  out.reason = std::string(tail.substr(0, incident));
  if (incident != std::string_view::npos) {
    out.incident = std::string(tail.substr(incident + kIncident.size()));
  }
  return out;
}

std::string lookups_csv(const std::vector<LookupRecord>& records) {
  std::string out = "\xEF\xBB\xBF";
  out += csv::line(
      {"日時", "操作", "結果", "隊員", "ログインID", "所属", "理由", "事案番号", "対象者", "詳細"});
  for (const auto& r : records) {
    std::string persons;
    for (const auto& [id, name] : r.persons) {
      persons += fmt::format("{}{}({})", persons.empty() ? "" : "、", name, id.value());
    }
    out += csv::line({jst_minute(r.at), action_label(r.action),
                      r.outcome == "success" ? "成功" : "拒否", r.crew_name, r.crew_login,
                      r.fire_facility, reason_label(r.reason), r.incident, persons, r.detail});
  }
  return out;
}

}  // namespace musubi::ems
