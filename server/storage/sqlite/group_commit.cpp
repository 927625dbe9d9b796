#include "storage/sqlite/group_commit.hpp"

#include <sqlite3.h>

#include "storage/sqlite/connection.hpp"

namespace musubi::storage::sqlite {

namespace {
// Enough to amortise the fsync, few enough that the first in a group does not wait long.
constexpr std::size_t kMaxGroup = 64;
}  // namespace

void GroupCommit::run(const std::function<void()>& work) {
  Pending me{.work = &work};
  std::unique_lock lock(mutex_);
  waiting_.push_back(&me);
  while (!me.done) {
    if (leading_) {
      done_.wait(lock);
      continue;
    }
    leading_ = true;
    std::vector<Pending*> group;
    while (!waiting_.empty() && group.size() < kMaxGroup) {
      group.push_back(waiting_.front());
      waiting_.pop_front();
    }
    lock.unlock();
    commit(group);
    lock.lock();
    for (auto* w : group) w->done = true;  // under the lock: the waiters read it there
    leading_ = false;
    done_.notify_all();
  }
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

}  // namespace musubi::storage::sqlite
