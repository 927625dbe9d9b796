// The transport report (活動内容を共有する): what a crew may report, checked, and the post the care
// team reads on its board.
#pragma once

#include <string>
#include <string_view>

#include "core/validation.hpp"
#include "ems/types.hpp"

namespace musubi::ems {

// Problems go to `v` by field: an outcome that is not one of transport_outcomes(), a time in the
// future or more than a week ago, a hospital neither chosen nor typed for a transport, a note
// too long. Returns the input with its texts trimmed.
TransportInput checked_transport(const TransportInput& in, UnixSeconds now, Validator& v);

// The care team's post: 【救急隊からの報告】, the time, the outcome, the hospital, the incident and
// the crew's note.
std::string transport_post_body(const Transport& t);

}  // namespace musubi::ems
