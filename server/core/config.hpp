// The one configuration file (TOML). Every key has a default that suits a small city and can be
// overridden by the environment variable MUSUBI_<SECTION>_<KEY>; MUSUBI_DATA_DIR, MUSUBI_LISTEN and
// MUSUBI_TLS_LISTEN are short names for the keys operators change most.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace musubi {

struct Config {
  struct Server {
    std::string listen = "127.0.0.1:8080";  // plain HTTP; empty disables it
    std::string tls_listen;                 // HTTPS, e.g. 0.0.0.0:8443; empty disables it
    std::string tls_certificate;            // PEM chain
    std::string tls_private_key;            // PEM key
    std::string web_root;                   // built front end; empty: found beside the binary
    std::string public_origin;              // e.g. https://musubi.example.jp (for links in mail)
    std::int64_t threads = 0;               // 0: one per core
    std::int64_t max_body_bytes = std::int64_t{1} << 20;
    std::int64_t max_header_bytes = std::int64_t{16} * 1024;
    std::int64_t header_timeout_seconds = 10;  // whole request head must arrive in this time
    std::int64_t body_timeout_seconds = 30;
    std::int64_t idle_timeout_seconds = 60;  // keep-alive connection with no request
    std::int64_t shutdown_grace_seconds = 15;
    std::string access_log = "-";  // "-" is standard output; empty disables
    // On the HTTPS listener: "required" (only a device certificate issued by a region's CA and
    // not revoked gets through the handshake) or "off" (a proxy in front checks instead).
    std::string tls_client_certificates = "required";
  } server;
  struct Pki {
    // Encrypts each region CA's private key at rest; needed to issue device certificates.
    std::string ca_key_passphrase;
    std::int64_t device_validity_days = 730;  // 2 years
  } pki;
  struct Mail {
    // The relay that sends Musubi's mail, e.g. smtp://mail.example.jp:587; empty: no mail is sent
    // (invitations are refused with a message saying so).
    std::string smtp_url;
    std::string from;  // envelope and From: address, e.g. musubi@example.jp
    std::string username;
    std::string password;
    std::string starttls = "try";  // try (when the server offers it), required, or off
    std::string ca_file;           // PEM to trust for the relay's certificate; empty: the system's
    std::int64_t timeout_seconds = 30;
    // Mail into groups: the domain of group addresses (group-<key>@domain), which the MTA hands
    // to POST /api/v1/inbound-mail with this token. Either empty: no mail into groups.
    std::string inbound_domain;
    std::string inbound_token;
    std::int64_t inbound_max_bytes = std::int64_t{30} << 20;
  } mail;
  struct Data {
    std::string dir = "./musubi-data";
    std::string synchronous = "full";  // SQLite synchronous: full (default) or normal
    // Below this much free space deep health fails and uploads are refused at once (warnings in
    // the log from twice this): room for the write-ahead log, checkpoints and a backup's start.
    std::int64_t min_free_bytes = std::int64_t{512} << 20;
  } data;
  struct Session {
    std::int64_t idle_timeout_seconds = std::int64_t{30} * 60;
    std::int64_t absolute_timeout_seconds = std::int64_t{12} * 60 * 60;
  } session;
  struct Login {
    std::int64_t failures_before_delay = 3;  // after this many failures each try waits longer
    std::int64_t failures_before_lock = 10;
    std::int64_t lock_seconds = std::int64_t{15} * 60;
    // Failed logins one client (a device certificate, else an address) may make in a window,
    // whatever the login IDs; then it waits for the window's end. Generous, because a hospital's
    // staff may share one address.
    std::int64_t client_failures = 30;
    std::int64_t client_window_seconds = std::int64_t{15} * 60;
  } login;
  struct Ems {
    // Searches of the emergency lookup one crew account may make in an hour (in each process).
    std::int64_t searches_per_hour = 60;
  } ems;
  // The disaster map (C8). Tiles come from the GSI (国土地理院) by default; the browser fetches
  // them, never the server, and no address is ever sent. On a closed network, tile_directory
  // holds std/{z}/{x}/{y}.png and aerial/{z}/{x}/{y}.jpg and Musubi serves them itself.
  struct Disaster {
    std::string tile_url = "https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png";
    std::string aerial_tile_url =
        "https://cyberjapandata.gsi.go.jp/xyz/seamlessphoto/{z}/{x}/{y}.jpg";
    std::string tile_directory;
    std::string map_center = "36.0835,140.0764";  // latitude,longitude (つくば市役所)
    std::int64_t map_zoom = 13;
  } disaster;
  // The pools request handlers run on (docs/decisions/003). A request that finds its pool's
  // threads busy and its queue full is answered 503 with Retry-After at once.
  struct Workers {
    // 0: four per core, at least 8. A handler mostly waits (for a commit's fsync): more threads
    // than cores let more writes share one commit.
    std::int64_t general_threads = 0;
    std::int64_t general_queue = 512;
    std::int64_t login_threads = 0;  // 0: a quarter of the cores, at least 1 (argon2id)
    std::int64_t login_queue = 32;
    std::int64_t heavy_threads = 1;  // PDF, images, imports, exports, large notices
    std::int64_t heavy_queue = 16;
    // The chunks of uploads under way, apart from the requests: a busy board cannot starve an
    // upload, nor an upload the board.
    std::int64_t upload_threads = 1;
    std::int64_t upload_queue = 64;
  } workers;
  struct Live {
    // A connection whose messages pile up beyond this (a client that stopped reading) is closed.
    std::int64_t max_queued_bytes = std::int64_t{256} * 1024;
    // A connection that answers nothing (not even pings) for this long is closed.
    std::int64_t idle_timeout_seconds = 60;
  } live;
  struct Log {
    std::string level = "info";
  } log;
  struct Audit {
    // Signed checkpoints of the audit chain's head, kept outside the database so that cutting
    // the chain's end shows (docs/decisions/002). Keep the key off the data disk where you can.
    std::string anchor_file;           // empty: <data.dir>/audit-anchor.log
    std::string anchor_key_file;       // empty: <data.dir>/audit-anchor.key
    std::string anchor_syslog = "on";  // on: each checkpoint also goes to syslog (journald)
    std::int64_t anchor_interval_seconds = 60;  // and one when the server stops
    // What the server does at start when the chain does not match the checkpoints: refuse to
    // start, or read_only (people can read; nothing can be changed until an operator looks).
    std::string on_anchor_mismatch = "refuse";
  } audit;
  struct Test {
    // The test clock: the server's time is the system's moved by this many seconds, so that the
    // test command can run the suites at Japan night or on New Year's Eve. Refused unless every
    // listener and the public origin are on loopback: a region's server never runs on it.
    std::int64_t clock_offset_seconds = 0;
  } test;

