// Board values as the JSON the API returns, shared by the board, inbox and search routes
// (documented in docs/api.md).
#pragma once

#include <nlohmann/json.hpp>

#include "board/board_service.hpp"
#include "board/types.hpp"
#include "codec/json_writer.hpp"

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
std::optional<UnixSeconds> deadline_jst(const std::string& text);

}  // namespace musubi::http
