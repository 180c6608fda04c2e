#include "app/config.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <stdexcept>

#ifndef CAREPILOT_SOURCE_DIR
#define CAREPILOT_SOURCE_DIR "."
#endif

namespace carepilot::app {

namespace {

std::size_t to_size(const std::string& key, const std::string& v) {
  try {
    std::size_t used = 0;
    long long n = std::stoll(v, &used);
    if (used == v.size() && n > 0) return static_cast<std::size_t>(n);
  } catch (const std::exception&) {
  }
  throw std::runtime_error("configuration : " + key + " doit être un entier positif (reçu « " + v +
                           " »)");
}

bool to_bool(const std::string& key, const std::string& v) {
  if (v == "1" || v == "true" || v == "yes" || v == "on") return true;
  if (v == "0" || v == "false" || v == "no" || v == "off") return false;
  throw std::runtime_error("configuration : " + key + " doit valoir true ou false (reçu « " + v +
                           " »)");
}

void apply_toml(Config& c, const std::string& path) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error("configuration " + path + ":" + std::to_string(e.source().begin.line) +
                             " : " + std::string(e.description()));
  }
  std::set<std::string> known;  // every key read below: any other is a typo, refused
  auto str = [&](const char* k, std::string& out) {
    known.insert(k);
    if (auto v = t[k]) {
      if (!v.is_string())
        throw std::runtime_error("configuration " + path + " : " + k + " doit être une chaîne");
      out = *v.value<std::string>();
    }
  };
  auto num = [&](const char* k, std::size_t& out) {
    known.insert(k);
    if (auto v = t[k]) {
      auto n = v.value<long long>();
      if (!v.is_integer() || !n || *n <= 0)
        throw std::runtime_error("configuration " + path + " : " + k +
                                 " doit être un entier positif");
      out = static_cast<std::size_t>(*n);
    }
  };
  auto flag = [&](const char* k, bool& out) {
    known.insert(k);
    if (auto v = t[k]) {
      if (!v.is_boolean())
        throw std::runtime_error("configuration " + path + " : " + k + " doit être true ou false");
      out = *v.value<bool>();
    }
  };
  str("listen", c.listen);
  str("database", c.database);
  str("dsfr_dir", c.dsfr_dir);
  num("threads", c.threads);
  num("db_pool", c.db_pool);
  num("max_upload_mb", c.max_upload_mb);
  num("max_json_kb", c.max_json_kb);
  num("ad_audit_max_upload_mb", c.ad_audit_max_upload_mb);
  num("ad_audit_single_body_mb", c.ad_audit_single_body_mb);
  str("ad_audit_dir", c.ad_audit_dir);
  num("exposure_max_upload_mb", c.exposure_max_upload_mb);
  str("exposure_dir", c.exposure_dir);
  flag("access_log", c.access_log);
  flag("state_operator", c.state_operator);
  flag("tls", c.tls);
  flag("demo_on_first_start", c.demo_on_first_start);
  flag("second_factor_for_all", c.second_factor_for_all);
  flag("secure_cookies", c.secure_cookies);
  num("session_idle_minutes", c.session_idle_minutes);
  num("session_max_hours", c.session_max_hours);
  str("public_url", c.public_url);
  str("smtp_url", c.smtp_url);
  str("smtp_from", c.smtp_from);
  str("smtp_user", c.smtp_user);
  str("smtp_password", c.smtp_password);
  str("audit_key_file", c.audit_key_file);
  str("audit_checkpoint_file", c.audit_checkpoint_file);
  num("audit_checkpoint_minutes", c.audit_checkpoint_minutes);
  known.insert("trusted_proxies");
  if (auto v = t["trusted_proxies"]) {
    const auto* list = v.as_array();
    if (!list)
      throw std::runtime_error("configuration " + path +
                               " : trusted_proxies doit être une liste de chaînes");
    c.trusted_proxies.clear();
    for (const auto& item : *list) {
      if (!item.is_string())
        throw std::runtime_error("configuration " + path +
                                 " : trusted_proxies doit être une liste de chaînes");
      c.trusted_proxies.push_back(*item.value<std::string>());
    }
  }
  // A misspelt key would otherwise be ignored and its setting silently left at the default.
  for (const auto& [key, value] : t)
    if (!known.count(std::string(key.str())))
      throw std::runtime_error("configuration " + path + ":" +
                               std::to_string(value.source().begin.line) + " : clé inconnue « " +
                               std::string(key.str()) + " »");
}

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

}  // namespace

