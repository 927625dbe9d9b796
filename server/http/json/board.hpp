// The board domain as the API's JSON: boards, members, posts, files, tags, groups and the inbox's
// counts, shared by the board, group, inbox, search and notification routes (docs/api.md).
#pragma once

#include <nlohmann/json.hpp>

#include "board/board_service.hpp"
#include "board/search_store.hpp"
#include "board/types.hpp"
#include "codec/json_writer.hpp"
#include "http/json/common.hpp"

namespace musubi::http {

// A post with its replies (if loaded), request, files and my read/acknowledgement state. The
// writer is the one definition; to_json parses its text for answers still built as documents.
void write_post(codec::JsonWriter& w, const board::Post& p, UnixSeconds now);
nlohmann::json to_json(const board::Post& p, UnixSeconds now);
std::string post_text(const board::Post& p, UnixSeconds now);
// A file on a post, with its download and thumbnail addresses.
void write_attachment(codec::JsonWriter& w, const board::Attachment& a);
nlohmann::json to_json(const board::Attachment& a);
// The board a post is on, as lists across boards show it: its kind and the person (care team)
// or its name (group, conversation).
void write_board(codec::JsonWriter& w, const board::Board& t);
nlohmann::json board_json(const board::Board& t);
nlohmann::json to_json(const board::Member& m);
nlohmann::json members_json(const std::vector<board::Member>& members);
nlohmann::json to_json(const board::AcknowledgementView& v);
// A board with its members and, for a care team, the person and the record's badges; for a
// group's member, the group's mail address when mail into groups is set up (`mail_domain`).
nlohmann::json to_json(const board::BoardView& v, const std::string& mail_domain = {});
// A board in its member's list.
nlohmann::json to_json(const board::BoardSummary& t);
// A deadline as the API takes it: "YYYY-MM-DD" (the end of that day) or "YYYY-MM-DDTHH:MM",
// both in Japan time (UTC+9); nullopt for "". Throws Error(invalid_input) otherwise.
// `field` and `message` name the input in the error.
std::optional<UnixSeconds> deadline_jst(const std::string& text, const char* field = "deadline",
                                        const char* message = "期限の日時が正しくありません");

// A tag (分類) of the region's boards.
nlohmann::json tag_json(const board::Tag& t);
// A group in the list of groups: what it is, whether I am in it, unread and last post.
nlohmann::json group_summary_json(const board::GroupSummary& g);
// The inbox's counts (the badge): written field by field, or as a document.
void write_counts(codec::JsonWriter& w, const board::InboxCounts& c);
nlohmann::json to_json(const board::InboxCounts& c);

}  // namespace musubi::http
