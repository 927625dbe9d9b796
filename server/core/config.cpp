#include "core/config.hpp"

#include <toml++/toml.h>

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <thread>

#include "core/error.hpp"

extern char** environ;

namespace musubi {

namespace {

// One row per key: where it lives in the file and in the struct.
struct KeySpec {
  const char* section;
  const char* key;
  std::function<std::string*(Config&)> text;
  std::function<std::int64_t*(Config&)> number;
};

const std::vector<KeySpec>& key_specs() {
  auto s = [](const char* sec, const char* key, auto member_fn) {
    return KeySpec{sec, key, member_fn, nullptr};
  };
  auto n = [](const char* sec, const char* key, auto member_fn) {
    return KeySpec{sec, key, nullptr, member_fn};
  };
  static const std::vector<KeySpec> specs = {
      s("server", "listen", [](Config& c) { return &c.server.listen; }),
      s("server", "tls_listen", [](Config& c) { return &c.server.tls_listen; }),
      s("server", "tls_certificate", [](Config& c) { return &c.server.tls_certificate; }),
      s("server", "tls_private_key", [](Config& c) { return &c.server.tls_private_key; }),
      s("server", "web_root", [](Config& c) { return &c.server.web_root; }),
      s("server", "public_origin", [](Config& c) { return &c.server.public_origin; }),
      n("server", "threads", [](Config& c) { return &c.server.threads; }),
      n("server", "max_body_bytes", [](Config& c) { return &c.server.max_body_bytes; }),
      n("server", "max_header_bytes", [](Config& c) { return &c.server.max_header_bytes; }),
      n("server", "header_timeout_seconds",
        [](Config& c) { return &c.server.header_timeout_seconds; }),
      n("server", "body_timeout_seconds", [](Config& c) { return &c.server.body_timeout_seconds; }),
      n("server", "idle_timeout_seconds", [](Config& c) { return &c.server.idle_timeout_seconds; }),
      n("server", "shutdown_grace_seconds",
        [](Config& c) { return &c.server.shutdown_grace_seconds; }),
      s("server", "access_log", [](Config& c) { return &c.server.access_log; }),
      s("server", "tls_client_certificates",
        [](Config& c) { return &c.server.tls_client_certificates; }),
      s("pki", "ca_key_passphrase", [](Config& c) { return &c.pki.ca_key_passphrase; }),
      n("pki", "device_validity_days", [](Config& c) { return &c.pki.device_validity_days; }),
      s("mail", "smtp_url", [](Config& c) { return &c.mail.smtp_url; }),
      s("mail", "from", [](Config& c) { return &c.mail.from; }),
      s("mail", "username", [](Config& c) { return &c.mail.username; }),
      s("mail", "password", [](Config& c) { return &c.mail.password; }),
      s("mail", "starttls", [](Config& c) { return &c.mail.starttls; }),
      s("mail", "ca_file", [](Config& c) { return &c.mail.ca_file; }),
      n("mail", "timeout_seconds", [](Config& c) { return &c.mail.timeout_seconds; }),
      s("mail", "inbound_domain", [](Config& c) { return &c.mail.inbound_domain; }),
      s("mail", "inbound_token", [](Config& c) { return &c.mail.inbound_token; }),
      n("mail", "inbound_max_bytes", [](Config& c) { return &c.mail.inbound_max_bytes; }),
      s("data", "dir", [](Config& c) { return &c.data.dir; }),
      s("data", "synchronous", [](Config& c) { return &c.data.synchronous; }),
      n("data", "min_free_bytes", [](Config& c) { return &c.data.min_free_bytes; }),
      n("session", "idle_timeout_seconds",
        [](Config& c) { return &c.session.idle_timeout_seconds; }),
      n("session", "absolute_timeout_seconds",
        [](Config& c) { return &c.session.absolute_timeout_seconds; }),
      n("login", "failures_before_delay", [](Config& c) { return &c.login.failures_before_delay; }),
      n("login", "failures_before_lock", [](Config& c) { return &c.login.failures_before_lock; }),
      n("login", "lock_seconds", [](Config& c) { return &c.login.lock_seconds; }),
      n("login", "client_failures", [](Config& c) { return &c.login.client_failures; }),
      n("login", "client_window_seconds", [](Config& c) { return &c.login.client_window_seconds; }),
      n("ems", "searches_per_hour", [](Config& c) { return &c.ems.searches_per_hour; }),
      s("disaster", "tile_url", [](Config& c) { return &c.disaster.tile_url; }),
      s("disaster", "aerial_tile_url", [](Config& c) { return &c.disaster.aerial_tile_url; }),
      s("disaster", "tile_directory", [](Config& c) { return &c.disaster.tile_directory; }),
      s("disaster", "map_center", [](Config& c) { return &c.disaster.map_center; }),
      n("disaster", "map_zoom", [](Config& c) { return &c.disaster.map_zoom; }),
      n("workers", "general_threads", [](Config& c) { return &c.workers.general_threads; }),
      n("workers", "general_queue", [](Config& c) { return &c.workers.general_queue; }),
      n("workers", "login_threads", [](Config& c) { return &c.workers.login_threads; }),
      n("workers", "login_queue", [](Config& c) { return &c.workers.login_queue; }),
      n("workers", "heavy_threads", [](Config& c) { return &c.workers.heavy_threads; }),
      n("workers", "heavy_queue", [](Config& c) { return &c.workers.heavy_queue; }),
      n("workers", "upload_threads", [](Config& c) { return &c.workers.upload_threads; }),
      n("workers", "upload_queue", [](Config& c) { return &c.workers.upload_queue; }),
      n("live", "max_queued_bytes", [](Config& c) { return &c.live.max_queued_bytes; }),
      n("live", "idle_timeout_seconds", [](Config& c) { return &c.live.idle_timeout_seconds; }),
      s("log", "level", [](Config& c) { return &c.log.level; }),
      s("audit", "anchor_file", [](Config& c) { return &c.audit.anchor_file; }),
      s("audit", "anchor_key_file", [](Config& c) { return &c.audit.anchor_key_file; }),
      s("audit", "anchor_syslog", [](Config& c) { return &c.audit.anchor_syslog; }),
      n("audit", "anchor_interval_seconds",
        [](Config& c) { return &c.audit.anchor_interval_seconds; }),
      s("audit", "on_anchor_mismatch", [](Config& c) { return &c.audit.on_anchor_mismatch; }),
      n("test", "clock_offset_seconds", [](Config& c) { return &c.test.clock_offset_seconds; }),
  };
  return specs;
}

std::string env_name(const KeySpec& spec) {
  std::string name = fmt::format("MUSUBI_{}_{}", spec.section, spec.key);
  for (auto& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return name;
}

void set_from_text(Config& config, const KeySpec& spec, const std::string& value,
                   const std::string& origin) {
  if (spec.text) {
    *spec.text(config) = value;
    return;
  }
  try {
    std::size_t used = 0;
    auto number = std::stoll(value, &used);
    if (used != value.size()) throw std::invalid_argument("trailing");
    *spec.number(config) = number;
  } catch (const std::exception&) {
    throw Error(
        ErrorCode::invalid_input,
        fmt::format("設定 {} の値「{}」は整数ではありません（{}）", env_name(spec), value, origin));
  }
}

// The host of "host:port" or "host" names this machine: localhost, [::1] or 127.x.x.x.
bool loopback_host(std::string_view host_port) {
  auto host = host_port;
  if (auto colon = host.rfind(':'); colon != std::string_view::npos && !host.ends_with("]")) {
    host = host.substr(0, colon);
  }
  if (host == "localhost" || host == "[::1]") return true;
  return host.starts_with("127.") &&
         host.find_first_not_of("0123456789.") == std::string_view::npos;
}

// A listener ("127.0.0.1:8080"; empty, or the demo's "off", is none) or an origin
// ("https://localhost:8443"; empty is none) on this machine only.
bool on_loopback(std::string_view address) {
  if (auto scheme = address.find("://"); scheme != std::string_view::npos) {
    address = address.substr(scheme + 3);
    address = address.substr(0, address.find('/'));
  }
  return address.empty() || address == "off" || loopback_host(address);
}

// The disaster map's tiles and first view.
void validate_disaster(const Config::Disaster& d) {
  for (auto [url, name] : {std::pair{&d.tile_url, "disaster.tile_url"},
                           {&d.aerial_tile_url, "disaster.aerial_tile_url"}}) {
    const bool web = url->starts_with("https://") || url->starts_with("http://");
    if (!url->empty() &&
        (!web || url->find("{z}") == std::string::npos || url->find("{x}") == std::string::npos ||
         url->find("{y}") == std::string::npos)) {
      throw Error(
          ErrorCode::invalid_input,
          fmt::format("設定 {} は {{z}}・{{x}}・{{y}} を含む https:// の URL にしてください",
                      name));
    }
  }
  if (!parse_map_center(d.map_center)) {
    throw Error(ErrorCode::invalid_input,
                "設定 disaster.map_center は「緯度,経度」（例: 36.0835,140.0764）にしてください");
  }
  if (d.map_zoom < 1 || d.map_zoom > 18) {
    throw Error(ErrorCode::invalid_input, "設定 disaster.map_zoom は 1 から 18 にしてください");
  }
}

void validate(const Config& c) {
  validate_disaster(c.disaster);
  auto positive = [](std::int64_t v, const char* name) {
    if (v <= 0) {
      throw Error(ErrorCode::invalid_input, fmt::format("設定 {} は正の整数にしてください", name));
    }
  };
  positive(c.server.max_body_bytes, "server.max_body_bytes");
  positive(c.server.max_header_bytes, "server.max_header_bytes");
  positive(c.server.header_timeout_seconds, "server.header_timeout_seconds");
  positive(c.server.body_timeout_seconds, "server.body_timeout_seconds");
  positive(c.server.idle_timeout_seconds, "server.idle_timeout_seconds");
  positive(c.session.idle_timeout_seconds, "session.idle_timeout_seconds");
  positive(c.session.absolute_timeout_seconds, "session.absolute_timeout_seconds");
  positive(c.login.failures_before_lock, "login.failures_before_lock");
  positive(c.login.client_failures, "login.client_failures");
  positive(c.login.client_window_seconds, "login.client_window_seconds");
  positive(c.ems.searches_per_hour, "ems.searches_per_hour");
  positive(c.live.max_queued_bytes, "live.max_queued_bytes");
  positive(c.live.idle_timeout_seconds, "live.idle_timeout_seconds");
  positive(c.pki.device_validity_days, "pki.device_validity_days");
  if (c.server.tls_client_certificates != "required" && c.server.tls_client_certificates != "off") {
    throw Error(ErrorCode::invalid_input,
                "設定 server.tls_client_certificates は required か off にしてください");
  }
  positive(c.mail.timeout_seconds, "mail.timeout_seconds");
  if (c.mail.starttls != "try" && c.mail.starttls != "required" && c.mail.starttls != "off") {
    throw Error(ErrorCode::invalid_input,
                "設定 mail.starttls は try、required、off のいずれかにしてください");
  }
  if (!c.mail.smtp_url.empty() && c.mail.from.empty()) {
    throw Error(ErrorCode::invalid_input,
                "mail.smtp_url を設定するときは mail.from も設定してください");
  }
  for (auto [value, name] : {std::pair{c.workers.general_threads, "workers.general_threads"},
                             {c.workers.general_queue, "workers.general_queue"},
                             {c.workers.login_threads, "workers.login_threads"},
                             {c.workers.login_queue, "workers.login_queue"},
                             {c.workers.heavy_threads, "workers.heavy_threads"},
                             {c.workers.heavy_queue, "workers.heavy_queue"},
                             {c.workers.upload_threads, "workers.upload_threads"},
                             {c.workers.upload_queue, "workers.upload_queue"}}) {
    if (value < 0 || value > 4096) {
      throw Error(ErrorCode::invalid_input,
                  fmt::format("設定 {} は 0 から 4096 までの整数にしてください", name));
    }
  }
  if (c.server.threads < 0) {
    throw Error(ErrorCode::invalid_input, "設定 server.threads は 0 以上にしてください");
  }
  if (c.data.synchronous != "full" && c.data.synchronous != "normal") {
    throw Error(ErrorCode::invalid_input, "設定 data.synchronous は full か normal にしてください");
  }
  if (c.data.min_free_bytes < 0) {
    throw Error(ErrorCode::invalid_input, "設定 data.min_free_bytes は 0 以上にしてください");
  }
  if (c.audit.anchor_syslog != "on" && c.audit.anchor_syslog != "off") {
    throw Error(ErrorCode::invalid_input, "設定 audit.anchor_syslog は on か off にしてください");
  }
  if (c.audit.on_anchor_mismatch != "refuse" && c.audit.on_anchor_mismatch != "read_only") {
    throw Error(ErrorCode::invalid_input,
                "設定 audit.on_anchor_mismatch は refuse か read_only にしてください");
  }
  if (c.audit.anchor_interval_seconds < 1 || c.audit.anchor_interval_seconds > 86400) {
    throw Error(ErrorCode::invalid_input,
                "設定 audit.anchor_interval_seconds は 1 から 86400 までの整数にしてください");
  }
  if (c.server.listen.empty() && c.server.tls_listen.empty()) {
    throw Error(ErrorCode::invalid_input,
                "server.listen と server.tls_listen の少なくとも一方が必要です");
  }
  if (c.test.clock_offset_seconds != 0 &&
      !(on_loopback(c.server.listen) && on_loopback(c.server.tls_listen) &&
        on_loopback(c.server.public_origin))) {
    throw Error(ErrorCode::invalid_input,
                "設定 test.clock_offset_seconds（テスト用の時計）は試験専用です。"
                "server.listen・server.tls_listen・server.public_origin がすべてループバック"
                "（127.0.0.1 など）のときにだけ使えます");
  }
}

}  // namespace

std::string Config::database_path() const {
  return data.dir + "/musubi.db";
}

std::string Config::read_journal_path() const {
  return data.dir + "/read-journal.db";
}

std::string Config::anchor_file_path() const {
  return audit.anchor_file.empty() ? data.dir + "/audit-anchor.log" : audit.anchor_file;
}

std::string Config::anchor_key_path() const {
  return audit.anchor_key_file.empty() ? data.dir + "/audit-anchor.key" : audit.anchor_key_file;
}

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string_view::npos) env.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return env;
}

