#include "http/json_body.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <ctime>
#include <set>

#include "core/error.hpp"
#include "core/text.hpp"

namespace musubi::http {

using nlohmann::json;

namespace {

// nlohmann keeps the last of two equal keys; a body that says two things about one field is
// refused instead (at any depth), so that a checker and the server can never read it apart.
json parse_watching_keys(const std::string& body, bool& duplicate) {
  std::vector<std::set<std::string>> open_objects;
  auto watch = [&](int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        open_objects.emplace_back();
        break;
      case json::parse_event_t::object_end:
        if (!open_objects.empty()) open_objects.pop_back();
        break;
      case json::parse_event_t::key:
        if (!open_objects.empty() && parsed.is_string() &&
            !open_objects.back().insert(parsed.get<std::string>()).second) {
          duplicate = true;
        }
        break;
      default:
        break;
    }
    return true;
  };
  return json::parse(body, watch, false);
}

}  // namespace

JsonBody::JsonBody(const Request& request) {
  bool duplicate = false;
  auto parsed = parse_watching_keys(request.body, duplicate);
  if (parsed.is_discarded()) {
    throw Error(ErrorCode::invalid_input, "送信されたデータ（JSON）の形式が正しくありません");
  }
  if (!parsed.is_object()) {
    throw Error(ErrorCode::invalid_input, "送信されたデータはJSONオブジェクトにしてください");
  }
  if (duplicate) {
    throw Error(ErrorCode::invalid_input, "送信されたデータに同じ項目が2回あります");
  }
  json_ = std::make_unique<json>(std::move(parsed));
}

JsonBody::~JsonBody() = default;

const json* JsonBody::find(const std::string& field) {
  asked_.insert(field);
  auto it = json_->find(field);
  if (it == json_->end() || it->is_null()) return nullptr;
  return &*it;
}

const json& JsonBody::value(const std::string& field) {
  static const json null_value = nullptr;
  auto* v = find(field);
  return v ? *v : null_value;
}

std::string JsonBody::string(const std::string& field) {
  auto* v = find(field);
  if (!v) return {};
  if (!v->is_string()) {
    problems_.add(field, "文字列で指定してください");
    return {};
  }
  return v->get<std::string>();
}

std::optional<std::int64_t> JsonBody::id(const std::string& field) {
  auto* v = find(field);
  if (!v) return std::nullopt;
  if (v->is_number_integer() && v->get<std::int64_t>() > 0) return v->get<std::int64_t>();
  problems_.add(field, "正しいIDではありません");
  return std::nullopt;
}

std::int64_t JsonBody::required_id(const std::string& field, const std::string& missing) {
  if (!find(field)) problems_.add(field, missing);
  return id(field).value_or(0);
}

std::optional<std::int64_t> JsonBody::integer(const std::string& field) {
  auto* v = find(field);
  if (!v) return std::nullopt;
  if (v->is_number_integer()) return v->get<std::int64_t>();
  problems_.add(field, "整数で指定してください");
  return std::nullopt;
}

std::optional<double> JsonBody::number(const std::string& field) {
  auto* v = find(field);
  if (!v) return std::nullopt;
  if (v->is_number()) return v->get<double>();
  problems_.add(field, "数値で指定してください");
  return std::nullopt;
}

bool JsonBody::boolean(const std::string& field, bool fallback) {
  auto* v = find(field);
  if (!v) return fallback;
  if (v->is_boolean()) return v->get<bool>();
  problems_.add(field, "true か false で指定してください");
  return fallback;
}

std::vector<std::int64_t> JsonBody::ids(const std::string& field) {
  auto* v = find(field);
  std::vector<std::int64_t> out;
  if (!v) return out;
  if (!v->is_array() || v->size() > 100) {
    problems_.add(field, "IDの配列で指定してください");
    return out;
  }
  for (const auto& item : *v) {
    if (!item.is_number_integer() || item.get<std::int64_t>() <= 0) {
      problems_.add(field, "IDの配列で指定してください");
      return {};
    }
    out.push_back(item.get<std::int64_t>());
  }
  return out;
}

std::vector<std::string> JsonBody::strings(const std::string& field) {
  auto* v = find(field);
  std::vector<std::string> out;
  if (!v) return out;
  if (!v->is_array() || v->size() > 100) {
    problems_.add(field, "文字列の配列で指定してください");
    return out;
  }
  for (const auto& item : *v) {
    if (!item.is_string()) {
      problems_.add(field, "文字列の配列で指定してください");
      return {};
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

void JsonBody::finish() {
  // A field the route never asked for was meant for something this server does not do.
  for (const auto& [field, ignored] : json_->items()) {
    if (!asked_.contains(field)) problems_.add(field, "この項目は受け付けていません");
  }
  problems_.throw_if_any();
}

void no_fields(const Request& request) {
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) return;
  JsonBody(request).finish();
}

std::int64_t query_limit(const Request& request, std::int64_t fallback) {
  auto raw = request.query_param("limit");
  if (!raw) return fallback;
  std::int64_t value = 0;
  auto [p, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), value);
  if (ec != std::errc() || p != raw->data() + raw->size() || value < 1) {
    throw Error(ErrorCode::invalid_input, "limit は1以上の整数で指定してください",
                {{"limit", "1以上の整数で指定してください"}});
  }
  return value;
}

std::optional<std::int64_t> query_id(const Request& request, const char* name) {
  auto raw = request.query_param(name);
  if (!raw || raw->empty()) return std::nullopt;
  std::int64_t value = 0;
  auto [p, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), value);
  if (ec != std::errc() || p != raw->data() + raw->size() || value < 1) {
    throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                {{name, "正しい番号ではありません"}});
  }
  return value;
}

std::optional<UnixSeconds> query_jst_day(const Request& request, const char* name, int add_days) {
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

}  // namespace musubi::http