  std::string database_path() const;
  // Audited reads wait here (about a second) until sealed into the audit log's chain.
  std::string read_journal_path() const;
  std::string anchor_file_path() const;
  std::string anchor_key_path() const;
};

struct ConfigKeyInfo {
  std::string section;
  std::string key;
  std::string env_name;
  std::string value;  // effective value as text
  bool is_number = false;
};

// Reads the file (if path is non-empty), then the environment. Throws musubi::Error with a
// Japanese message on an unknown key, a wrong type or a bad value.
Config load_config(const std::string& path, const std::map<std::string, std::string>& env);

// Environment of this process as a map.
std::map<std::string, std::string> process_environment();

// How many threads of each kind serve requests, the settings' 0 (= by the cores) resolved.
struct ThreadCounts {
  std::size_t io = 1;
  std::size_t general = 2;
  std::size_t login = 1;
  std::size_t heavy = 1;
  std::size_t upload = 1;
  std::size_t handlers() const { return general + login + heavy + upload; }
};
ThreadCounts thread_counts(const Config& config, unsigned cores);

// Every key with its effective value, for `musubi config` and the documentation test.
std::vector<ConfigKeyInfo> describe_config(const Config& config);

// disaster.map_center, "36.0835,140.0764" → (latitude, longitude); nullopt when malformed.
std::optional<std::pair<double, double>> parse_map_center(const std::string& text);

}  // namespace musubi
