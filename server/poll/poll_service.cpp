#include "poll/poll_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "audit/audit_log.hpp"
#include "board/access.hpp"
#include "board/board_store.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/validation.hpp"
#include "person/consent_policy.hpp"
#include "poll/poll_store.hpp"
#include "storage/storage.hpp"

namespace musubi::poll {

namespace {

const char* const kNoPoll = "アンケートが見つかりません";
constexpr std::size_t kMaxQuestion = 2000;

Error invalid(const char* field, const std::string& message) {
  return Error(ErrorCode::invalid_input, "入力内容を確認してください", {{field, message}});
}

PollSpec checked(const PollSpec& in, UnixSeconds now) {
  Validator v;
  PollSpec out = in;
  out.options.clear();
  std::set<std::string> seen;
  for (const auto& o : in.options) {
    auto label = v.text("options", o, PollService::kMaxOption, false);
    if (label.empty()) continue;
    if (!seen.insert(label).second) {
      v.add("options", "同じ選択肢が2つあります");
      continue;
    }
    out.options.push_back(label);
  }
  if (out.options.size() < 2) v.add("options", "選択肢（候補）を2つ以上入力してください");
  if (out.options.size() > PollService::kMaxOptions) {
    v.add("options", fmt::format("選択肢（候補）は{}個までです", PollService::kMaxOptions));
  }
  if (in.deadline && *in.deadline <= now) v.add("deadline", "締め切りは今より後にしてください");
  v.throw_if_any();
  return out;
}

// The poll on a post `actor` may see, with the team and my membership.
std::pair<Poll, board::Member> require_poll(storage::Transaction& tx, const access::Actor& actor,
                                            PostId post_id) {
  auto [post, me] = board::require_visible_post(tx, actor, post_id);
  auto poll = post.deleted_at ? std::nullopt : tx.polls().find(post_id);
  if (!poll) throw Error(ErrorCode::not_found, kNoPoll);
  return {std::move(*poll), me};
}

// Only the author or a team administrator runs a poll (reminds, moves the deadline, fixes a slot).
bool manages(const Poll& poll, const board::Member& me, const access::Actor& actor) {
  return poll.author_id == actor.user_id || me.is_admin;
}

void require_manager(const Poll& poll, const board::Member& me, const access::Actor& actor,
                     const char* message) {
  if (!manages(poll, me, actor)) throw Error(ErrorCode::forbidden, message);
}

PollView view_of(storage::Transaction& tx, const access::Actor& actor, Poll poll,
                 const board::Member& me, UnixSeconds now) {
  PollView view;
  auto responders = tx.polls().responders(poll.post_id);
  auto answered = [&](Id user) {
    return std::find(responders.begin(), responders.end(), user) != responders.end();
  };
  for (auto& m : tx.boards().members(poll.board_id)) {
    if (m.user_id == poll.author_id) continue;
    // Only those who can see the poll are asked (a request-only contact sees their requests).
    if (m.request_only && !tx.posts().find_visible(poll.post_id, m.user_id)) continue;
    ++view.expected;
    if (!answered(m.user_id)) view.not_answered.push_back(std::move(m));
  }
  view.answered_by_me = answered(actor.user_id);
  if (!poll.anonymous) {
    for (const auto& a : poll.answers) {
      if (a.user_id == actor.user_id) view.mine = a;
    }
  }
  if (poll.mode == Mode::schedule) view.best = best_options(poll);
  view.can_manage = manages(poll, me, actor);
  view.closed = poll.closed(now);
  view.poll = std::move(poll);
  return view;
}

std::map<Id, int> checked_marks(const Poll& poll, const std::map<Id, int>& marks) {
  std::map<Id, int> out;
  for (const auto& [option_id, value] : marks) {
    const Id option = option_id;  // (clang 14 cannot capture a structured binding)
    bool known = std::any_of(poll.options.begin(), poll.options.end(),
                             [&](const Option& o) { return o.id == option; });
    if (!known) throw invalid("marks", "選択肢が見つかりません");
    if (value < Mark::no || value > Mark::yes) throw invalid("marks", "回答の値が正しくありません");
    if (poll.mode != Mode::schedule && value != Mark::yes) continue;
    out[option] = value;
  }
  if (poll.mode == Mode::schedule) {
    if (out.size() != poll.options.size()) {
      throw invalid("marks", "すべての候補に ◯・△・× を付けてください");
    }
  } else if (out.empty()) {
    throw invalid("marks", "選択肢を選んでください");
  } else if (poll.mode == Mode::single && out.size() > 1) {
    throw invalid("marks", "選べる選択肢は1つです");
  }
  return out;
}

std::string mark_text(Mode mode, std::optional<int> value) {
  if (!value) return "";
  if (mode != Mode::schedule) return "✓";
  return *value == Mark::yes ? "◯" : *value == Mark::maybe ? "△" : "×";
}

}  // namespace

template <class F>
auto PollService::write_and_publish(F&& work) {
  auto result = storage_.write(work);
  if (listener_) listener_->events_committed();
  return result;
}

board::Post PollService::create(const access::Actor& actor, BoardId board_id,
                                const std::string& question, const PollSpec& input) {
  Validator v;
  auto body = v.text("body", question, kMaxQuestion, true, true);
  v.throw_if_any();
  auto spec = checked(input, clock_.now());
  return write_and_publish([&](storage::Transaction& tx) {
    auto [team, me] = board::require_member(tx, actor, board_id);
    if (team.kind == board::BoardKind::direct) {
      throw Error(ErrorCode::invalid_input, "メッセージではアンケートを作れません");
    }
    if (team.kind == board::BoardKind::care) {
      person::require_consent(tx, actor, team.person_id, "post", clock_.now());
    }
    auto now = clock_.now();
    auto id =
        tx.posts().insert({.board_id = board_id, .author_id = actor.user_id, .body = body}, now);
    tx.polls().insert(id, spec);
    board::publish(
        tx, clock_,
        {.board_id = board_id, .kind = "post.created", .post_id = id, .actor_id = actor.user_id});
    board::record(tx, clock_, actor, "poll.create", "post", id,
                  fmt::format("{} {} options{}", mode_code(spec.mode), spec.options.size(),
                              spec.anonymous ? " anonymous" : ""));
    return *tx.posts().find_visible(id, actor.user_id);
  });
}

PollView PollService::view(const access::Actor& actor, PostId post_id) {
  std::optional<PollView> view;
  try {
    view = storage_.read([&](storage::Transaction& tx) {
      auto [poll, me] = require_poll(tx, actor, post_id);
      return view_of(tx, actor, std::move(poll), me, clock_.now());
    });
  } catch (const Error&) {
    audit::record_read(storage_, clock_, actor,
                       {.action = "poll.read",
                        .target_type = "post",
                        .target_id = std::to_string(post_id),
                        .outcome = "denied"});
    throw;
  }
  audit::record_read(
      storage_, clock_, actor,
      {.action = "poll.read", .target_type = "post", .target_id = std::to_string(post_id)});
  return std::move(*view);
}

PollView PollService::answer(const access::Actor& actor, PostId post_id,
                             const std::map<Id, int>& marks, const std::string& comment) {
  Validator v;
  auto text = v.text("comment", comment, kMaxComment, false, true);
  v.throw_if_any();
  return write_and_publish([&](storage::Transaction& tx) {
    auto [poll, me] = require_poll(tx, actor, post_id);
    auto now = clock_.now();
    if (poll.fixed_at) throw Error(ErrorCode::conflict, "日程はすでに決定しています");
    if (poll.closed(now)) {
      throw Error(ErrorCode::conflict, "締め切りを過ぎているため回答できません");
    }
    if (!text.empty() && !poll.free_text) {
      throw invalid("comment", "このアンケートには自由記述欄がありません");
    }
    auto clean = checked_marks(poll, marks);
    auto responders = tx.polls().responders(post_id);
    bool again = std::find(responders.begin(), responders.end(), actor.user_id) != responders.end();
    if (poll.anonymous && again) {
      throw Error(ErrorCode::conflict, "匿名のアンケートは回答を変更できません");
    }
    tx.polls().answer(post_id, actor.user_id, poll.anonymous, clean, text, now);
    // Every member's live connection gets this event: of an anonymous poll it names no one.
    board::publish(tx, clock_,
                   {.board_id = poll.board_id,
                    .kind = "poll.answered",
                    .post_id = post_id,
                    .actor_id = poll.anonymous ? UserId{} : actor.user_id});
    // What was answered is never in the log: only that this member answered.
    board::record(tx, clock_, actor, again ? "poll.answer_change" : "poll.answer", "post", post_id);
    return view_of(tx, actor, *tx.polls().find(post_id), me, now);
  });
}

std::int64_t PollService::remind(const access::Actor& actor, PostId post_id) {
  return write_and_publish([&](storage::Transaction& tx) {
    auto [poll, me] = require_poll(tx, actor, post_id);
    auto now = clock_.now();
    require_manager(poll, me, actor, "催促できるのは作成者とチーム管理者です");
    auto view = view_of(tx, actor, poll, me, now);
    if (view.closed) throw Error(ErrorCode::conflict, "締め切りを過ぎたアンケートです");
    if (poll.reminded_at && now - *poll.reminded_at < kReminderInterval) {
      throw Error(ErrorCode::conflict, "催促は1時間に1回までです");
    }
    board::BoardEvent event{.board_id = poll.board_id,
                            .kind = "poll.reminded",
                            .post_id = post_id,
                            .actor_id = actor.user_id};
    for (const auto& m : view.not_answered) event.audience.push_back(m.user_id);
    if (event.audience.empty()) return std::int64_t{0};
    tx.polls().set_reminded(post_id, now);
    board::publish(tx, clock_, event);
    const auto reminded = static_cast<std::int64_t>(event.audience.size());
    board::record(tx, clock_, actor, "poll.remind", "post", post_id,
                  fmt::format("{} members", reminded));
    return reminded;
  });
}

PollView PollService::set_deadline(const access::Actor& actor, PostId post_id,
                                   std::optional<UnixSeconds> deadline) {
  return write_and_publish([&](storage::Transaction& tx) {
    auto [poll, me] = require_poll(tx, actor, post_id);
    auto now = clock_.now();
    require_manager(poll, me, actor, "締め切りを変えられるのは作成者とチーム管理者です");
    if (poll.fixed_at) throw Error(ErrorCode::conflict, "日程はすでに決定しています");
    if (deadline && *deadline <= now) throw invalid("deadline", "締め切りは今より後にしてください");
    return store_deadline(tx, actor, poll, me, deadline, "poll.deadline", "poll.deadline",
                          deadline ? "until " + format_iso8601(*deadline) : "no deadline");
  });
}

PollView PollService::close(const access::Actor& actor, PostId post_id) {
  return write_and_publish([&](storage::Transaction& tx) {
    auto [poll, me] = require_poll(tx, actor, post_id);
    auto now = clock_.now();
    require_manager(poll, me, actor, "締め切れるのは作成者とチーム管理者です");
    if (poll.closed(now)) throw Error(ErrorCode::conflict, "すでに締め切っています");
    return store_deadline(tx, actor, poll, me, now, "poll.closed", "poll.close", "");
  });
}

PollView PollService::store_deadline(storage::Transaction& tx, const access::Actor& actor,
                                     const Poll& poll, const board::Member& me,
                                     std::optional<UnixSeconds> deadline, const char* event,
                                     const char* action, const std::string& detail) {
  tx.polls().set_deadline(poll.post_id, deadline);
  board::publish(tx, clock_,
                 {.board_id = poll.board_id,
                  .kind = event,
                  .post_id = poll.post_id,
                  .actor_id = actor.user_id});
  board::record(tx, clock_, actor, action, "post", poll.post_id, detail);
  return view_of(tx, actor, *tx.polls().find(poll.post_id), me, clock_.now());
}

PollView PollService::fix(const access::Actor& actor, PostId post_id, Id option_id) {
  return write_and_publish([&](storage::Transaction& tx) {
    auto [poll, me] = require_poll(tx, actor, post_id);
    auto now = clock_.now();
    require_manager(poll, me, actor, "日程を決められるのは作成者とチーム管理者です");
    if (poll.mode != Mode::schedule) throw invalid("option_id", "日程調整ではありません");
    if (poll.fixed_at) throw Error(ErrorCode::conflict, "日程はすでに決定しています");
    auto option = std::find_if(poll.options.begin(), poll.options.end(),
                               [&](const Option& o) { return o.id == option_id; });
    if (option == poll.options.end()) throw invalid("option_id", "候補が見つかりません");
    auto question = tx.posts().find_visible(post_id, actor.user_id);
    auto first_line = question->body.substr(0, question->body.find('\n'));
    auto decision =
        tx.posts().insert({.board_id = poll.board_id,
                           .author_id = actor.user_id,
                           .body = fmt::format("【日程決定】{}\n（{}）", option->label, first_line),
                           .important = true},
                          now);
    tx.polls().fix(post_id, option_id, actor.user_id, decision, now);
    board::publish(tx, clock_,
                   {.board_id = poll.board_id,
                    .kind = "post.created",
                    .post_id = decision,
                    .actor_id = actor.user_id});
    board::publish(tx, clock_,
                   {.board_id = poll.board_id,
                    .kind = "poll.fixed",
                    .post_id = post_id,
                    .actor_id = actor.user_id});
    board::record(tx, clock_, actor, "poll.fix", "post", post_id,
                  fmt::format("option {} → post {}", option_id, decision));
    return view_of(tx, actor, *tx.polls().find(post_id), me, now);
  });
}

std::string PollService::csv(const access::Actor& actor, PostId post_id) {
  auto view = storage_.read([&](storage::Transaction& tx) {
    auto [poll, me] = require_poll(tx, actor, post_id);
    return view_of(tx, actor, std::move(poll), me, clock_.now());
  });
  audit::record_read(
      storage_, clock_, actor,
      {.action = "poll.export", .target_type = "post", .target_id = std::to_string(post_id)});
  const auto& poll = view.poll;
  const bool schedule = poll.mode == Mode::schedule;
  std::string out = "\xEF\xBB\xBF";
  if (!poll.anonymous) {
    csv::Row head{"氏名", "所属"};
    for (const auto& o : poll.options) head.push_back(o.label);
    if (poll.free_text) head.push_back("コメント");
    head.push_back("回答日時");
    out += csv::line(head);
    for (const auto& a : poll.answers) {
      csv::Row row{a.name, a.facility_name};
      for (const auto& o : poll.options) {
        auto it = a.marks.find(o.id);
        row.push_back(mark_text(
            poll.mode, it == a.marks.end() ? std::nullopt : std::optional<int>(it->second)));
      }
      if (poll.free_text) row.push_back(a.comment);
      row.push_back(jst_minute(a.answered_at));
      out += csv::line(row);
    }
    out += "\r\n";
  }
  out += csv::line(schedule ? csv::Row{"候補", "◯", "△", "×"} : csv::Row{"選択肢", "回答数"});
  for (const auto& o : poll.options) {
    out += csv::line(schedule ? csv::Row{o.label, std::to_string(o.yes), std::to_string(o.maybe),
                                         std::to_string(o.no)}
                              : csv::Row{o.label, std::to_string(o.yes)});
  }
  out += csv::line({"回答者数", std::to_string(poll.responders)});
  if (poll.anonymous && !poll.comments.empty()) {
    out += "\r\n" + csv::line({"コメント（匿名）"});
    for (const auto& c : poll.comments) out += csv::line({c});
  }
  return out;
}

}  // namespace musubi::poll
