// The SQLite implementations of each domain's store interface. Each holds the connection of the
// transaction it belongs to; none outlives it.
#pragma once

#include "audit/audit_store.hpp"
#include "auth/auth_store.hpp"
#include "auth/device_store.hpp"
#include "auth/invitation_store.hpp"
#include "auth/second_factor_store.hpp"
#include "backends/sqlite/connection.hpp"
#include "board/board_events.hpp"
#include "board/board_store.hpp"
#include "board/search_store.hpp"
#include "files/blob_store.hpp"
#include "mail/outbox_store.hpp"
#include "notice/notice_store.hpp"
#include "notify/notify_store.hpp"
#include "person/person_store.hpp"
#include "person/record_store.hpp"
#include "poll/poll_store.hpp"
#include "region/region_store.hpp"

namespace musubi::backends::sqlite {

class SqliteInvitationStore final : public auth::InvitationStore {
 public:
  explicit SqliteInvitationStore(Connection& c) : c_(c) {}
  auth::Id insert(const auth::Invitation& invitation, const std::string& token_hash) override;
  void set_mail(auth::Id invitation_id, auth::Id mail_id) override;
  std::optional<auth::Invitation> find_by_token(const std::string& token_hash) override;
  std::vector<auth::Invitation> of_user(auth::Id user_id) override;
  std::int64_t cancel_open(auth::Id user_id, UnixSeconds now) override;
  bool use(auth::Id invitation_id, std::optional<auth::Id> device_id, UnixSeconds now) override;

 private:
  Connection& c_;
};

class SqliteSecondFactorStore final : public auth::SecondFactorStore {
 public:
  explicit SqliteSecondFactorStore(Connection& c) : c_(c) {}
  std::optional<auth::TotpSecret> totp(auth::Id user_id) override;
  void put_totp(auth::Id user_id, const std::string& secret, UnixSeconds now) override;
  void confirm_totp(auth::Id user_id, std::int64_t step, UnixSeconds now) override;
  bool advance_step(auth::Id user_id, std::int64_t step) override;
  void remove(auth::Id user_id) override;
  void replace_recovery_codes(auth::Id user_id, const std::vector<std::string>& hashes) override;
  bool use_recovery_code(auth::Id user_id, const std::string& hash, UnixSeconds now) override;
  std::int64_t recovery_codes_left(auth::Id user_id) override;

 private:
  Connection& c_;
};

class SqliteOutboxStore final : public mail::OutboxStore {
 public:
  explicit SqliteOutboxStore(Connection& c) : c_(c) {}
  mail::Id enqueue(const mail::QueuedMail& mail, UnixSeconds now) override;
  std::vector<mail::QueuedMail> due(UnixSeconds now, std::int64_t limit) override;
  void mark_sent(mail::Id id, UnixSeconds now) override;
  void mark_failed_attempt(mail::Id id, const std::string& error, UnixSeconds now,
                           std::optional<UnixSeconds> next_attempt_at) override;
  bool mark_bounced(mail::Id id, const std::string& reason, UnixSeconds now) override;
  std::vector<mail::QueuedMail> recent(mail::Id region_id, std::int64_t limit) override;

