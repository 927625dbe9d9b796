// A disaster (災害対応): the city opens it and every care team with a 要援護者 in its areas is
// told; team members report each person's safety status in one tap (a report sent twice counts
// once; a report tapped offline does not override a newer one); the city sees the totals, the
// map and the lists, live. Closing it keeps everything for the record.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "disaster/inputs.hpp"
#include "disaster/types.hpp"

namespace musubi::storage {
class Storage;
}
namespace musubi::board {
class BoardService;
}
namespace musubi::notice {
class NoticeService;
}

namespace musubi::disaster {

// Told after a status or a label changed (committed): live pages fetch what changed.
class ChangeListener {
 public:
  virtual ~ChangeListener() = default;
  virtual void disaster_changed(RegionId region_id, DisasterId id, std::int64_t version) = 0;
};

struct StatusReceipt {
  Report report;
  bool replayed = false;
};

// The map's points, and the areas they name by id.
struct MapPoints {
  std::int64_t version = 0;
  bool full = true;
  std::vector<Area> areas;
  std::vector<MapPoint> items;
};

struct MapData {
  std::int64_t version = 0;
  bool full = true;
  std::vector<Entry> items;
};

class DisasterService {
 public:
  // `public_origin` (server.public_origin) makes the link in the teams' post a full address.
  DisasterService(storage::Storage& storage, const Clock& clock, board::BoardService& board,
                  notice::NoticeService* notices = nullptr, std::string public_origin = "")
      : storage_(storage),
        clock_(clock),
        board_(board),
        notices_(notices),
        public_origin_(std::move(public_origin)) {}
  void set_listener(ChangeListener* listener) { listener_ = listener; }

  std::vector<Disaster> list(const access::Actor& actor);
  Disaster find(const access::Actor& actor, DisasterId id);
  // Region administrators. Returns the disaster and how many care teams were told.
  std::pair<Disaster, std::int64_t> open(const access::Actor& actor, const OpenInput& in);
  Disaster close(const access::Actor& actor, DisasterId id);

  // The registered persons of the disaster on my care teams. Audited.
  std::vector<Entry> mine(const access::Actor& actor, DisasterId id, std::int64_t& version);
  StatusReceipt report(const access::Actor& actor, DisasterId id, const StatusInput& in);
  // A person's entry and every report, for the team and the city. Audited.
  std::pair<Entry, std::vector<Report>> person(const access::Actor& actor, DisasterId id,
                                               PersonId person_id);

  // The city's picture. Audited.
  Summary summary(const access::Actor& actor, DisasterId id);
  MapData map(const access::Actor& actor, DisasterId id, std::optional<std::int64_t> since);
  // The same as points only: a tenth of the bytes for 10,000 persons. Audited.
  MapPoints map_points(const access::Actor& actor, DisasterId id,
                       std::optional<std::int64_t> since);
  Entry set_label(const access::Actor& actor, DisasterId id, PersonId person_id,
                  const std::string& label);
  // The list to print for the city: by area, then priority; one area and one status when given.
  // Audited.
  PrintList print_list(const access::Actor& actor, DisasterId id, std::optional<AreaId> area,
                       std::optional<Status> status);

  static constexpr std::int64_t kListed = 50;
  static constexpr std::int64_t kHistory = 100;

 private:
  void changed(RegionId region_id, DisasterId id, std::int64_t version) {
    if (listener_) listener_->disaster_changed(region_id, id, version);
  }

  storage::Storage& storage_;
  const Clock& clock_;
  board::BoardService& board_;
  notice::NoticeService* notices_;
  std::string public_origin_;
  ChangeListener* listener_ = nullptr;
};

}  // namespace musubi::disaster
