// The SQLite search store (see board/search_store.hpp for what it promises).
#pragma once

#include "backends/sqlite/connection.hpp"
#include "board/search_store.hpp"

namespace musubi::backends::sqlite {

class SqliteSearchStore final : public board::SearchStore {
 public:
  explicit SqliteSearchStore(Connection& c) : c_(c) {}
  board::SearchIds search(const board::SearchQuery& query, std::int64_t count_cap) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