 private:
  Connection& c_;
};

// "かな|名前|…": kana first so that ordering by it sorts by reading, and every part searchable.
std::string composite_search_key(std::initializer_list<std::string_view> parts);

class SqliteRegionStore final : public region::RegionStore {
 public:
  explicit SqliteRegionStore(Connection& c) : c_(c) {}
  region::Id insert(const region::Region& region) override;
  std::optional<region::Region> find(region::Id id) override;
  std::optional<region::Region> find_by_code(const std::string& code) override;
  std::vector<region::Region> list() override;
  void update_password_policy(region::Id id, const access::PasswordPolicy& policy) override;
  void update_max_upload_bytes(region::Id id, std::int64_t bytes) override;
  void update_certificate_required(region::Id id, bool required) override;
  void update_consent_required_for(region::Id id, const std::vector<std::string>& actions) override;
  void update_device_policy(region::Id id, std::int64_t max_devices_per_user,
                            std::int64_t device_validity_days,
                            const access::RoleSet& totp_roles) override;
  void update_session_policy(region::Id id, std::int64_t idle_seconds,
                             std::int64_t absolute_seconds) override;
  std::int64_t update_contact_access(region::Id id, region::ContactAccess access) override;
  std::vector<region::Profession> professions(region::Id region_id) override;
  region::Id insert_profession(region::Id region_id, const std::string& name,
                               bool builtin) override;
  bool profession_exists(region::Id region_id, region::Id profession_id) override;
  bool profession_name_exists(region::Id region_id, const std::string& name) override;

 private:
  Connection& c_;
};

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

class SqliteUserStore final : public region::UserStore {
 public:
  explicit SqliteUserStore(Connection& c) : c_(c) {}
  region::Id insert(region::Id region_id, const std::string& login_id, const region::UserPatch& u,
                    const std::string& password_hash, bool must_change_password,
                    UnixSeconds now) override;
  void update(region::Id id, const region::UserPatch& u, UnixSeconds now) override;
  void set_active(region::Id id, bool active, UnixSeconds now) override;
  std::optional<region::User> find(region::Id region_id, region::Id id) override;
  bool login_id_exists(const std::string& login_id) override;
  region::UserPageResult list(region::Id region_id, const region::UserQuery& q) override;
  std::int64_t count(region::Id region_id) override;

 private:
  Connection& c_;
};

class SqliteCredentialStore final : public auth::CredentialStore {
 public:
  explicit SqliteCredentialStore(Connection& c) : c_(c) {}
  std::optional<auth::Credential> find_by_login(const std::string& login_id) override;
  std::optional<auth::Credential> find_by_user(auth::Id user_id) override;
  void record_failure(auth::Id user_id, std::int64_t failed, UnixSeconds locked_until) override;
  void record_success(auth::Id user_id, UnixSeconds at, const std::string& ip) override;
  void set_password(auth::Id user_id, const std::string& hash, bool must_change,
                    UnixSeconds at) override;

 private:
  Connection& c_;
};

class SqliteSessionStore final : public auth::SessionStore {
 public:
  explicit SqliteSessionStore(Connection& c) : c_(c) {}
  auth::Id insert(const std::string& token_hash, const auth::Session& s) override;
  std::optional<auth::Session> find_open(const std::string& token_hash) override;
  void touch(auth::Id session_id, UnixSeconds at) override;
  void end(auth::Id session_id, UnixSeconds at, const std::string& reason) override;
  std::int64_t end_all_for_user(auth::Id user_id, UnixSeconds at, const std::string& reason,
                                std::optional<auth::Id> except_session) override;
  std::vector<auth::Session> open_for_user(auth::Id user_id) override;
  std::vector<auth::Session> open_among(const std::vector<auth::Id>& session_ids) override;
  std::int64_t end_all_for_device(auth::Id device_id, UnixSeconds at,
                                  const std::string& reason) override;
  std::int64_t end_all_without_device(auth::Id region_id, UnixSeconds at,
                                      const std::string& reason) override;

 private:
  Connection& c_;
};

class SqliteDeviceStore final : public auth::DeviceStore {
 public:
  explicit SqliteDeviceStore(Connection& c) : c_(c) {}
  std::optional<auth::RegionCaRecord> region_ca(auth::Id region_id) override;
  void insert_region_ca(const auth::RegionCaRecord& ca, UnixSeconds now) override;
  void replace_region_ca(const auth::RegionCaRecord& ca, UnixSeconds now) override;
  std::vector<std::string> ca_certificates() override;
  auth::Id insert(const auth::Device& device, auth::Id issued_by,
                  const std::string& download_token_hash, UnixSeconds download_expires_at,
                  const std::string& pkcs12) override;
  std::optional<auth::Device> find(auth::Id device_id) override;
  std::optional<auth::Device> find_by_serial(const std::string& serial) override;
  std::vector<auth::Device> of_user(auth::Id user_id) override;
  std::int64_t usable_in_region(auth::Id region_id, UnixSeconds now) override;
  std::optional<std::pair<auth::Device, std::string>> take_download(const std::string& token_hash,
                                                                    UnixSeconds now) override;
  bool revoke(auth::Id device_id, auth::Id by, UnixSeconds now) override;
  void touch(auth::Id device_id, UnixSeconds now, const std::string& ip) override;

