// The SQLite emergency lookup store (see ems/ems_store.hpp for what it promises).
#pragma once

#include "backends/sqlite/connection.hpp"
#include "ems/ems_store.hpp"

namespace musubi::backends::sqlite {

class SqliteEmsStore final : public ems::EmsStore {
 public:
  explicit SqliteEmsStore(Connection& c) : c_(c) {}
  ems::Matches search(RegionId region_id, const ems::SearchCriteria& criteria, std::int64_t limit,
                      std::int64_t count_cap) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
