// The emergency lookup for the fire department: search, the emergency view, each one audited
// with its reason and incident before anything is shown. Only `ems` accounts call it (checked
// here as well as at the route), and only persons who consented to disclosure to the fire
// department are shown.
#pragma once

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "core/rate_window.hpp"
#include "ems/criteria.hpp"
#include "ems/lookup_review.hpp"
#include "ems/types.hpp"
#include "region/types.hpp"

namespace musubi::storage {
class Storage;
}
namespace musubi::board {
class BoardService;
}

namespace musubi::ems {

class EmsService {
 public:
  // `searches_per_hour` per user: a crew needs a few; paging through the region does not pass.
  EmsService(storage::Storage& storage, const Clock& clock, board::BoardService& board,
             std::int64_t searches_per_hour = 60);

  SearchResult search(const access::Actor& actor, const SearchInput& input,
                      const LookupReason& reason);
  EmergencyView view(const access::Actor& actor, PersonId person_id, const LookupReason& reason);
  // 活動内容を共有する: kept in the 活動履歴 and posted to the person's care team as an important
  // post, asked as a read request of the region's city offices' contacts — one transaction.
  // The same consent rule as the view; audited with the reason.
  Transport report_transport(const access::Actor& actor, PersonId person_id,
                             const TransportInput& input, const LookupReason& reason);
  // The region's hospitals, to choose the transport's destination from.
  std::vector<region::Facility> hospitals(const access::Actor& actor);

  // For the person's care team (members who see the record): the crews' views and transports.
  TeamActivity team_activity(const access::Actor& actor, PersonId person_id);
  // 私の大切な情報カード, for the person's care team: the current card, or a new one that revokes
  // the card before it.
  std::optional<PersonCard> card(const access::Actor& actor, PersonId person_id);
  PersonCard issue_card(const access::Actor& actor, PersonId person_id);
  // A crew opens the card's QR code: the emergency view of its person, with the view's consent
  // rule and audit; a revoked or unknown card is refused (and audited).
  EmergencyView view_by_card(const access::Actor& actor, const std::string& token,
                             const LookupReason& reason);

  // For the region administrator: the crews' searches, views and reports, newest first.
  std::vector<LookupRecord> lookups(const access::Actor& actor, const LookupQuery& query);

 private:
  void require_crew(const access::Actor& actor) const;

  storage::Storage& storage_;
  const Clock& clock_;
  board::BoardService& board_;
  RateWindow searches_;
};

}  // namespace musubi::ems
