// Audit log search and CSV export for region administrators.
#include <nlohmann/json.hpp>

#include "audit/audit_log.hpp"
#include "core/text.hpp"
#include "http/app.hpp"
#include "http/json_body.hpp"
#include "http/json_mapping.hpp"

#include <ctime>

namespace musubi::http {

using nlohmann::json;
using region::Role;
using region::RoleSet;

namespace {

// YYYY-MM-DD as the start of that day in Japan (UTC+9), as an administrator means it.
std::optional<UnixSeconds> day_start_jst(const Request& request, const char* name, int add_days) {
  auto raw = request.query_param(name);
  if (!raw || raw->empty()) return std::nullopt;
  if (!text::is_iso_date(*raw)) {
    throw Error(ErrorCode::invalid_input, "日付は 2026-04-01 の形で指定してください",
                {{name, "日付が正しくありません"}});
  }
  std::tm tm{};
  tm.tm_year = std::stoi(raw->substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(raw->substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(raw->substr(8, 2)) + add_days;
  return static_cast<UnixSeconds>(timegm(&tm)) - UnixSeconds{9} * 3600;
}

audit::Query query_from(const Request& r) {
  audit::Query q;
  q.from = day_start_jst(r, "from", 0);
  q.to = day_start_jst(r, "to", 1);  // inclusive of the whole "to" day
  q.actor_login = r.query_param("actor").value_or("");
  q.action_prefix = r.query_param("action").value_or("");
  q.target_type = r.query_param("target_type").value_or("");
  q.target_id = r.query_param("target_id").value_or("");
  if (auto before = r.query_param("before"); before && !before->empty()) {
    try {
      q.before_id = std::stoll(*before);
    } catch (const std::exception&) {
      throw Error(ErrorCode::invalid_input, "before が正しくありません");
    }
  }
  return q;
}

}  // namespace

void add_audit_routes(Router& router, Services& s) {
  const auto region_admin = Access::any_of(RoleSet{Role::region_admin});

  router.add("GET", "/api/v1/audit", region_admin, [&s](Context& c) {
    auto q = query_from(c.request);
    q.limit = std::min<std::int64_t>(query_limit(c.request, 100), 500);
    auto entries = audit::search(s.storage, s.clock, c.actor(), q);
    json items = json::array();
    for (const auto& e : entries) items.push_back(to_json(e));
    json next = entries.size() == static_cast<std::size_t>(q.limit) ? json(entries.back().id)
                                                                    : json(nullptr);
    return json_response(200, json{{"items", items}, {"next_before", next}}.dump());
  });

  router.add("GET", "/api/v1/audit.csv", region_admin, [&s](Context& c) {
    auto q = query_from(c.request);
    q.limit = 10000;
    Response r;
    r.body = audit::to_csv(audit::search(s.storage, s.clock, c.actor(), q));
    r.content_type = "text/csv; charset=utf-8";
    r.set_header("Content-Disposition", "attachment; filename=\"musubi-audit.csv\"");
    return r;
  });
}

}  // namespace musubi::http
