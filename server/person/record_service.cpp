#include "person/record_service.hpp"

#include <fmt/format.h>

#include <type_traits>

#include "audit/audit_log.hpp"
#include "core/error.hpp"
#include "person/consent_policy.hpp"
#include "person/person_store.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::person {

namespace {

constexpr const char* kNotOnTeam =
    "この方の支援チームのメンバーではないため、この記録は表示・変更できません";
constexpr const char* kConflict =
    "他の人が先に更新しました。画面を読み込み直してから編集してください。";

struct Access {
  Person person;
  CareTeamPlace me;
};

// The person and the actor's place on their team; nullopt when the actor is not on it — or the
// person does not exist in the actor's region, which the caller cannot tell apart.
std::optional<Access> team_access(storage::Transaction& tx, const access::Actor& actor,
                                  Id person_id) {
  auto person = tx.persons().find(actor.region_id, person_id);
  if (!person) return std::nullopt;
  auto me = tx.persons().care_team_place(actor.region_id, person_id, actor.user_id);
  // A facility's contact who came for a request only (the region's choice) reads the request,
  // not the record.
  if (!me || me->request_only) return std::nullopt;
  return Access{std::move(*person), *me};
}

audit::Event event(const char* action, Id person_id, bool allowed, std::string detail = {}) {
  return {.action = action,
          .target_type = "person",
          .target_id = std::to_string(person_id),
          .outcome = allowed ? "success" : "denied",
          .detail = std::move(detail)};
}

// A number sent back as the screen showed it (masked) keeps the stored one; a masked value that
// matches nothing stored is refused rather than saved as bullets.
void keep_masked_numbers(Insurance& edited, const Insurance& stored) {
  auto keep = [](std::string& value, const std::string& stored_value, const char* field) {
    if (!is_masked(value)) return;
    if (value != masked(stored_value)) {
      throw Error(ErrorCode::invalid_input, "保険番号を入力し直してください",
                  {{std::string("insurance.") + field, "番号を入力し直してください"}});
    }
    value = stored_value;
  };
  keep(edited.medical_insurer_number, stored.medical_insurer_number, "medical_insurer_number");
  keep(edited.medical_card_number, stored.medical_card_number, "medical_card_number");
  keep(edited.care_insured_number, stored.care_insured_number, "care_insured_number");
  keep(edited.public_expense_number, stored.public_expense_number, "public_expense_number");
}

Id form_person(storage::Transaction& tx, Id form_id) {
  auto f = tx.records().form(form_id);
  return f ? f->person_id : 0;
}

}  // namespace

// A read of the record: on a reader connection, logged in the read journal (denied or not)
// before anything is returned.
template <class F>
auto read_record(storage::Storage& storage, const Clock& clock, const access::Actor& actor,
                 Id person_id, const char* action, F&& work) {
  using R = std::invoke_result_t<F&, storage::Transaction&, Access&>;
  auto result = storage.read([&](storage::Transaction& tx) -> std::optional<R> {
    auto access = team_access(tx, actor, person_id);
    if (!access) return std::nullopt;
    return work(tx, *access);
  });
  audit::record_read(storage, clock, actor, event(action, person_id, result.has_value()));
  if (!result) throw Error(ErrorCode::forbidden, kNotOnTeam);
  return std::move(*result);
}

// A change to the record: one write transaction with its audit entry; a refusal is audited too
// (and committed) before the caller gets 403. `work` may set the audit detail.
template <class F>
auto write_record(storage::Storage& storage, const Clock& clock, const access::Actor& actor,
                  Id person_id, const char* action, F&& work) {
  using R = std::invoke_result_t<F&, storage::Transaction&, Access&, std::string&>;
  auto result = storage.write([&](storage::Transaction& tx) -> std::optional<R> {
    auto access = team_access(tx, actor, person_id);
    if (!access) {
      audit::record(tx, clock, actor, event(action, person_id, false));
      return std::nullopt;
    }
    std::string detail;
    R r = work(tx, *access, detail);
    audit::record(tx, clock, actor, event(action, person_id, true, std::move(detail)));
    return r;
  });
  if (!result) throw Error(ErrorCode::forbidden, kNotOnTeam);
  return std::move(*result);
}

SummaryView RecordService::summary(const access::Actor& actor, Id person_id,
                                   std::optional<std::int64_t> version) {
  return read_record(storage_, clock_, actor, person_id,
                     version ? "summary.read_version" : "summary.read",
                     [&](storage::Transaction& tx, Access&) {
                       SummaryView view;
                       if (auto v = tx.records().summary(person_id, version)) {
                         view.current = std::move(*v);
                       } else if (version) {
                         throw Error(ErrorCode::not_found, "その版の患者サマリはありません");
                       }
                       view.has_insurance = !(view.current.summary.insurance == Insurance{});
                       view.current.summary.insurance = masked(view.current.summary.insurance);
                       return view;
                     });
}

std::vector<SummaryVersion> RecordService::summary_history(const access::Actor& actor,
                                                           Id person_id) {
  return read_record(storage_, clock_, actor, person_id, "summary.history",
                     [&](storage::Transaction& tx, Access&) {
                       return tx.records().summary_history(person_id, 200);
                     });
}

