// Run-time configuration: defaults, then a TOML file, then environment variables, then
// command-line flags (flags win). See docs/configuration.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace carepilot::app {

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string database = "sqlite:var/carepilot.db";
  std::size_t threads = 4;
  std::size_t db_pool = 8;
  std::string dsfr_dir;  // empty: found next to the working directory or the sources
  std::size_t max_upload_mb = 32;
  std::size_t max_json_kb = 1024;
  // AD audit collections uploaded from the pages (docs/ad-audit.md « Dans la plateforme »):
  // at most 2048. Beyond ad_audit_single_body_mb a collection travels in
  // chunks written to disk (jobs/chunked_upload.hpp): the server holds a request body in
  // memory, never a whole collection.
  std::size_t ad_audit_max_upload_mb = 2048;
  // The largest collection sent in one request body (1 to 256): larger ones travel in chunks.
  // Behind a proxy, keep it under the proxy's body limit (nginx's client_max_body_size).
  std::size_t ad_audit_single_body_mb = 256;
  std::string ad_audit_dir = "var/ad-audits";  // shared by every instance
  // Exposure scans uploaded from the pages (issue 17), likewise; at most 2048.
  std::size_t exposure_max_upload_mb = 64;
  std::string exposure_dir = "var/exposure";  // shared by every instance
  bool access_log = true;
  bool state_operator = false;
  bool tls = false;
  bool demo_on_first_start = false;
  // Accounts (docs/auth.md).
  bool second_factor_for_all = false;
  bool secure_cookies = false;  // also on when tls is
  std::size_t session_idle_minutes = 30;
  std::size_t session_max_hours = 12;
  std::string public_url = "http://127.0.0.1:8080";
  std::string smtp_url, smtp_from = "carepilot@localhost", smtp_user, smtp_password;
  // Audit trail (docs/auth.md, "Journal"): the key that signs it and the file of signed
  // checkpoints, both outside the database; keep them off the database host in production.
  std::string audit_key_file = "var/audit.key";
  std::string audit_checkpoint_file = "var/audit-checkpoints.log";
  std::size_t audit_checkpoint_minutes = 5;
  // Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For gives the client's
  // address (web/client_address.hpp); empty: the connection's peer is the client.
  std::vector<std::string> trusted_proxies;
};

// Flags given on the command line (unset ones leave the lower layers' value).
struct ConfigFlags {
  std::string config_file;
  std::optional<std::string> listen, database, dsfr_dir;
  std::optional<std::size_t> threads;
};

// Throws std::runtime_error with a French message naming the faulty key.
Config load_config(const ConfigFlags& flags);

// Splits "HOST:PORT"; throws on a malformed value.
std::pair<std::string, unsigned short> split_listen(const std::string& listen);

// The DSFR dist folder: configured, else ./node_modules/…, else the source tree's.
std::string find_dsfr_dir(const std::string& configured);

}  // namespace carepilot::app
