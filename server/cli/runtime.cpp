#include "cli/runtime.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "auth/auth_store.hpp"
#include "core/error.hpp"
#include "storage/storage.hpp"

namespace musubi::cli {

namespace fs = std::filesystem;

namespace {

// The cause of a failed open, as an operator needs it.
std::string describe_open_failure(int error) {
  switch (error) {
    case EROFS:
      return "読み取り専用のファイルシステムです";
    case EACCES:
    case EPERM:
      return fmt::format("書き込む権限がありません（musubi を動かしているユーザー: uid {}）",
                         ::geteuid());
    case ENOENT:
    case ENOTDIR:
      return "ディレクトリがありません";
    case ENOSPC:
      return "ディスクに空きがありません";
    default:
      return std::strerror(error);
  }
}

}  // namespace

void ensure_data_dir(const Config& config) {
  std::error_code ec;
  fs::create_directories(config.data.dir, ec);
  if (ec) {
    throw Error(ErrorCode::invalid_input,
                "データディレクトリ " + config.data.dir +
                    " を作れません: " + describe_open_failure(ec.value()));
  }
  fs::permissions(config.data.dir, fs::perms::owner_all, fs::perm_options::replace, ec);
}

Runtime::Runtime(const Config& c)
    : config(c),
      clock(c.test.clock_offset_seconds),
      storage([&] {
        ensure_data_dir(c);
        // Every thread that may read at once: the I/O threads (session of an upload or live
        // head), every handler, and two for the command line and checks.
        const auto threads = thread_counts(c, std::thread::hardware_concurrency());
        int readers = static_cast<int>(threads.io + threads.handlers()) + 2;
        return std::make_unique<backends::sqlite::SqliteStorage>(backends::sqlite::Options{
            c.database_path(), readers, c.data.synchronous, c.read_journal_path()});
      }()),
      auth(*storage, clock, c.session, c.login),
      regions(*storage, clock, account_effects),
      persons(*storage, clock),
      records(*storage, clock),
      board(*storage, clock, &events),
      attachments(*storage, clock),
      search(*storage, clock),
      inbox(*storage, clock, &events, &inbox_polls),
      devices(*storage, clock, c.pki),
      mailer(*storage, clock, c.mail),
      invitations(*storage, clock, devices, c.mail, c.server.public_origin,
                  [this] { mailer.wake(); }),
      second_factor(*storage, clock),
      notices(*storage, clock, &notice_events, &notice_reminders),
      groups(*storage, clock, &events),
      polls(*storage, clock, &events),
      notifications(*storage, clock),
      notifier(*storage, clock, c.server.public_origin, [this] { mailer.wake(); }),
      mail_in(*storage, clock, board, attachments, c.mail.inbound_token),
      ems(*storage, clock, board, c.ems.searches_per_hour),
      emergency_calls(*storage, clock, board),
      disaster_register(*storage, clock),
      disasters(*storage, clock, board, &notices, c.server.public_origin),
      overlays(*storage, clock, board) {}

namespace {

// "https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png" → "https://cyberjapandata.gsi.go.jp"
std::string origin_of_url(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  return url.substr(0, url.find('/', scheme + 3));
}

}  // namespace

void set_map(http::Services& s, const Config::Disaster& d) {
  const bool local = !d.tile_directory.empty();
  // 地理院タイル: the attribution the GSI asks for, linked to its terms.
  const std::string gsi =
      "<a href=\"https://maps.gsi.go.jp/development/ichiran.html\">地理院タイル</a>";
  nlohmann::json layers = nlohmann::json::array();
  const std::pair<std::string, std::string> sources[] = {
      {"std", local ? "/tiles/std/{z}/{x}/{y}.png" : d.tile_url},
      {"aerial", local ? "/tiles/aerial/{z}/{x}/{y}.jpg" : d.aerial_tile_url}};
  std::string image_sources;
  for (const auto& [code, url] : sources) {
    if (url.empty()) continue;
    layers.push_back({{"code", code},
                      {"name", code == "std" ? "標準地図" : "航空写真"},
                      {"url", url},
                      {"attribution", gsi},
                      {"max_zoom", 18}});
    if (!local) {
      const auto origin = origin_of_url(url);
      if (!origin.empty() && image_sources.find(origin) == std::string::npos) {
        image_sources += (image_sources.empty() ? "" : " ") + origin;
      }
    }
  }
  const auto center = parse_map_center(d.map_center).value_or(std::pair{36.0835, 140.0764});
  s.map_config = nlohmann::json{
      {"layers", layers},
      {"center", {center.first, center.second}},
      {"zoom",
       d.map_zoom}}.dump();
  s.map_image_sources = image_sources;
  s.tile_directory = d.tile_directory;
}

DataDirLock::DataDirLock(const std::string& data_dir) {
  fd_ = ::open((data_dir + "/musubi.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    problem_ = fmt::format("データディレクトリ ({}) を使えません: {}", data_dir,
                           describe_open_failure(errno));
    return;
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    problem_ =
        error == EWOULDBLOCK
            ? fmt::format("別の musubi がこのデータディレクトリ ({}) を使っています", data_dir)
            : fmt::format("データディレクトリ ({}) をロックできません: {}", data_dir,
                          std::strerror(error));
    held_by_another_ = error == EWOULDBLOCK;
  }
}

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) ::close(fd_);
}