SummaryView RecordService::save_summary(const access::Actor& actor, Id person_id,
                                        std::int64_t version, Summary edited) {
  Summary& summary = edited;
  Validator v;
  validate(summary, v);
  v.throw_if_any();
  write_record(storage_, clock_, actor, person_id, "summary.update",
               [&](storage::Transaction& tx, Access&, std::string& detail) {
                 auto before = tx.records().summary(person_id, std::nullopt);
                 Summary previous = before ? before->summary : Summary{};
                 keep_masked_numbers(summary.insurance, previous.insurance);
                 auto changes = describe_changes(previous, summary);
                 if (changes.empty() && before) {
                   throw Error(ErrorCode::invalid_input, "変更がありません");
                 }
                 if (!tx.records().add_summary_version(person_id, version, summary, changes,
                                                       actor.user_id, clock_.now())) {
                   throw Error(ErrorCode::conflict, kConflict);
                 }
                 detail = fmt::format("version {}: {} changes", version + 1, changes.size());
                 return 0;
               });
  return this->summary(actor, person_id);
}

Insurance RecordService::reveal_insurance(const access::Actor& actor, Id person_id) {
  return read_record(storage_, clock_, actor, person_id, "summary.insurance_reveal",
                     [&](storage::Transaction& tx, Access&) {
                       auto current = tx.records().summary(person_id, std::nullopt);
                       return current ? current->summary.insurance : Insurance{};
                     });
}

std::vector<AcpEntry> RecordService::acp(const access::Actor& actor, Id person_id) {
  return read_record(
      storage_, clock_, actor, person_id, "acp.read",
      [&](storage::Transaction& tx, Access&) { return tx.records().acp_entries(person_id); });
}

AcpEntry RecordService::add_acp(const access::Actor& actor, Id person_id, AdvanceCarePlan plan) {
  Validator v;
  validate(plan, v);
  v.throw_if_any();
  return write_record(storage_, clock_, actor, person_id, "acp.record",
                      [&](storage::Transaction& tx, Access&, std::string& detail) {
                        auto version = tx.records().add_acp_entry(person_id, plan, actor.user_id,
                                                                  clock_.now());
                        detail = fmt::format("version {}", version);
                        return tx.records().acp_entries(person_id).front();
                      });
}

ConsentOverview RecordService::consents(const access::Actor& actor, Id person_id) {
  return read_record(storage_, clock_, actor, person_id, "consent.read",
                     [&](storage::Transaction& tx, Access&) {
                       ConsentOverview o;
                       o.consents = tx.records().consents(person_id);
                       o.status = consent_status(o.consents, jst_date(clock_.now()));
                       if (auto region = tx.regions().find(actor.region_id)) {
                         o.required_for = region->consent_required_for;
                       }
                       return o;
                     });
}

Consent RecordService::add_consent(const access::Actor& actor, Id person_id, ConsentInput input) {
  Validator v;
  validate(input, v);
  v.throw_if_any();
  return write_record(
      storage_, clock_, actor, person_id, "consent.record",
      [&](storage::Transaction& tx, Access& access, std::string& detail) {
        auto id = tx.records().add_consent(person_id, input, actor.user_id, clock_.now());
        const auto document = input.document_attachment_id;
        // Only the uploader's own pending file of this team becomes the signed paper.
        if (document && !tx.records().claim_consent_document(*document, access.me.board_id,
                                                             actor.user_id, id)) {
          throw Error(ErrorCode::invalid_input, "同意書のファイルが見つかりません",
                      {{"document_attachment_id",
                        "このチームにあなたがアップロードしたファイルを選んでください"}});
        }
        detail = fmt::format("consent {}{}", id, document ? " with document" : "");
        return *tx.records().consent(id);
      });
}

Consent RecordService::withdraw_consent(const access::Actor& actor, Id consent_id,
                                        const std::string& reason) {
  Validator v;
  auto clean = v.text("reason", reason, 200, true);
  v.throw_if_any();
  const auto person_id = storage_.read([&](storage::Transaction& tx) {
    auto c = tx.records().consent(consent_id);
    return c ? c->person_id : 0;
  });
  return write_record(
      storage_, clock_, actor, person_id, "consent.withdraw",
      [&](storage::Transaction& tx, Access&, std::string& detail) {
        if (!tx.records().withdraw_consent(consent_id, actor.user_id, clean, clock_.now())) {
          throw Error(ErrorCode::conflict, "この同意はすでに撤回されています");
        }
        detail = fmt::format("consent {}", consent_id);
        return *tx.records().consent(consent_id);
      });
}

std::vector<FormListItem> RecordService::forms(const access::Actor& actor, Id person_id) {
  return read_record(storage_, clock_, actor, person_id, "form.list",
                     [&](storage::Transaction& tx, Access&) {
                       std::vector<FormListItem> out;
                       for (auto& f : tx.records().forms_of(person_id)) {
                         const auto* t = find_template(f.template_code);
                         out.push_back({std::move(f), t ? std::string(t->title) : ""});
                       }
                       return out;
                     });
}

