#include "backends/sqlite/group_commit.hpp"

#include <sqlite3.h>

#include "backends/sqlite/connection.hpp"

namespace musubi::backends::sqlite {

namespace {
// Enough to amortise the fsync, few enough that the first in a group does not wait long.
constexpr std::size_t kMaxGroup = 64;
}  // namespace

void GroupCommit::run(const std::function<void()>& work) {
  Pending me{.work = &work};
  {
    std::lock_guard lock(mutex_);
    waiting_.push_back(&me);
    // Nobody leads: the queue was empty, so this write is first and leads its own group.
    if (!leading_) leading_ = me.lead = true;
  }
  // Woken either with the write done (by its group's leader) or to lead the next group.
  if (!me.lead) me.wake.acquire();
  if (me.done) {
    if (me.error) std::rethrow_exception(me.error);
    return;
  }
  std::vector<Pending*> group;
  {
    std::lock_guard lock(mutex_);
    while (!waiting_.empty() && group.size() < kMaxGroup) {
      group.push_back(waiting_.front());
      waiting_.pop_front();
    }
  }
  try {
    commit(group);  // `me` is first in the queue, so in the group
  } catch (...) {
    // Whatever failed, the group learns it and the next group is still led.
    for (auto* w : group) {
      if (!w->error) w->error = std::current_exception();
    }
  }
  Pending* next = nullptr;
  {
    std::lock_guard lock(mutex_);
    for (auto* w : group) w->done = true;
    if (waiting_.empty()) {
      leading_ = false;
    } else {
      next = waiting_.front();
      next->lead = true;
    }
  }
  // After the lock: a woken write returns and its Pending goes away at once.
  for (auto* w : group) {
    if (w != &me) w->wake.release();
  }
  if (next) next->wake.release();
  if (me.error) std::rethrow_exception(me.error);
}

void GroupCommit::commit(const std::vector<Pending*>& group) {
  std::lock_guard connection_lock(connection_mutex_);
  Connection& c = connection_;
  auto fail_all = [&](const std::exception_ptr& error) {
    for (auto* w : group) {
      if (!w->error) w->error = error;
    }
  };
  try {
    c.exec("BEGIN IMMEDIATE");
  } catch (...) {
    fail_all(std::current_exception());
  }
  if (group.size() == 1 && !group[0]->error) {
    // Alone, a write needs no savepoint: a failure rolls back the transaction, which is only its.
    // (Inside a savepoint SQLite keeps every statement's journal until the savepoint ends,
    // which made large writes — generated data — several times slower.)
    try {
      (*group[0]->work)();
    } catch (...) {
      group[0]->error = std::current_exception();
      if (!sqlite3_get_autocommit(c.handle())) c.exec("ROLLBACK");
      return;
    }
  } else {
    for (auto* w : group) {
      if (w->error) break;
      c.exec("SAVEPOINT group_write");
      try {
        (*w->work)();
        c.exec("RELEASE group_write");
      } catch (...) {
        w->error = std::current_exception();
        if (sqlite3_get_autocommit(c.handle())) {
          // SQLite gave up the whole transaction (I/O error, disk full): nothing of it stays.
          fail_all(w->error);
          break;
        }
        c.exec("ROLLBACK TO group_write");
        c.exec("RELEASE group_write");
      }
    }
  }
  if (!sqlite3_get_autocommit(c.handle())) {
    try {
      c.exec("COMMIT");
    } catch (...) {
      fail_all(std::current_exception());
      if (!sqlite3_get_autocommit(c.handle())) c.exec("ROLLBACK");
    }
  }
}

}  // namespace musubi::backends::sqlite
