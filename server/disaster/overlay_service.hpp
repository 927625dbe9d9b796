// Outside overlays through a gateway (停電情報連携): a power company's outage meshes or a flood
// map, sent as GeoJSON with the gateway's token, kept by version and shown over the city's map.
// The registered persons inside an outage with a device that needs electricity (人工呼吸器,
// 在宅酸素) are marked first on the map, and their care teams are told once, when they first
// fall inside.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "disaster/overlay.hpp"

namespace musubi::storage {
class Storage;
}
namespace musubi::board {
class BoardService;
}

namespace musubi::disaster {

struct OverlayReceipt {
  Overlay overlay;
  bool replayed = false;
  std::int64_t teams_told = 0;
};

class OverlayService {
 public:
  OverlayService(storage::Storage& storage, const Clock& clock, board::BoardService& board)
      : storage_(storage), clock_(clock), board_(board) {}

  // `musubi gateway add-overlay`: the gateway and its token (shown once; only its hash is kept).
  std::pair<OverlayGateway, std::string> enrol(RegionId region_id, const std::string& name);
  // The same event id again: its first answer, nothing stored; with other content: 409. Every
  // refusal is audited (`gateway.overlay`).
  OverlayReceipt receive(std::string_view token, const OverlayInput& input,
                         const access::Origin& origin);
  // Problems found while reading the GeoJSON, refused and audited like the rest.
  [[noreturn]] void refuse_input(std::string_view token, const std::vector<FieldError>& problems,
                                 const access::Origin& origin);
  // The newest version of each overlay, for the city. Audited.
  std::vector<Overlay> list(const access::Actor& actor);

 private:
  std::optional<OverlayGateway> gateway_of(std::string_view token, const access::Origin& origin);

  storage::Storage& storage_;
  const Clock& clock_;
  board::BoardService& board_;
};

}  // namespace musubi::disaster