Config load_config(const ConfigFlags& flags) {
  Config c;
  std::string file = flags.config_file;
  if (file.empty()) file = env("CAREPILOT_CONFIG").value_or("");
  if (file.empty() && std::filesystem::exists("carepilot.toml")) file = "carepilot.toml";
  if (!file.empty()) {
    if (!std::filesystem::exists(file))
      throw std::runtime_error("fichier de configuration introuvable : " + file);
    apply_toml(c, file);
  }
  if (auto v = env("CAREPILOT_LISTEN")) c.listen = *v;
  if (auto v = env("CAREPILOT_DATABASE")) c.database = *v;
  if (auto v = env("CAREPILOT_DSFR_DIR")) c.dsfr_dir = *v;
  if (auto v = env("CAREPILOT_THREADS")) c.threads = to_size("CAREPILOT_THREADS", *v);
  if (auto v = env("CAREPILOT_DB_POOL")) c.db_pool = to_size("CAREPILOT_DB_POOL", *v);
  if (auto v = env("CAREPILOT_MAX_UPLOAD_MB"))
    c.max_upload_mb = to_size("CAREPILOT_MAX_UPLOAD_MB", *v);
  if (auto v = env("CAREPILOT_MAX_JSON_KB")) c.max_json_kb = to_size("CAREPILOT_MAX_JSON_KB", *v);
  if (auto v = env("CAREPILOT_AD_AUDIT_MAX_UPLOAD_MB"))
    c.ad_audit_max_upload_mb = to_size("CAREPILOT_AD_AUDIT_MAX_UPLOAD_MB", *v);
  if (auto v = env("CAREPILOT_AD_AUDIT_SINGLE_BODY_MB"))
    c.ad_audit_single_body_mb = to_size("CAREPILOT_AD_AUDIT_SINGLE_BODY_MB", *v);
  if (auto v = env("CAREPILOT_AD_AUDIT_DIR")) c.ad_audit_dir = *v;
  if (auto v = env("CAREPILOT_EXPOSURE_MAX_UPLOAD_MB"))
    c.exposure_max_upload_mb = to_size("CAREPILOT_EXPOSURE_MAX_UPLOAD_MB", *v);
  if (auto v = env("CAREPILOT_EXPOSURE_DIR")) c.exposure_dir = *v;
  if (auto v = env("CAREPILOT_ACCESS_LOG")) c.access_log = to_bool("CAREPILOT_ACCESS_LOG", *v);
  if (auto v = env("CAREPILOT_STATE_OPERATOR"))
    c.state_operator = to_bool("CAREPILOT_STATE_OPERATOR", *v);
  if (auto v = env("CAREPILOT_TLS")) c.tls = to_bool("CAREPILOT_TLS", *v);
  if (auto v = env("CAREPILOT_SECOND_FACTOR_FOR_ALL"))
    c.second_factor_for_all = to_bool("CAREPILOT_SECOND_FACTOR_FOR_ALL", *v);
  if (auto v = env("CAREPILOT_SECURE_COOKIES"))
    c.secure_cookies = to_bool("CAREPILOT_SECURE_COOKIES", *v);
  if (auto v = env("CAREPILOT_PUBLIC_URL")) c.public_url = *v;
  if (auto v = env("CAREPILOT_SMTP_URL")) c.smtp_url = *v;
  if (auto v = env("CAREPILOT_SMTP_PASSWORD")) c.smtp_password = *v;
  if (auto v = env("CAREPILOT_AUDIT_KEY_FILE")) c.audit_key_file = *v;
  if (auto v = env("CAREPILOT_AUDIT_CHECKPOINT_FILE")) c.audit_checkpoint_file = *v;
  if (auto v = env("CAREPILOT_AUDIT_CHECKPOINT_MINUTES"))
    c.audit_checkpoint_minutes = to_size("CAREPILOT_AUDIT_CHECKPOINT_MINUTES", *v);
  if (auto v = env("CAREPILOT_TRUSTED_PROXIES")) {  // comma-separated
    c.trusted_proxies.clear();
    for (std::size_t at = 0; at <= v->size();) {
      auto comma = v->find(',', at);
      if (comma == std::string::npos) comma = v->size();
      if (comma > at) c.trusted_proxies.push_back(v->substr(at, comma - at));
      at = comma + 1;
    }
  }
  if (flags.listen) c.listen = *flags.listen;
  if (flags.database) c.database = *flags.database;
  if (flags.dsfr_dir) c.dsfr_dir = *flags.dsfr_dir;
  if (flags.threads) c.threads = *flags.threads;
  split_listen(c.listen);  // validates
  if (c.ad_audit_max_upload_mb < 1 || c.ad_audit_max_upload_mb > 2048)
    throw std::runtime_error("ad_audit_max_upload_mb doit être compris entre 1 et 2048 (Mio)");
  if (c.ad_audit_single_body_mb < 1 || c.ad_audit_single_body_mb > 256)
    throw std::runtime_error("ad_audit_single_body_mb doit être compris entre 1 et 256 (Mio)");
  if (c.exposure_max_upload_mb < 1 || c.exposure_max_upload_mb > 2048)
    throw std::runtime_error("exposure_max_upload_mb doit être compris entre 1 et 2048 (Mio)");
  return c;
}

std::pair<std::string, unsigned short> split_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 >= listen.size())
    throw std::runtime_error("adresse d'écoute invalide « " + listen + " » (attendu HÔTE:PORT)");
  std::string host = listen.substr(0, colon);
  if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  std::size_t port = 0;
  try {
    std::size_t used = 0;
    port = std::stoul(listen.substr(colon + 1), &used);
    if (used != listen.size() - colon - 1) port = 0;
  } catch (const std::exception&) {
  }
  if (port == 0 || port > 65535)
    throw std::runtime_error("port d'écoute invalide dans « " + listen + " »");
  return {host, static_cast<unsigned short>(port)};
}

std::string find_dsfr_dir(const std::string& configured) {
  namespace fs = std::filesystem;
  if (!configured.empty()) return configured;
  for (fs::path p : {fs::path("node_modules/@gouvfr/dsfr/dist"),
                     fs::path(CAREPILOT_SOURCE_DIR) / "node_modules/@gouvfr/dsfr/dist"})
    if (fs::exists(p / "dsfr.min.css")) return fs::absolute(p).string();
  return "node_modules/@gouvfr/dsfr/dist";
}

}  // namespace carepilot::app