void write_private_file(const std::string& path, const std::string& bytes) {
  const auto temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(ErrorCode::invalid_input, "書き込めません: " + path);
    ::chmod(temp.c_str(), 0600);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw Error(ErrorCode::invalid_input, "書き込めません: " + path);
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    throw Error(ErrorCode::invalid_input, "書き込めません: " + path);
  }
}

std::pair<std::int64_t, std::int64_t> find_login(Runtime& rt, const std::string& login) {
  auto credential = rt.storage->read(
      [&](storage::Transaction& tx) { return tx.credentials().find_by_login(login); });
  if (!credential) throw Error(ErrorCode::not_found, "ログインID " + login + " の利用者はいません");
  return {credential->region_id, credential->user_id};
}

region::Region find_region(Runtime& rt, const std::string& code) {
  auto regions = rt.storage->read([&](storage::Transaction& tx) { return tx.regions().list(); });
  if (regions.empty()) {
    throw Error(ErrorCode::not_found, "地域がありません。先に musubi init を実行してください");
  }
  if (code.empty()) {
    if (regions.size() > 1) {
      throw Error(ErrorCode::invalid_input,
                  "地域が複数あります。--region で地域コードを指定してください");
    }
    return regions.front();
  }
  for (const auto& r : regions) {
    if (r.code == code) return r;
  }
  throw Error(ErrorCode::not_found, "地域コード " + code + " はありません");
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::not_found, "ファイル " + path + " を開けません");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

access::Actor command_line_actor(std::int64_t region_id) {
  access::Actor a;
  a.user_id = UserId{0};
  a.region_id = RegionId{region_id};
  a.login_id = "(cli)";
  a.name = "コマンドライン";
  a.roles = access::RoleSet{access::Role::region_admin};
  a.ip = "local";
  a.request_id = "cli";
  return a;
}

audit::Anchor::Options anchor_options(const Config& config) {
  return {.file = config.anchor_file_path(),
          .key_file = config.anchor_key_path(),
          .syslog = config.audit.anchor_syslog == "on"};
}

std::string resolve_web_root(const Config& config) {
  if (!config.server.web_root.empty()) return config.server.web_root;
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  std::vector<fs::path> candidates;
  if (!ec) {
    candidates.push_back(exe.parent_path() / "../web/dist");
    candidates.push_back(exe.parent_path() / "../share/musubi/web");
  }
  candidates.push_back(fs::current_path(ec) / "web/dist");
  for (const auto& c : candidates) {
    if (fs::exists(c / "index.html", ec)) return fs::weakly_canonical(c, ec).string();
  }
  return {};
}

}  // namespace musubi::cli