Config load_config(const std::string& path, const std::map<std::string, std::string>& env) {
  Config config;
  if (!path.empty()) {
    toml::table table;
    try {
      table = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      throw Error(ErrorCode::invalid_input,
                  fmt::format("設定ファイル {} を読めません: {}", path, e.description()));
    }
    for (const auto& [section_name, section] : table) {
      const auto* section_table = section.as_table();
      if (!section_table) {
        throw Error(
            ErrorCode::invalid_input,
            fmt::format("設定ファイルの {} は [セクション] ではありません", section_name.str()));
      }
      for (const auto& [key_name, value] : *section_table) {
        // Named copies: a lambda may not capture structured bindings before C++20 in clang 14.
        const std::string_view section_text = section_name.str();
        const std::string_view key_text = key_name.str();
        auto it = std::find_if(key_specs().begin(), key_specs().end(), [&](const KeySpec& s) {
          return section_text == s.section && key_text == s.key;
        });
        if (it == key_specs().end()) {
          throw Error(ErrorCode::invalid_input,
                      fmt::format("設定ファイルに未知のキー {}.{} があります", section_name.str(),
                                  key_name.str()));
        }
        if (auto v = value.value<std::string>(); v && it->text) {
          *it->text(config) = *v;
        } else if (auto i = value.value<std::int64_t>(); i && it->number) {
          *it->number(config) = *i;
        } else {
          throw Error(ErrorCode::invalid_input,
                      fmt::format("設定 {}.{} の型が違います", section_name.str(), key_name.str()));
        }
      }
    }
  }
  static const std::map<std::string, std::string> short_names = {
      {"MUSUBI_LISTEN", "MUSUBI_SERVER_LISTEN"},
      {"MUSUBI_TLS_LISTEN", "MUSUBI_SERVER_TLS_LISTEN"},
  };
  for (const auto& spec : key_specs()) {
    auto name = env_name(spec);
    for (const auto& [short_name, long_name] : short_names) {
      if (long_name == name) {
        if (auto it = env.find(short_name); it != env.end()) {
          set_from_text(config, spec, it->second, short_name);
        }
      }
    }
    if (auto it = env.find(name); it != env.end()) set_from_text(config, spec, it->second, name);
  }
  validate(config);
  return config;
}