 private:
  Connection& c_;
};

class SqlitePersonStore final : public person::PersonStore {
 public:
  explicit SqlitePersonStore(Connection& c) : c_(c) {}
  person::Id insert(person::Id region_id, std::optional<person::Id> facility_id,
                    const person::PersonFields& f, UnixSeconds now) override;
  bool update(person::Id id, std::int64_t expected_version, const person::PersonFields& f,
              UnixSeconds now) override;
  std::optional<person::Person> find(person::Id region_id, person::Id id) override;
  person::PersonPageResult list(person::Id region_id, const person::PersonQuery& q) override;
  std::int64_t count(person::Id region_id) override;
  std::vector<person::Person> find_exact(person::Id region_id, const std::string& name_kana,
                                         const std::string& birth_date) override;
  std::optional<person::CareTeamPlace> care_team_place(person::Id region_id, person::Id person_id,
                                                       person::Id user_id) override;

 private:
  Connection& c_;
};

class SqliteRecordStore final : public person::RecordStore {
 public:
  explicit SqliteRecordStore(Connection& c) : c_(c) {}
  std::optional<person::SummaryVersion> summary(person::Id person_id,
                                                std::optional<std::int64_t> version) override;
  std::vector<person::SummaryVersion> summary_history(person::Id person_id,
                                                      std::int64_t limit) override;
  bool add_summary_version(person::Id person_id, std::int64_t expected_version,
                           const person::Summary& summary, const std::vector<std::string>& changes,
                           person::Id by, UnixSeconds at) override;
  std::vector<person::AcpEntry> acp_entries(person::Id person_id) override;
  std::int64_t add_acp_entry(person::Id person_id, const person::AdvanceCarePlan& plan,
                             person::Id by, UnixSeconds at) override;
  std::vector<person::Consent> consents(person::Id person_id) override;
  std::optional<person::Consent> consent(person::Id consent_id) override;
  person::Id add_consent(person::Id person_id, const person::ConsentInput& input, person::Id by,
                         UnixSeconds at) override;
  bool claim_consent_document(person::Id attachment_id, person::Id board_id, person::Id uploader_id,
                              person::Id consent_id) override;
  bool withdraw_consent(person::Id consent_id, person::Id by, const std::string& reason,
                        UnixSeconds at) override;
  person::Id add_form(const person::Form& form) override;
  std::optional<person::Form> form(person::Id form_id) override;
  std::vector<person::Form> forms_of(person::Id person_id) override;
  bool update_form(person::Id form_id, std::int64_t expected_version,
                   const person::FormValues& values, person::Id by, UnixSeconds at) override;
  bool finalize_form(person::Id form_id, std::int64_t expected_version, person::Id by,
                     UnixSeconds at) override;

 private:
  Connection& c_;
};

class SqliteAuditStore final : public audit::AuditStore {
 public:
  explicit SqliteAuditStore(Connection& c) : c_(c) {}
  audit::Id append(const audit::Entry& e) override;
  std::optional<audit::Entry> last() override;
  std::optional<audit::Entry> find(audit::Id id) override;
  std::vector<audit::Entry> search(const audit::Query& q) override;
  void scan(const std::function<bool(const audit::Entry&)>& visit) override;
  std::int64_t journal_sealed_through() override;
  void set_journal_sealed_through(std::int64_t seq) override;

