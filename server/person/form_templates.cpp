// The forms Musubi ships, laid out as their paper versions are (sections in the same order, the
// same headings), so that a printed copy is read the way the reader is used to.
#include <algorithm>

#include "person/forms.hpp"

namespace musubi::person {

namespace {

using K = FieldKind;

// The person, as every form begins.
FormSection person_section(std::string_view title) {
  return {title,
          {{"person_name", "氏名", K::text, {}, "person.name", true},
           {"person_kana", "ふりがな", K::text, {}, "person.name_kana", true},
           {"person_birth", "生年月日", K::text, {}, "person.birth", true},
           {"person_sex", "性別", K::choice, {"男", "女", "その他"}, "person.sex", true},
           {"person_address", "住所", K::text, {}, "person.address"},
           {"person_phone", "電話番号", K::text, {}, "person.phone", true}}};
}

// 主治医意見書: the doctor's opinion for the long-term care certification.
// 主治医意見書 3: the body and mind, as the doctor sees them.
FormSection ikensho_mind_and_body() {
  return {"3. 心身の状態に関する意見",
          {{"disability_independence",
            "障害高齢者の日常生活自立度（寝たきり度）",
            K::choice,
            {"自立", "J1", "J2", "A1", "A2", "B1", "B2", "C1", "C2"},
            "summary.disability_independence",
            true},
           {"dementia_independence",
            "認知症高齢者の日常生活自立度",
            K::choice,
            {"自立", "Ⅰ", "Ⅱa", "Ⅱb", "Ⅲa", "Ⅲb", "Ⅳ", "M"},
            "summary.dementia_independence",
            true},
           {"short_memory", "短期記憶", K::choice, {"問題なし", "問題あり"}, {}, true},
           {"decision",
            "日常の意思決定を行うための認知能力",
            K::choice,
            {"自立", "いくらか困難", "見守りが必要", "判断できない"},
            {},
            true},
           {"communication",
            "自分の意思の伝達能力",
            K::choice,
            {"伝えられる", "いくらか困難", "具体的要求に限られる", "伝えられない"},
            {},
            true},
           {"bpsd", "認知症の周辺症状", K::multiline, {}, {}}}};
}

// 主治医意見書 4: daily life, risks, and the services the doctor recommends.
FormSection ikensho_life_and_services() {
  return {"4. 生活機能とサービスに関する意見",
          {{"mobility",
            "屋外歩行",
            K::choice,
            {"自立", "介助があればしている", "していない"},
            {},
            true},
           {"nutrition", "栄養・食生活", K::text, {}, {}, true},
           {"risks",
            "現在あるかまたは今後発生の可能性の高い状態",
            K::checks,
            {"尿失禁", "転倒・骨折", "移動能力の低下", "褥瘡", "心肺機能の低下", "閉じこもり",
             "意欲低下", "徘徊", "低栄養", "摂食・嚥下機能低下", "脱水", "易感染性",
             "がん等による疼痛"},
            {}},
           {"outlook",
            "サービス利用による生活機能の維持・改善の見通し",
            K::choice,
            {"期待できる", "期待できない", "不明"},
            {}},
           {"medical_management",
            "医学的管理の必要性",
            K::checks,
            {"訪問診療", "訪問看護", "訪問歯科診療", "訪問薬剤管理指導", "訪問リハビリテーション",
             "短期入所療養介護", "訪問歯科衛生指導", "訪問栄養食事指導", "通所リハビリテーション"},
            {}}}};
}

FormTemplate shujii_ikensho() {
  return {
      "shujii_ikensho",
      "主治医意見書",
      "要介護認定の申請に主治医が記す意見書",
      {person_section("申請者"),
       {"主治医",
        {{"doctor_name", "医師氏名", K::text, {}, "author.name", true},
         {"doctor_facility", "医療機関名", K::text, {}, "author.facility", true},
         {"doctor_address", "医療機関所在地", K::text, {}, "author.facility_address"},
         {"doctor_phone", "電話", K::text, {}, "author.facility_phone", true},
         {"last_visit", "最終診察日", K::date, {}, "today", true},
         {"times", "意見書作成回数", K::choice, {"初回", "2回目以上"}, {}, true},
         {"other_departments", "他科受診の有無", K::text, {}, {}}}},
       {"1. 傷病に関する意見",
        {{"diagnosis1", "診断名 (1)", K::text, {}, "summary.condition.1", true},
         {"onset1", "発症年月日 (1)", K::text, {}, "summary.condition_onset.1", true},
         {"diagnosis2", "診断名 (2)", K::text, {}, "summary.condition.2", true},
         {"onset2", "発症年月日 (2)", K::text, {}, "summary.condition_onset.2", true},
         {"diagnosis3", "診断名 (3)", K::text, {}, "summary.condition.3", true},
         {"onset3", "発症年月日 (3)", K::text, {}, "summary.condition_onset.3", true},
         {"stability", "症状としての安定性", K::choice, {"安定", "不安定", "不明"}, {}, true},
         {"course",
          "生活機能低下の直接の原因となっている傷病または特定疾病の経過及び投薬内容",
          K::multiline,
          {},
          "summary.medications"}}},
       {"2. 特別な医療（過去14日間以内に受けた医療）",
        {{"special_care",
          "処置内容",
          K::checks,
          {"点滴の管理", "中心静脈栄養", "透析", "ストーマの処置", "酸素療法", "レスピレーター",
           "気管切開の処置", "疼痛の看護", "経管栄養", "モニター測定", "じょくそうの処置",
           "カテーテル"},
          {}}}},
       ikensho_mind_and_body(),
       ikensho_life_and_services(),
       {"5. 特記すべき事項", {{"remarks", "特記すべき事項", K::multiline, {}, "summary.notes"}}}}};
}

// 訪問看護指示書: the doctor's instructions to the visiting nurses.
FormTemplate houmon_kango_shijisho() {
  return {
      "houmon_kango_shijisho",
      "訪問看護指示書",
      "主治医から訪問看護ステーションへの指示",
      {{"指示期間",
        {{"period_from", "指示期間（から）", K::date, {}, "today", true},
         {"period_to", "指示期間（まで）", K::date, {}, {}, true}}},
       person_section("患者"),
       {"病状と治療",
        {{"main_diagnosis", "主たる傷病名", K::multiline, {}, "summary.conditions"},
         {"condition", "病状・治療状態", K::multiline, {}, {}},
         {"medications", "投与中の薬剤の用量・用法", K::multiline, {}, "summary.medications"},
         {"disability_independence",
          "日常生活自立度（寝たきり度）",
          K::choice,
          {"自立", "J1", "J2", "A1", "A2", "B1", "B2", "C1", "C2"},
          "summary.disability_independence",
          true},
         {"dementia_independence",
          "日常生活自立度（認知症）",
          K::choice,
          {"自立", "Ⅰ", "Ⅱa", "Ⅱb", "Ⅲa", "Ⅲb", "Ⅳ", "M"},
          "summary.dementia_independence",
          true},
         {"care_level", "要介護認定の状況", K::text, {}, "summary.care_level", true},
         {"pressure_ulcer", "褥瘡の深さ", K::text, {}, {}, true},
         {"devices",
          "装着・使用医療機器等",
          K::checks,
          {"自動腹膜灌流装置", "透析液供給装置", "酸素療法", "吸引器", "中心静脈栄養", "輸液ポンプ",
           "経管栄養", "留置カテーテル", "人工呼吸器", "気管カニューレ", "人工肛門", "人工膀胱"},
          {}}}},
       {"留意事項及び指示事項",
        {{"instructions", "療養生活指導上の留意事項・指示事項", K::multiline, {}, {}},
         {"emergency_contact", "緊急時の連絡先", K::text, {}, "author.facility_phone", true},
         {"when_absent", "不在時の対応", K::text, {}, {}, true},
         {"remarks", "特記すべき留意事項", K::multiline, {}, "summary.allergies"}}},
       {"指示医",
        {{"doctor_facility", "医療機関名", K::text, {}, "author.facility", true},
         {"doctor_name", "医師氏名", K::text, {}, "author.name", true},
         {"doctor_address", "住所", K::text, {}, "author.facility_address"},
         {"doctor_phone", "電話", K::text, {}, "author.facility_phone", true},
         {"station", "訪問看護ステーション", K::text, {}, {}, true},
         {"issued_on", "記載日", K::date, {}, "today", true}}}}};
}

// 訪問看護報告書: the nurses' monthly report to the doctor.
FormTemplate houmon_kango_houkokusho() {
  return {"houmon_kango_houkokusho",
          "訪問看護報告書",
          "訪問看護ステーションから主治医への月ごとの報告",
          {person_section("利用者"),
           {"報告",
            {{"month", "報告月", K::text, {}, {}, true},
             {"addressee", "主治医", K::text, {}, "summary.primary_doctor", true},
             {"visit_days", "訪問日", K::multiline, {}, {}},
             {"progress", "病状の経過", K::multiline, {}, {}},
             {"nursing", "看護・リハビリテーションの内容", K::multiline, {}, {}},
             {"home_care", "家庭での介護の状況", K::multiline, {}, "summary.living"},
             {"supplies", "衛生材料等の使用量および使用状況", K::multiline, {}, {}},
             {"remarks", "特記すべき事項", K::multiline, {}, {}}}},
           {"報告者",
            {{"station", "訪問看護ステーション", K::text, {}, "author.facility", true},
             {"manager", "管理者氏名", K::text, {}, "author.name", true},
             {"station_phone", "電話", K::text, {}, "author.facility_phone", true},
             {"reported_on", "報告日", K::date, {}, "today", true}}}}};
}

// 診療情報提供書: a referral letter.
FormTemplate shinryo_joho_teikyosho() {
  return {"shinryo_joho_teikyosho",
          "診療情報提供書",
          "紹介先の医療機関・介護事業所への情報提供（紹介状）",
          {{"紹介先",
            {{"to_facility", "紹介先医療機関等", K::text, {}, {}, true},
             {"to_department", "診療科・担当医", K::text, {}, {}, true}}},
           person_section("患者"),
           {"紹介内容",
            {{"purpose", "紹介目的", K::multiline, {}, {}},
             {"diagnosis", "傷病名", K::multiline, {}, "summary.conditions"},
             {"history", "既往歴及び家族歴", K::multiline, {}, {}},
             {"course", "症状経過及び検査結果", K::multiline, {}, {}},
             {"treatment", "治療経過", K::multiline, {}, {}},
             {"prescriptions", "現在の処方", K::multiline, {}, "summary.medications"},
             {"allergies", "アレルギー・禁忌", K::multiline, {}, "summary.allergies"},
             {"remarks", "備考", K::multiline, {}, "summary.care_and_services"}}},
           {"紹介元",
            {{"from_facility", "医療機関名", K::text, {}, "author.facility", true},
             {"from_doctor", "医師氏名", K::text, {}, "author.name", true},
             {"from_address", "所在地", K::text, {}, "author.facility_address"},
             {"from_phone", "電話", K::text, {}, "author.facility_phone", true},
             {"written_on", "記載日", K::date, {}, "today", true}}}}};
}

std::vector<FormTemplate> make_templates() {
  return {shujii_ikensho(), houmon_kango_shijisho(), houmon_kango_houkokusho(),
          shinryo_joho_teikyosho()};
}

}  // namespace

const std::vector<FormTemplate>& form_templates() {
  static const std::vector<FormTemplate> templates = make_templates();
  return templates;
}

const FormTemplate* find_template(std::string_view code) {
  const auto& all = form_templates();
  auto it =
      std::find_if(all.begin(), all.end(), [&](const FormTemplate& t) { return t.code == code; });
  return it == all.end() ? nullptr : &*it;
}

const FormField* FormTemplate::field(std::string_view key) const {
  for (const auto& section : sections) {
    for (const auto& f : section.fields) {
      if (f.key == key) return &f;
    }
  }
  return nullptr;
}

}  // namespace musubi::person