std::optional<std::pair<double, double>> parse_map_center(const std::string& text) {
  auto comma = text.find(',');
  if (comma == std::string::npos) return std::nullopt;
  try {
    std::size_t used = 0;
    const auto lat_text = text.substr(0, comma);
    const auto lon_text = text.substr(comma + 1);
    const double lat = std::stod(lat_text, &used);
    if (used != lat_text.size()) return std::nullopt;
    const double lon = std::stod(lon_text, &used);
    if (used != lon_text.size()) return std::nullopt;
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return std::nullopt;
    return std::pair{lat, lon};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::vector<ConfigKeyInfo> describe_config(const Config& config) {
  std::vector<ConfigKeyInfo> out;
  Config copy = config;
  for (const auto& spec : key_specs()) {
    std::string value = spec.text ? *spec.text(copy) : std::to_string(*spec.number(copy));
    // A secret is shown only as set or not.
    const std::string_view key(spec.key);
    const bool secret = key.find("passphrase") != std::string_view::npos || key == "password" ||
                        key.ends_with("_token");
    if (secret && !value.empty()) {
      value = "(設定済み)";
    }
    out.push_back({spec.section, spec.key, env_name(spec), value, !spec.text});
  }
  return out;
}

ThreadCounts thread_counts(const Config& c, unsigned cores) {
  const auto n = static_cast<std::size_t>(std::max(1U, cores));
  auto pick = [](std::int64_t set, std::size_t otherwise) {
    return set > 0 ? static_cast<std::size_t>(set) : otherwise;
  };
  return {.io = pick(c.server.threads, n),
          .general = pick(c.workers.general_threads, std::max<std::size_t>(8, 4 * n)),
          .login = pick(c.workers.login_threads, std::max<std::size_t>(1, n / 4)),
          .heavy = pick(c.workers.heavy_threads, 1),
          .upload = pick(c.workers.upload_threads, 1)};
}

}  // namespace musubi