Form RecordService::create_form(const access::Actor& actor, Id person_id,
                                const std::string& template_code) {
  const FormTemplate* t = find_template(template_code);
  if (!t) {
    throw Error(ErrorCode::invalid_input, "文書の種類を選んでください",
                {{"template", "この種類の文書はありません"}});
  }
  return write_record(
      storage_, clock_, actor, person_id, "form.create",
      [&](storage::Transaction& tx, Access& access, std::string& detail) {
        auto current = tx.records().summary(person_id, std::nullopt);
        FormAuthor author{.name = actor.name};
        if (actor.facility_id) {
          if (auto f = tx.facilities().find(actor.region_id, *actor.facility_id)) {
            author.facility_name = f->name;
            author.facility_address = f->address;
            author.facility_phone = f->phone;
          }
        }
        Form form{.person_id = person_id,
                  .template_code = std::string(t->code),
                  .values = prefill(*t, access.person, current ? current->summary : Summary{},
                                    author, jst_date(clock_.now())),
                  .created_by = actor.user_id,
                  .created_at = clock_.now()};
        auto id = tx.records().add_form(form);
        detail = fmt::format("form {} ({})", id, t->code);
        return *tx.records().form(id);
      });
}

Form RecordService::form(const access::Actor& actor, Id form_id) {
  const auto person_id =
      storage_.read([&](storage::Transaction& tx) { return form_person(tx, form_id); });
  return read_record(
      storage_, clock_, actor, person_id, "form.read",
      [&](storage::Transaction& tx, Access&) { return *tx.records().form(form_id); });
}

Form RecordService::save_form(const access::Actor& actor, Id form_id, std::int64_t version,
                              FormValues values) {
  const auto person_id =
      storage_.read([&](storage::Transaction& tx) { return form_person(tx, form_id); });
  return write_record(
      storage_, clock_, actor, person_id, "form.update",
      [&](storage::Transaction& tx, Access&, std::string& detail) {
        auto f = *tx.records().form(form_id);
        if (f.state != "draft") throw Error(ErrorCode::conflict, "確定した文書は変更できません");
        Validator v;
        validate(*find_template(f.template_code), values, v);
        v.throw_if_any();
        if (!tx.records().update_form(form_id, version, values, actor.user_id, clock_.now())) {
          throw Error(ErrorCode::conflict, kConflict);
        }
        detail = fmt::format("form {}", form_id);
        return *tx.records().form(form_id);
      });
}

Form RecordService::finalize_form(const access::Actor& actor, Id form_id, std::int64_t version) {
  const auto person_id =
      storage_.read([&](storage::Transaction& tx) { return form_person(tx, form_id); });
  return write_record(
      storage_, clock_, actor, person_id, "form.finalize",
      [&](storage::Transaction& tx, Access&, std::string& detail) {
        require_consent(tx, actor, person_id, "forms", clock_.now());
        if (!tx.records().finalize_form(form_id, version, actor.user_id, clock_.now())) {
          throw Error(ErrorCode::conflict,
                      "確定済みか、他の人が先に更新しました。画面を読み込み直してください");
        }
        detail = fmt::format("form {}", form_id);
        return *tx.records().form(form_id);
      });
}

std::pair<Form, Person> RecordService::form_for_print(const access::Actor& actor, Id form_id) {
  const auto person_id =
      storage_.read([&](storage::Transaction& tx) { return form_person(tx, form_id); });
  // Printing leaves the building: a write, so that the consent rule and the record are one.
  return write_record(storage_, clock_, actor, person_id, "form.export_pdf",
                      [&](storage::Transaction& tx, Access& access, std::string& detail) {
                        auto f = *tx.records().form(form_id);
                        if (f.state == "final") {
                          require_consent(tx, actor, person_id, "forms", clock_.now());
                        }
                        detail = fmt::format("form {} ({})", form_id, f.state);
                        return std::make_pair(std::move(f), access.person);
                      });
}

RecordExport RecordService::export_record(const access::Actor& actor, Id person_id) {
  return write_record(
      storage_, clock_, actor, person_id, "fhir.export",
      [&](storage::Transaction& tx, Access& access, std::string& detail) {
        if (!access.me.is_admin) {
          throw Error(ErrorCode::forbidden, "書き出しはチームの管理者だけができます");
        }
        require_consent(tx, actor, person_id, "fhir_export", clock_.now());
        RecordExport out{.person = access.person};
        if (auto s = tx.records().summary(person_id, std::nullopt)) {
          out.summary = std::move(s->summary);
        }
        out.consents = tx.records().consents(person_id);
        if (auto r = tx.regions().find(actor.region_id)) out.region_name = r->name;
        detail = fmt::format("{} conditions, {} allergies, {} medications",
                             out.summary.conditions.size(), out.summary.allergies.size(),
                             out.summary.medications.size());
        return out;
      });
}

RecordBadges RecordService::badges(Id person_id) {
  return storage_.read(
      [&](storage::Transaction& tx) { return record_badges(tx, person_id, clock_.now()); });
}

}  // namespace musubi::person
