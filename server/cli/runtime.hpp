// Everything a subcommand needs, built from the configuration: the data directory, storage and
// the domain services wired to it.
#pragma once

#include <memory>
#include <string>

#include "audit/anchor.hpp"
#include "auth/account_effects.hpp"
#include "auth/auth_service.hpp"
#include "auth/device_service.hpp"
#include "auth/invitation_service.hpp"
#include "auth/second_factor_service.hpp"
#include "backends/sqlite/sqlite_storage.hpp"
#include "board/attachment_service.hpp"
#include "board/board_service.hpp"
#include "board/group_service.hpp"
#include "board/inbox_service.hpp"
#include "board/mail_in_service.hpp"
#include "board/search_service.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "disaster/disaster_service.hpp"
#include "disaster/overlay_service.hpp"
#include "disaster/register_service.hpp"
#include "ems/emergency_call_service.hpp"
#include "ems/ems_service.hpp"
#include "http/app.hpp"
#include "mail/mailer.hpp"
#include "notice/notice_service.hpp"
#include "notify/notice_reminders.hpp"
#include "notify/notification_service.hpp"
#include "notify/notifier.hpp"
#include "person/person_service.hpp"
#include "person/record_service.hpp"
#include "poll/inbox_polls.hpp"
#include "poll/poll_service.hpp"
#include "region/region_service.hpp"

namespace musubi::cli {

// The disaster map's tile layers, first view and the tile servers the pages may load images
// from (none when the tiles are served from disaster.tile_directory).
void set_map(http::Services& s, const Config::Disaster& d);

struct Runtime {
  explicit Runtime(const Config& config);

  Config config;
  OffsetClock clock;  // the system's, unless the test clock is set
  std::unique_ptr<backends::sqlite::SqliteStorage> storage;
  board::EventRelay events;  // connected to the live hub while serving
  auth::AuthService auth;
  auth::AccountEffects account_effects;  // what region administration does to sign-in
  region::RegionService regions;
  person::PersonService persons;
  person::RecordService records;
  board::BoardService board;
  board::AttachmentService attachments;
  board::SearchService search;
  poll::InboxPolls inbox_polls;  // the polls of the inbox (the board knows nothing of polls)
  board::InboxService inbox;
  auth::DeviceService devices;
  mail::Mailer mailer;  // started by `serve`; other commands leave mail queued
  auth::InvitationService invitations;
  auth::SecondFactorService second_factor;
  notice::NoticeRelay notice_events;         // connected to the live hub while serving
  notify::NoticeReminders notice_reminders;  // a notice's reminder as notifications
  notice::NoticeService notices;
  board::GroupService groups;
  poll::PollService polls;
  notify::NotificationService notifications;
  notify::Notifier notifier;  // started by `serve`; `musubi notify` runs its passes once
  board::MailInService mail_in;
  ems::EmsService ems;
  ems::EmergencyCallService emergency_calls;
  disaster::RegisterService disaster_register;
  disaster::DisasterService disasters;  // told to the live hub while serving
  disaster::OverlayService overlays;

  http::Services services() {
    http::Services s{*storage,       clock,
                     auth,           regions,
                     persons,        records,
                     board,          attachments,
                     search,         inbox,
                     &devices,       &invitations,
                     &second_factor, config.server.public_origin};
    s.notices = &notices;
    s.groups = &groups;
    s.polls = &polls;
    s.notifications = &notifications;
    s.mail_in = &mail_in;
    s.ems = &ems;
    s.emergency_calls = &emergency_calls;
    s.disaster_register = &disaster_register;
    s.disasters = &disasters;
    s.overlays = &overlays;
    set_map(s, config.disaster);
    if (!config.mail.inbound_token.empty() && !config.mail.inbound_domain.empty()) {
      s.mail_domain = config.mail.inbound_domain;
      s.mail_in_token = config.mail.inbound_token;
    }
    s.mail_in_max_bytes = config.mail.inbound_max_bytes;
    s.data_dir = config.data.dir;
    s.min_free_bytes = config.data.min_free_bytes;
    return s;
  }
};

// Creates the data directory (owner-only permissions) if it is missing.
void ensure_data_dir(const Config& config);

// Holds an exclusive lock on the data directory while the server runs, so that `restore` can
// refuse to replace a database in use. Returns false if another process holds it.
class DataDirLock {
 public:
  explicit DataDirLock(const std::string& data_dir);
  ~DataDirLock();
  bool acquired() const { return fd_ >= 0; }
  bool held_by_another() const { return held_by_another_; }
  // Why it was not acquired, in Japanese (another process, a read-only disk, permissions …).
  const std::string& problem() const { return problem_; }

 private:
  int fd_ = -1;
  bool held_by_another_ = false;
  std::string problem_;
};

// Writes a secret (a key, a PKCS#12, a passphrase) readable by the owner only, whole or not at
// all: to a temporary file made 0600 before anything is written, then renamed into place.
void write_private_file(const std::string& path, const std::string& bytes);

// (region id, user id) of a login ID; throws not_found with a Japanese message.
std::pair<std::int64_t, std::int64_t> find_login(Runtime& rt, const std::string& login);

// The region named by its code; with no code, the only region (several: an error asking for one).
region::Region find_region(Runtime& rt, const std::string& code);

// A whole file (a certificate); throws not_found with a Japanese message.
std::string read_text_file(const std::string& path);

// The actor for administrative commands run on the server's shell (audited as "(cli)").
access::Actor command_line_actor(std::int64_t region_id);

// Where the audit chain's head is anchored (audit.anchor_* in the configuration).
audit::Anchor::Options anchor_options(const Config& config);

// Accepts the audit log as it is now (the data directory must be locked): an entry in the chain
// and a signed reset checkpoint; prints what it accepted.
void accept_audit_head(const Config& config, const std::string& reason);

// The built front end: server.web_root, else web/dist found beside the binary.
std::string resolve_web_root(const Config& config);

}  // namespace musubi::cli