 private:
  Connection& c_;
};

class SqliteBoardStore final : public board::BoardStore {
 public:
  explicit SqliteBoardStore(Connection& c) : c_(c) {}
  board::Id insert(board::Id region_id, board::Id person_id, UnixSeconds now) override;
  board::Id insert_board(const board::Board& board, board::Id created_by, UnixSeconds now) override;
  void update_group(const board::Board& group) override;
  std::vector<board::GroupSummary> groups(board::Id region_id, board::Id viewer_id,
                                          bool with_hidden) override;
  std::optional<board::Id> direct_between(board::Id region_id,
                                          const std::vector<board::Id>& users) override;
  std::optional<board::Board> find(board::Id region_id, board::Id id) override;
  std::optional<board::Board> find_by_person(board::Id region_id, board::Id person_id) override;
  std::optional<board::Board> find_by_mail_key(const std::string& mail_key) override;
  std::vector<board::Board> find_many(board::Id region_id,
                                      const std::vector<board::Id>& ids) override;
  std::vector<board::Member> members(board::Id board_id) override;
  std::optional<board::Member> member(board::Id board_id, board::Id user_id) override;
  void put_member(board::Id board_id, board::Id user_id, const std::string& team_role,
                  bool is_admin, UnixSeconds now) override;
  void put_contact(board::Id board_id, board::Id user_id, const std::string& team_role,
                   board::Id via_facility_id, bool request_only, UnixSeconds now) override;
  void remove_member(board::Id board_id, board::Id user_id) override;
  void set_muted(board::Id board_id, board::Id user_id, bool muted,
                 std::optional<UnixSeconds> until) override;
  std::int64_t end_mutes(UnixSeconds now) override;
  std::int64_t admin_count(board::Id board_id) override;
  std::vector<board::BoardSummary> boards_of(board::Id user_id, board::BoardKind kind) override;
  void mark_read_through(board::Id board_id, board::Id user_id, board::Id post_id) override;
  void insert_join_request(board::Id board_id, board::Id user_id, const std::string& team_role,
                           const std::string& message, UnixSeconds now) override;
  std::optional<board::JoinRequest> open_join_request(board::Id board_id,
                                                      board::Id user_id) override;
  std::vector<board::JoinRequest> open_join_requests(board::Id board_id) override;
  void decide_join_request(board::Id board_id, board::Id user_id, bool approved, board::Id by,
                           UnixSeconds now) override;

 private:
  Connection& c_;
};

class SqlitePostStore final : public board::PostStore {
 public:
  explicit SqlitePostStore(Connection& c) : c_(c) {}
  std::vector<board::Tag> tags(board::Id region_id, bool with_retired) override;
  board::Id insert_tag(board::Id region_id, const std::string& name,
                       std::int64_t sort_order) override;
  void update_tag(board::Id region_id, const board::Tag& tag) override;
  board::Id insert(const board::NewPost& post, UnixSeconds now) override;
  std::optional<board::Post> find_visible(board::Id post_id, board::Id viewer_id) override;
  std::vector<board::Post> find_many_visible(const std::vector<board::Id>& ids,
                                             board::Id viewer_id) override;
  std::vector<board::Post> timeline(const board::TimelineQuery& query) override;
  bool update(board::Id post_id, std::int64_t expected_version, const std::string& body,
              std::optional<board::Id> tag_id, board::Id editor_id, UnixSeconds now) override;
  std::vector<board::PostVersion> versions(board::Id post_id) override;
  void soft_delete(board::Id post_id, board::Id by_user, const std::string& reason,
                   UnixSeconds now) override;
  bool acknowledge(board::Id post_id, board::Id user_id, UnixSeconds now) override;
  std::vector<board::Acknowledgement> acknowledgements(board::Id post_id) override;
  void mark_read(board::Id user_id, const std::vector<board::Id>& post_ids,
                 UnixSeconds now) override;
  void mark_thread_read(board::Id root_id, board::Id user_id, UnixSeconds now) override;
  std::int64_t mark_all_read(board::Id board_id, board::Id user_id, UnixSeconds now) override;
  void hand_on(board::Id post_id, board::Id from, board::Id to) override;
  void add_to_audience(board::Id post_id, board::Id user_id) override;

