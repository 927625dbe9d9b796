#include "region/types.hpp"

#include <algorithm>

namespace musubi::region {

const std::vector<ConsentAction>& consent_actions() {
  static const std::vector<ConsentAction> actions = {
      {"post", "連絡帳への投稿"},
      {"forms", "定型文書の確定・PDF出力"},
      {"fhir_export", "FHIR形式での書き出し"},
  };
  return actions;
}

std::string_view contact_access_code(ContactAccess access) {
  return access == ContactAccess::request ? "request" : "record";
}

std::optional<ContactAccess> contact_access_from_code(std::string_view code) {
  if (code == "record") return ContactAccess::record;
  if (code == "request") return ContactAccess::request;
  return std::nullopt;
}

bool Region::requires_consent_for(std::string_view action) const {
  for (const auto& a : consent_required_for) {
    if (a == action) return true;
  }
  return false;
}

const std::vector<FacilityKindInfo>& facility_kinds() {
  static const std::vector<FacilityKindInfo> kinds = {
      {FacilityKind::hospital, "hospital", "病院"},
      {FacilityKind::clinic, "clinic", "診療所"},
      {FacilityKind::dental_clinic, "dental_clinic", "歯科診療所"},
      {FacilityKind::pharmacy, "pharmacy", "薬局"},
      {FacilityKind::visiting_nurse_station, "visiting_nurse_station", "訪問看護ステーション"},
      {FacilityKind::care_management_office, "care_management_office", "居宅介護支援事業所"},
      {FacilityKind::community_support_center, "community_support_center", "地域包括支援センター"},
      {FacilityKind::care_service, "care_service", "介護サービス事業所"},
      {FacilityKind::city_office, "city_office", "市役所"},
      {FacilityKind::fire_department, "fire_department", "消防"},
      {FacilityKind::other, "other", "その他"},
  };
  return kinds;
}

std::optional<FacilityKind> facility_kind_from_code(std::string_view code) {
  for (const auto& k : facility_kinds()) {
    if (k.code == code) return k.kind;
  }
  return std::nullopt;
}

std::string_view facility_kind_code(FacilityKind kind) {
  for (const auto& k : facility_kinds()) {
    if (k.kind == kind) return k.code;
  }
  return "other";
}

const std::vector<std::string_view>& builtin_professions() {
  static const std::vector<std::string_view> list = {
      "医師",
      "歯科医師",
      "薬剤師",
      "保健師",
      "助産師",
      "看護師",
      "准看護師",
      "理学療法士",
      "作業療法士",
      "言語聴覚士",
      "管理栄養士",
      "栄養士",
      "歯科衛生士",
      "介護支援専門員",
      "主任介護支援専門員",
      "社会福祉士",
      "介護福祉士",
      "精神保健福祉士",
      "医療ソーシャルワーカー",
      "訪問介護員",
      "サービス提供責任者",
      "福祉用具専門相談員",
      "生活相談員",
      "認知症地域支援推進員",
      "生活支援コーディネーター",
      "相談支援専門員",
      "救急救命士",
      "消防職員",
      "行政職員",
      "事務職員",
      "家族",
      "その他",
  };
  return list;
}

}  // namespace musubi::region
