// The SQLite facility store (see region/region_store.hpp for what it promises).
#pragma once

#include "backends/sqlite/connection.hpp"
#include "region/region_store.hpp"

namespace musubi::backends::sqlite {

class SqliteFacilityStore final : public region::FacilityStore {
 public:
  explicit SqliteFacilityStore(Connection& c) : c_(c) {}
  region::Id insert(region::Id region_id, const region::FacilityPatch& f, UnixSeconds now) override;
  void update(region::Id id, const region::FacilityPatch& f, UnixSeconds now) override;
  std::optional<region::Facility> find(region::Id region_id, region::Id id) override;
  std::vector<region::Facility> list(region::Id region_id, const region::FacilityQuery& q) override;
  bool name_exists(region::Id region_id, const std::string& name,
                   std::optional<region::Id> except) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