 private:
  Connection& c_;
};

class SqliteAttachmentStore final : public board::AttachmentStore {
 public:
  explicit SqliteAttachmentStore(Connection& c) : c_(c) {}
  board::Id insert(const board::Attachment& a, UnixSeconds now) override;
  std::optional<board::Attachment> find_visible(board::Id attachment_id,
                                                board::Id viewer_id) override;
  std::int64_t attach(const std::vector<board::Id>& ids, board::Id board_id, board::Id uploader_id,
                      board::Id post_id) override;
  void remove_pending(board::Id attachment_id, board::Id uploader_id) override;
  std::int64_t purge_pending(UnixSeconds before) override;
  std::vector<board::Attachment> list(const board::AttachmentQuery& query) override;

 private:
  Connection& c_;
};

class SqliteSearchStore final : public board::SearchStore {
 public:
  explicit SqliteSearchStore(Connection& c) : c_(c) {}
  board::SearchIds search(const board::SearchQuery& query, std::int64_t count_cap) override;

 private:
  Connection& c_;
};

class SqliteInboxStore final : public board::InboxStore {
 public:
  explicit SqliteInboxStore(Connection& c) : c_(c) {}
  board::InboxPage page(board::Id user_id, std::int64_t limit, std::int64_t unread_limit,
                        UnixSeconds now) override;
  board::InboxCounts counts(board::Id user_id, UnixSeconds now) override;
  void add_reminder(board::Id post_id, board::Id addressee_id, board::Id by,
                    UnixSeconds now) override;
  std::optional<UnixSeconds> last_reminder(board::Id post_id) override;
  std::int64_t prune_stale(UnixSeconds now) override;

 private:
  Connection& c_;
};

class SqliteEventStore final : public board::EventStore {
 public:
  explicit SqliteEventStore(Connection& c) : c_(c) {}
  void append(const board::BoardEvent& event) override;
  std::vector<board::BoardEvent> after(std::int64_t after, std::optional<std::int64_t> until,
                                       const std::vector<board::Id>* board_ids,
                                       std::int64_t limit) override;
  std::int64_t head() override;
  std::int64_t oldest() override;
  void prune_before(UnixSeconds at) override;
  std::vector<board::Id> board_ids_of(board::Id user_id) override;
  std::vector<board::Id> request_only_board_ids_of(board::Id user_id) override;

 private:
  Connection& c_;
};

class SqliteBlobStore final : public files::BlobStore {
 public:
  explicit SqliteBlobStore(Connection& c) : c_(c) {}
  files::Id create(UnixSeconds now) override;
  void append(files::Id blob_id, std::int64_t seq, std::string_view bytes) override;
  void complete(files::Id blob_id, std::int64_t size, const std::string& sha256) override;
  std::optional<files::BlobInfo> find(files::Id blob_id) override;
  std::optional<std::string> chunk(files::Id blob_id, std::int64_t seq) override;
  void remove(files::Id blob_id) override;
  std::int64_t remove_incomplete(UnixSeconds created_before) override;
  std::int64_t remove_unreferenced(UnixSeconds created_before) override;

