#include "disaster/types.hpp"

#include <algorithm>

namespace musubi::disaster {

namespace {

bool listed(const std::vector<Code>& list, std::string_view code) {
  return std::any_of(list.begin(), list.end(), [&](const Code& c) { return c.code == code; });
}

}  // namespace

const std::vector<Code>& reasons() {
  // The devices first: the summary's 医療機器 and an outage overlay speak of the same ones.
  static const std::vector<Code> list = {
      {"ventilator", "人工呼吸器"},  {"home_oxygen", "在宅酸素"}, {"dialysis", "透析"},
      {"bedridden", "寝たきり"},     {"living_alone", "独居"},    {"dementia", "認知症"},
      {"care_level", "要介護3以上"}, {"other", "その他"},
  };
  return list;
}

bool is_reason(std::string_view code) {
  return listed(reasons(), code);
}

bool needs_power(std::string_view reason) {
  return reason == "ventilator" || reason == "home_oxygen";
}

bool any_needs_power(std::string_view stored_reasons) {
  while (!stored_reasons.empty()) {
    const auto comma = stored_reasons.find(',');
    if (needs_power(stored_reasons.substr(0, comma))) return true;
    stored_reasons =
        comma == std::string_view::npos ? std::string_view{} : stored_reasons.substr(comma + 1);
  }
  return false;
}

const std::vector<Code>& statuses() {
  static const std::vector<Code> list = {
      {"unchecked", "未確認"},
      {"safe", "安否確認済み"},
      {"noted", "特記事項あり"},
      {"unreachable", "要確認"},
  };
  return list;
}

std::optional<Status> status_from_code(std::string_view code) {
  const auto& list = statuses();
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].code == code) return static_cast<Status>(i);
  }
  return std::nullopt;
}

std::string_view status_code(Status status) {
  return statuses()[static_cast<std::size_t>(status)].code;
}

const std::vector<Code>& labels() {
  static const std::vector<Code> list = {{"red", "赤"}, {"blue", "青"}, {"yellow", "黄"}};
  return list;
}

bool is_label(std::string_view code) {
  return code.empty() || listed(labels(), code);
}

const std::vector<Code>& kinds() {
  static const std::vector<Code> list = {
      {"earthquake", "地震"}, {"flood", "水害"}, {"typhoon", "台風"}, {"landslide", "土砂災害"},
      {"heavy_snow", "大雪"}, {"fire", "火災"},  {"other", "その他"},
  };
  return list;
}

bool is_kind(std::string_view code) {
  return listed(kinds(), code);
}

std::string_view kind_label(std::string_view code) {
  for (const auto& k : kinds()) {
    if (k.code == code) return k.label;
  }
  return "その他";
}

std::string_view priority_label(int priority) {
  switch (priority) {
    case 1:
      return "最優先";
    case 2:
      return "優先";
    default:
      return "通常";
  }
}

void Tally::add(Status s) {
  ++all;
  switch (s) {
    case Status::unchecked:
      ++unchecked;
      break;
    case Status::safe:
      ++safe;
      break;
    case Status::noted:
      ++noted;
      break;
    case Status::unreachable:
      ++unreachable;
      break;
  }
}

}  // namespace musubi::disaster
