// Audit log search and CSV export for region administrators.
#include <nlohmann/json.hpp>

#include "audit/audit_log.hpp"
#include "core/text.hpp"
#include "http/app.hpp"
#include "http/json/audit.hpp"
#include "http/json_body.hpp"

#include <ctime>

namespace musubi::http {

using access::Role;
using access::RoleSet;
using nlohmann::json;

namespace {

audit::Query query_from(const Request& r) {
  audit::Query q;
  q.from = query_jst_day(r, "from");
  q.to = query_jst_day(r, "to", 1);  // inclusive of the whole "to" day
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

Response get_audit(Services& s, Context& c) {
  auto q = query_from(c.request);
  q.limit = std::min<std::int64_t>(query_limit(c.request, 100), 500);
  auto entries = audit::search(s.storage, s.clock, c.actor(), q);
  json items = json::array();
  for (const auto& e : entries) items.push_back(to_json(e));
  json next =
      entries.size() == static_cast<std::size_t>(q.limit) ? json(entries.back().id) : json(nullptr);
  return json_response(200, json{{"items", items}, {"next_before", next}}.dump());
}

Response get_audit_csv(Services& s, Context& c) {
  auto q = query_from(c.request);
  q.limit = 10000;
  Response r;
  r.body = audit::to_csv(audit::search(s.storage, s.clock, c.actor(), q));
  r.content_type = "text/csv; charset=utf-8";
  r.set_header("Content-Disposition", "attachment; filename=\"musubi-audit.csv\"");
  return r;
}

}  // namespace

void add_audit_routes(Router& router, Services& s) {
  const auto region_admin = Access::any_of(RoleSet{Role::region_admin});
  router.add("GET", "/api/v1/audit", region_admin, bind(s, get_audit));
  router.add("GET", "/api/v1/audit.csv", region_admin, bind(s, get_audit_csv),
             {.lane = Lane::heavy});
}

}  // namespace musubi::http
