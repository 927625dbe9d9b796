#include "disaster/inputs.hpp"

#include <algorithm>

namespace musubi::disaster {

namespace {

bool key_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

}  // namespace

bool in_japan(const Coordinates& c) {
  return c.latitude >= 20 && c.latitude <= 46 && c.longitude >= 122 && c.longitude <= 154;
}

SupportNeeds checked_support_needs(const SupportNeedsInput& in, Validator& v) {
  SupportNeeds out;
  if (!in.registered) return out;
  for (const auto& r : in.reasons) {
    if (!is_reason(r)) {
      v.add("reasons", "理由の指定が正しくありません");
      break;
    }
    if (std::find(out.reasons.begin(), out.reasons.end(), r) == out.reasons.end()) {
      out.reasons.push_back(r);
    }
  }
  if (in.reasons.empty()) v.add("reasons", "支援が必要な理由を1つ以上選んでください");
  if (!in.priority) {
    v.add("priority", "優先度を選んでください");
  } else if (*in.priority < kTopPriority || *in.priority > kLowestPriority) {
    v.add("priority", "優先度は 1〜3 で指定してください");
  } else {
    out.priority = static_cast<int>(*in.priority);
  }
  if (in.latitude.has_value() != in.longitude.has_value()) {
    v.add("latitude", "緯度と経度は両方指定してください");
  } else if (in.latitude) {
    Coordinates c{.latitude = *in.latitude, .longitude = *in.longitude};
    if (in_japan(c)) {
      out.location = c;
    } else {
      v.add("latitude", "位置が日本の範囲にありません（緯度と経度が逆かもしれません）");
    }
  }
  out.area_id = in.area_id;
  out.note = v.text("note", in.note, kMaxNote, false, true);
  return out;
}

OpenInput checked_open(const OpenInput& in, Validator& v) {
  OpenInput out{.name = v.text("name", in.name, kMaxName, true),
                .kind = in.kind,
                .drill = in.drill,
                .area_ids = in.area_ids};
  if (!is_kind(in.kind)) v.add("kind", "災害の種類を選んでください");
  std::sort(out.area_ids.begin(), out.area_ids.end());
  out.area_ids.erase(std::unique(out.area_ids.begin(), out.area_ids.end()), out.area_ids.end());
  return out;
}

Report checked_status(const StatusInput& in, UnixSeconds started_at, UnixSeconds now,
                      Validator& v) {
  Report r{.person_id = in.person_id, .received_at = now};
  if (auto s = status_from_code(in.status)) {
    r.status = *s;
  } else {
    v.add("status", "安否の状態を選んでください");
  }
  r.note = v.text("note", in.note, kMaxNote, false, true);
  if (r.status == Status::noted && r.note.empty() && v.ok()) {
    v.add("note", "特記事項の内容を入力してください（負傷、避難先など）");
  }
  const auto& key = in.client_key;
  if (key.size() < 16 || key.size() > 64 || !std::all_of(key.begin(), key.end(), key_character)) {
    v.add("client_key", "client_key は英数字・-・_ の16〜64文字です");
  }
  r.client_key = key;
  r.observed_at = now;
  if (!in.observed_at.empty()) {
    r.queued = true;
    if (auto at = parse_rfc3339(in.observed_at)) {
      r.observed_at = std::clamp(*at, std::min(started_at, now), now);
    } else {
      v.add("observed_at", "日時は 2026-12-07T22:40:00+09:00 の形式で指定してください");
    }
  }
  return r;
}

}  // namespace musubi::disaster