 private:
  Connection& c_;
};

// Files of these posts, one query for the whole page.
void load_attachments(Connection& c, const std::vector<board::Post*>& posts);

class SqliteNotifyStore final : public notify::NotifyStore {
 public:
  explicit SqliteNotifyStore(Connection& c) : c_(c) {}
  std::int64_t event_cursor() override;
  void set_event_cursor(std::int64_t seq) override;
  std::int64_t add_for_post(notify::Id post_id, UnixSeconds now) override;
  void add_reminder(notify::Id post_id, const std::vector<notify::Id>& users,
                    UnixSeconds now) override;
  notify::Id add_for_notices(notify::Id after_id, UnixSeconds now) override;
  std::int64_t add_notice_reminder(notify::Id notice_id, UnixSeconds now) override;
  std::int64_t add_deadline_reminders(UnixSeconds now) override;
  notify::Id notice_cursor() override;
  void set_notice_cursor(notify::Id notice_id) override;
  std::vector<notify::Notification> list(notify::Id user_id, std::optional<notify::Id> before_id,
                                         std::int64_t limit) override;
  std::int64_t unread_count(notify::Id user_id) override;
  void mark_read(notify::Id user_id, std::optional<notify::Id> notification_id,
                 UnixSeconds now) override;
  notify::Settings settings(notify::Id user_id) override;
  void put_settings(notify::Id user_id, const notify::Settings& settings) override;
  std::vector<notify::MailDue> due_immediate(UnixSeconds since) override;
  std::vector<notify::MailDue> due_digests(UnixSeconds now, bool force) override;
  void mark_mailed(const std::vector<notify::Id>& notification_ids, UnixSeconds now) override;
  void digest_sent(const std::vector<notify::Id>& user_ids, UnixSeconds now) override;

 private:
  Connection& c_;
};

class SqlitePollStore final : public poll::PollStore {
 public:
  explicit SqlitePollStore(Connection& c) : c_(c) {}
  void insert(poll::Id post_id, const poll::PollSpec& spec) override;
  std::optional<poll::Poll> find(poll::Id post_id) override;
  std::vector<poll::Id> responders(poll::Id post_id) override;
  void answer(poll::Id post_id, poll::Id user_id, bool anonymous,
              const std::map<poll::Id, int>& marks, const std::string& comment,
              UnixSeconds now) override;
  void fix(poll::Id post_id, poll::Id option_id, poll::Id by, poll::Id decision_post_id,
           UnixSeconds now) override;
  void set_reminded(poll::Id post_id, UnixSeconds now) override;
  void set_deadline(poll::Id post_id, std::optional<UnixSeconds> deadline) override;
  std::vector<poll::Waiting> awaiting(poll::Id user_id, UnixSeconds now,
                                      std::int64_t limit) override;
  std::int64_t awaiting_count(poll::Id user_id, UnixSeconds now) override;

 private:
  Connection& c_;
};

class SqliteNoticeStore final : public notice::NoticeStore {
 public:
  explicit SqliteNoticeStore(Connection& c) : c_(c) {}
  std::int64_t count_audience(notice::Id region_id, const notice::Audience& audience) override;
  notice::Id publish(const notice::Notice& notice, UnixSeconds now) override;
  std::optional<notice::Notice> find_for(notice::Id notice_id, notice::Id user_id) override;
  std::optional<notice::Notice> find_in_region(notice::Id notice_id, notice::Id region_id) override;
  std::vector<notice::Notice> received(notice::Id user_id, std::optional<notice::Id> before_id,
                                       std::int64_t limit) override;
  std::vector<notice::Notice> published(std::optional<notice::Id> publisher_id,
                                        notice::Id region_id, std::optional<notice::Id> before_id,
                                        std::int64_t limit) override;
  std::vector<notice::Recipient> recipients(notice::Id notice_id, notice::RecipientFilter filter,
                                            std::optional<notice::Id> after_user_id,
                                            std::int64_t limit) override;
  void mark_read(notice::Id notice_id, notice::Id user_id, UnixSeconds now) override;
  void acknowledge(notice::Id notice_id, notice::Id user_id, UnixSeconds now) override;
  notice::NoticeCounts counts(notice::Id user_id) override;
  std::vector<notice::Id> recipient_ids(notice::Id notice_id) override;
  void set_reminded(notice::Id notice_id, UnixSeconds now) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
