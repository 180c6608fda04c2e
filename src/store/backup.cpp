#include "store/backup.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <sodium.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include "store/sqlite_backend.hpp"

#include "common/french.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/migrations.hpp"

extern char** environ;

namespace carepilot::store {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kFormat = "carepilot-backup";
constexpr int kFormatVersion = 1;
constexpr const char* kManifest = "manifest.json";
constexpr const char* kSqliteFile = "database.sqlite";
constexpr const char* kPgFile = "database.pgdump";
constexpr const char* kCheckpointsFile = "audit-checkpoints.log";

std::string hex(const unsigned char* p, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

struct FileFacts {
  std::uintmax_t size = 0;
  std::string sha256;
};

FileFacts file_facts(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("lecture impossible de " + path.string());
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  std::array<char, 1 << 16> buf{};
  FileFacts f;
  while (in) {
    in.read(buf.data(), buf.size());
    auto n = in.gcount();
    if (n <= 0) break;
    crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(buf.data()),
                              static_cast<unsigned long long>(n));
    f.size += static_cast<std::uintmax_t>(n);
  }
  std::array<unsigned char, crypto_hash_sha256_BYTES> out{};
  crypto_hash_sha256_final(&st, out.data());
  f.sha256 = hex(out.data(), out.size());
  return f;
}

std::string quote_ident(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

std::string sqlite_path(const std::string& url) {
  std::string connect;
  parse_database_url(url, connect);
  return connect.substr(3, connect.find(' ') - 3);
}

// A temporary folder removed with everything in it when the object goes.
class TempDir {
 public:
  explicit TempDir(const fs::path& parent) {
    fs::create_directories(parent);
    std::string tmpl = (parent / ".carepilot-backup-XXXXXX").string();
    if (!mkdtemp(tmpl.data()))
      throw std::runtime_error("dossier temporaire impossible dans " + parent.string() + " : " +
                               std::strerror(errno));
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

fs::path parent_or_dot(const std::string& file) {
  auto p = fs::absolute(fs::path(file)).parent_path();
  return p.empty() ? fs::path(".") : p;
}

// ---- PostgreSQL client programs ---------------------------------------------------------

// The libpq parameters of `url` as a key=value string without the password, which goes to
// the child's environment instead (never on a command line that `ps` shows).
struct PgConnect {
  std::string conninfo;
  std::string password;
};

PgConnect pg_connect(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (!opts) {
    std::string why = err ? err : "URL PostgreSQL illisible";
    if (err) PQfreemem(err);
    throw std::runtime_error("URL PostgreSQL invalide : " + why);
  }
  PgConnect out;
  for (PQconninfoOption* o = opts; o->keyword; ++o) {
    if (!o->val || !*o->val) continue;
    std::string k = o->keyword;
    if (k == "password") {
      out.password = o->val;
      continue;
    }
    std::string v;
    for (const char* c = o->val; *c; ++c) {
      if (*c == '\\' || *c == '\'') v.push_back('\\');
      v.push_back(*c);
    }
    if (!out.conninfo.empty()) out.conninfo.push_back(' ');
    out.conninfo += k + "='" + v + "'";
  }
  PQconninfoFree(opts);
  return out;
}

// Runs `argv` (searched on PATH) with PGPASSWORD set when given; stderr is kept. Throws when
// the program cannot be started or exits with a non-zero status.
void run_pg_program(const std::vector<std::string>& argv, const std::string& password,
                    const fs::path& work) {
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e)
    if (password.empty() || std::strncmp(*e, "PGPASSWORD=", 11) != 0) env_strings.push_back(*e);
  if (!password.empty()) env_strings.push_back("PGPASSWORD=" + password);
  std::vector<char*> envp, args;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_copy = argv;
  for (auto& s : argv_copy) args.push_back(s.data());
  args.push_back(nullptr);
  auto err_path = (work / "stderr.txt").string();
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0)
    throw std::runtime_error("impossible de lancer " + argv[0] + " : " + std::strerror(rc) +
                             " (paquet Debian postgresql-client)");
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw std::runtime_error("attente de " + argv[0] + " impossible");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::ifstream in(err_path);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string msg = ss.str();
    if (msg.size() > 2000) msg.resize(2000);
    throw std::runtime_error(argv[0] + " a échoué (statut " +
                             std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                             ") : " + msg);
  }
}

// ---- SQLite online backup -----------------------------------------------------------------

void sqlite_copy(const std::string& from, const std::string& to, bool from_readonly) {
  using namespace sqlite_api;
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  auto close_both = [&] {
    if (src) sqlite3_close(src);
    if (dst) sqlite3_close(dst);
  };
  int flags = from_readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (sqlite3_open_v2(from.c_str(), &src, flags, nullptr) != SQLITE_OK ||
      sqlite3_open_v2(to.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
          SQLITE_OK) {
    std::string why = sqlite3_errmsg(dst ? dst : src);
    close_both();
    throw std::runtime_error("SQLite : ouverture impossible pour la copie : " + why);
  }
  sqlite3_busy_timeout(src, 10000);
  sqlite3_busy_timeout(dst, 10000);
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
  if (!b) {
    std::string why = sqlite3_errmsg(dst);
    close_both();
    throw std::runtime_error("SQLite : copie impossible : " + why);
  }
  // One step for every page: the copy reads one snapshot of the source (a writer in WAL mode
  // goes on meanwhile), so it cannot mix states.
  int rc = SQLITE_OK;
  for (int tries = 0; tries < 100; ++tries) {
    rc = sqlite3_backup_step(b, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    sqlite3_sleep(100);
  }
  sqlite3_backup_finish(b);
  std::string why = rc == SQLITE_DONE ? "" : sqlite3_errstr(rc);
  close_both();
  if (rc != SQLITE_DONE) throw std::runtime_error("SQLite : copie interrompue : " + why);
}

// ---- archive --------------------------------------------------------------------------

void write_archive(const std::string& out_file, const fs::path& dir,
                   const std::vector<std::string>& names) {
  std::string tmp = out_file + ".partial";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    throw std::runtime_error("écriture impossible de " + tmp + " : " + std::strerror(errno));
  archive* a = archive_write_new();
  auto fail = [&](const std::string& what) {
    std::string why = archive_error_string(a) ? archive_error_string(a) : "";
    archive_write_free(a);
    ::close(fd);
    std::error_code ec;
    fs::remove(tmp, ec);
    throw std::runtime_error("écriture de la sauvegarde impossible (" + what + ") : " + why);
  };
  if (archive_write_add_filter_gzip(a) != ARCHIVE_OK ||
      archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
      archive_write_open_fd(a, fd) != ARCHIVE_OK)
    fail("ouverture");
  std::vector<char> buf(1 << 16);
  for (const auto& name : names) {
    auto path = dir / name;
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(fs::file_size(path)));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0600);
    archive_entry_set_mtime(e, ::time(nullptr), 0);
    int rc = archive_write_header(a, e);
    archive_entry_free(e);
    if (rc != ARCHIVE_OK) fail(name);
    std::ifstream in(path, std::ios::binary);
    while (in) {
      in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
      auto n = in.gcount();
      if (n <= 0) break;
      if (archive_write_data(a, buf.data(), static_cast<std::size_t>(n)) != n) fail(name);
    }
  }
  if (archive_write_close(a) != ARCHIVE_OK) fail("fermeture");
  archive_write_free(a);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw std::runtime_error("écriture de la sauvegarde impossible : " +
                             std::string(std::strerror(errno)));
  }
  fs::rename(tmp, out_file);
  int dfd = ::open(parent_or_dot(out_file).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

// Inflates the whole gzip stream, checking its CRC and length (libarchive's tar reader stops
// at the end-of-archive blocks and does not check them): an altered byte anywhere in the file,
// a cut end or bytes after the stream are refused.
void check_gzip_stream(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BackupRefused("fichier de sauvegarde illisible : " + path);
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) throw std::runtime_error("zlib : initialisation");
  std::vector<unsigned char> inbuf(1 << 16), outbuf(1 << 16);
  bool ended = false, broken = false;
  while (!ended && !broken && in) {
    in.read(reinterpret_cast<char*>(inbuf.data()), static_cast<std::streamsize>(inbuf.size()));
    auto n = in.gcount();
    if (n <= 0) break;
    z.next_in = inbuf.data();
    z.avail_in = static_cast<uInt>(n);
    while (z.avail_in > 0) {
      z.next_out = outbuf.data();
      z.avail_out = static_cast<uInt>(outbuf.size());
      int rc = inflate(&z, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        ended = true;
        break;
      }
      if (rc != Z_OK) {
        broken = true;
        break;
      }
    }
  }
  bool trailing = ended && (z.avail_in > 0 || in.peek() != std::char_traits<char>::eof());
  inflateEnd(&z);
  if (broken || trailing)
    throw BackupRefused(
        "fichier de sauvegarde altéré (flux compressé invalide : somme de contrôle ou "
        "données inattendues)");
  if (!ended) throw BackupRefused("fichier de sauvegarde tronqué (flux compressé incomplet)");
}

// Extracts the known entries of `in_file` into `dir`; refuses anything else.
void read_archive(const std::string& in_file, const fs::path& dir) {
  if (!fs::exists(in_file)) throw BackupRefused("fichier de sauvegarde introuvable : " + in_file);
  check_gzip_stream(in_file);
  archive* a = archive_read_new();
  archive_read_support_filter_gzip(a);
  archive_read_support_format_tar(a);
  auto refuse = [&](const std::string& what) {
    std::string why = archive_error_string(a) ? archive_error_string(a) : "";
    archive_read_free(a);
    throw BackupRefused("fichier de sauvegarde illisible, tronqué ou altéré (" + what +
                        (why.empty() ? "" : " : " + why) + ")");
  };
  if (archive_read_open_filename(a, in_file.c_str(), 1 << 16) != ARCHIVE_OK) refuse("ouverture");
  const std::set<std::string> allowed{kManifest, kSqliteFile, kPgFile, kCheckpointsFile};
  std::set<std::string> seen;
  std::vector<char> buf(1 << 16);
  for (;;) {
    archive_entry* e = nullptr;
    int rc = archive_read_next_header(a, &e);
    if (rc == ARCHIVE_EOF) break;
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) refuse("en-tête");
    std::string name = archive_entry_pathname(e) ? archive_entry_pathname(e) : "";
    if (!allowed.count(name) || !seen.insert(name).second) {
      archive_read_free(a);
      throw BackupRefused("fichier de sauvegarde inattendu : entrée « " + name + " »");
    }
    std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
    for (;;) {
      la_ssize_t n = archive_read_data(a, buf.data(), buf.size());
      if (n == 0) break;
      if (n < 0) refuse(name);
      out.write(buf.data(), n);
    }
    if (!out.flush()) {
      archive_read_free(a);
      throw std::runtime_error("écriture impossible dans " + dir.string());
    }
  }
  archive_read_free(a);
  if (!seen.count(kManifest))
    throw BackupRefused("fichier de sauvegarde incomplet : le manifeste est absent (tronqué ?)");
}

// ---- manifest ----------------------------------------------------------------------------

const char* backend_name(Backend b) {
  return b == Backend::sqlite ? "sqlite" : "postgresql";
}

json tables_json(const std::vector<TableDigest>& tables) {
  json out = json::array();
  for (const auto& t : tables)
    out.push_back({{"table", t.table}, {"rows", t.rows}, {"sha256", t.digest}});
  return out;
}

std::vector<TableDigest> tables_from_json(const json& j) {
  std::vector<TableDigest> out;
  for (const auto& t : j)
    out.push_back({t.at("table").get<std::string>(), t.at("rows").get<std::int64_t>(),
                   t.at("sha256").get<std::string>()});
  return out;
}

struct Snapshot {
  int schema_version = 0;
  std::int64_t audit_seq = 0;
  std::string audit_head;
  std::vector<TableDigest> tables;
};

Snapshot read_snapshot(soci::session& s, Backend b) {
  Snapshot out;
  soci::indicator ind = soci::i_null;
  s << "SELECT MAX(version) FROM schema_migrations", soci::into(out.schema_version, ind);
  if (ind != soci::i_ok) out.schema_version = 0;
  long long seq = 0;
  std::string head;
  soci::indicator hi = soci::i_null;
  s << "SELECT seq, hash FROM audit_head WHERE id = 1", soci::into(seq), soci::into(head, hi);
  out.audit_seq = seq;
  out.audit_head = hi == soci::i_ok ? head : "";
  out.tables = table_digests(s, b);
  return out;
}

}  // namespace

// ---- public --------------------------------------------------------------------------------

std::vector<TableDigest> table_digests(soci::session& sql, Backend backend) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium : initialisation impossible");
  std::vector<std::string> tables;
  {
    std::string q = backend == Backend::sqlite
                        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                          "LIKE 'sqlite_%'"
                        : "SELECT table_name FROM information_schema.tables WHERE table_schema "
                          "= current_schema() AND table_type = 'BASE TABLE'";
    soci::rowset<std::string> rs = (sql.prepare << q);
    for (const auto& t : rs) tables.push_back(t);
  }
  std::sort(tables.begin(), tables.end());
  std::vector<TableDigest> out;
  for (const auto& t : tables) {
    std::vector<std::string> cols;
    {
      std::string q = backend == Backend::sqlite
                          ? "SELECT name FROM pragma_table_info(:t) ORDER BY cid"
                          : "SELECT column_name FROM information_schema.columns WHERE "
                            "table_schema = current_schema() AND table_name = :t ORDER BY "
                            "ordinal_position";
      soci::rowset<std::string> rs = (sql.prepare << q, soci::use(t));
      for (const auto& c : rs) cols.push_back(c);
    }
    std::string select = "SELECT ";
    for (std::size_t i = 0; i < cols.size(); ++i)
      select += (i ? ", CAST(" : "CAST(") + quote_ident(cols[i]) + " AS TEXT)";
    select += " FROM " + quote_ident(t);
    std::vector<std::array<unsigned char, crypto_hash_sha256_BYTES>> rows;
    soci::rowset<soci::row> rs = (sql.prepare << select);
    for (const auto& r : rs) {
      std::string ser;
      for (std::size_t i = 0; i < r.size(); ++i) {
        if (r.get_indicator(i) == soci::i_null) {
          ser += "N;";
          continue;
        }
        std::string v = r.get<std::string>(i);
        ser += "S" + std::to_string(v.size()) + ":" + v + ";";
      }
      auto& h = rows.emplace_back();
      crypto_hash_sha256(h.data(), reinterpret_cast<const unsigned char*>(ser.data()), ser.size());
    }
    std::sort(rows.begin(), rows.end());
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    for (const auto& h : rows) crypto_hash_sha256_update(&st, h.data(), h.size());
    std::array<unsigned char, crypto_hash_sha256_BYTES> d{};
    crypto_hash_sha256_final(&st, d.data());
    out.push_back({t, static_cast<std::int64_t>(rows.size()), hex(d.data(), d.size())});
  }
  return out;
}

int count_tables(const std::string& url) {
  std::string connect;
  Backend b = parse_database_url(url, connect);
  if (b == Backend::sqlite) {
    auto path = sqlite_path(url);
    if (!fs::exists(path) || fs::file_size(path) == 0) return 0;
  }
  auto db = Database::open(url, 1);
  auto s = db->lease();
  int n = 0;
  if (b == Backend::sqlite) {
    *s << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        soci::into(n);
  } else {
    *s << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()",
        soci::into(n);
  }
  return n;
}

BackupSummary create_backup(Database& db, const std::string& out_file, const BackupOptions& o) {
  TempDir work(parent_or_dot(out_file));
  BackupSummary sum;
  sum.backend = db.backend();
  // Checkpoints are read BEFORE the snapshot: each attests a head the snapshot contains.
  std::string checkpoints;
  if (!o.checkpoint_file.empty() && fs::exists(o.checkpoint_file)) {
    std::ifstream in(o.checkpoint_file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    checkpoints = ss.str();
    if (!checkpoints.empty() && checkpoints.back() != '\n') checkpoints.push_back('\n');
  }
  Snapshot snap;
  std::string data_name, pg_schema;
  if (db.backend() == Backend::sqlite) {
    data_name = kSqliteFile;
    auto copy = (work.path() / data_name).string();
    sqlite_copy(sqlite_path(db.url()), copy, true);
    {
      soci::session s(sqlite_backend(), "db=" + copy);
      snap = read_snapshot(s, Backend::sqlite);
    }
    std::error_code ec;
    fs::remove(copy + "-wal", ec);
    fs::remove(copy + "-shm", ec);
  } else {
    data_name = kPgFile;
    auto lease = db.lease();
    soci::session& s = *lease;
    s << "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    try {
      std::string snapshot_id;
      s << "SELECT pg_export_snapshot()", soci::into(snapshot_id);
      soci::indicator si = soci::i_null;
      s << "SELECT current_schema()", soci::into(pg_schema, si);
      if (si != soci::i_ok) throw std::runtime_error("la base n'a pas de schéma courant");
      snap = read_snapshot(s, Backend::postgresql);
      auto pc = pg_connect(db.url());
      run_pg_program({o.pg_dump, "--format=custom", "--no-owner", "--no-privileges",
                      "--snapshot=" + snapshot_id, "--schema=" + quote_ident(pg_schema),
                      "--file=" + (work.path() / data_name).string(), "--dbname=" + pc.conninfo},
                     pc.password, work.path());
      s << "COMMIT";
    } catch (...) {
      try {
        s << "ROLLBACK";
      } catch (...) {
      }
      throw;
    }
  }
  // One more checkpoint, of the saved head — unless the file's last one already covers it
  // (append_checkpoint_file would drop the repeat when the backup is restored).
  if (o.key) {
    std::string_view text(checkpoints);
    if (!text.empty()) text.remove_suffix(1);
    const auto last = AuditCheckpoint::parse(std::string(text.substr(text.rfind('\n') + 1)));
    if (!last || last->seq != snap.audit_seq || last->head != snap.audit_head)
      checkpoints +=
          AuditCheckpoint::sign(snap.audit_seq, snap.audit_head, now_utc_iso(), *o.key).line() +
          "\n";
  }
  {
    std::ofstream out(work.path() / kCheckpointsFile, std::ios::binary | std::ios::trunc);
    out << checkpoints;
  }
  for (std::size_t i = 0; i < checkpoints.size(); ++i)
    if (checkpoints[i] == '\n') ++sum.checkpoints;
  json files = json::object();
  for (const std::string& name : {data_name, std::string(kCheckpointsFile)}) {
    auto f = file_facts(work.path() / name);
    files[name] = {{"bytes", f.size}, {"sha256", f.sha256}};
  }
  json m = {{"format", kFormat},
            {"version", kFormatVersion},
            {"created_at", now_utc_iso()},
            {"backend", backend_name(db.backend())},
            {"schema_version", snap.schema_version},
            {"audit", {{"entries", snap.audit_seq}, {"head", snap.audit_head}}},
            {"files", files},
            {"tables", tables_json(snap.tables)}};
  if (!pg_schema.empty()) m["pg_schema"] = pg_schema;
  if (o.key) m["audit"]["checkpoint_public_key"] = o.key->public_key_hex();
  {
    std::ofstream out(work.path() / kManifest, std::ios::binary | std::ios::trunc);
    out << m.dump(2) << "\n";
  }
  write_archive(out_file, work.path(), {data_name, kCheckpointsFile, kManifest});
  sum.schema_version = snap.schema_version;
  sum.audit_entries = snap.audit_seq;
  sum.audit_head = snap.audit_head;
  sum.tables = std::move(snap.tables);
  sum.bytes = fs::file_size(out_file);
  return sum;
}

RestoreResult restore_backup(const std::string& url, const std::string& in_file,
                             const RestoreOptions& o) {
  std::string connect;
  Backend target = parse_database_url(url, connect);
  TempDir work(target == Backend::sqlite ? parent_or_dot(sqlite_path(url))
                                         : fs::temp_directory_path());
  // 1. The whole file, checked before anything is written.
  read_archive(in_file, work.path());
  json m;
  try {
    std::ifstream in(work.path() / kManifest);
    m = json::parse(in);
  } catch (const std::exception&) {
    throw BackupRefused("fichier de sauvegarde altéré : le manifeste n'est pas lisible");
  }
  RestoreResult r;
  std::string data_name;
  try {
    if (m.at("format").get<std::string>() != kFormat ||
        m.at("version").get<int>() != kFormatVersion)
      throw BackupRefused("format de sauvegarde inconnu");
    auto backend = m.at("backend").get<std::string>();
    r.manifest.backend = backend == "sqlite" ? Backend::sqlite : Backend::postgresql;
    if (backend != backend_name(target))
      throw BackupRefused("la sauvegarde est une base " + backend +
                          ", la base cible est une base " + backend_name(target));
    r.manifest.schema_version = m.at("schema_version").get<int>();
    r.manifest.audit_entries = m.at("audit").at("entries").get<std::int64_t>();
    r.manifest.audit_head = m.at("audit").at("head").get<std::string>();
    r.manifest.tables = tables_from_json(m.at("tables"));
    data_name = target == Backend::sqlite ? kSqliteFile : kPgFile;
    const auto& files = m.at("files");
    if (!files.contains(data_name) || !files.contains(kCheckpointsFile))
      throw BackupRefused("fichier de sauvegarde altéré : le manifeste ne décrit pas " + data_name);
    for (const auto& [name, want] : files.items()) {
      if (!fs::exists(work.path() / name))
        throw BackupRefused("fichier de sauvegarde incomplet : « " + name +
                            " » manque (fichier tronqué ?)");
      auto f = file_facts(work.path() / name);
      if (f.size != want.at("bytes").get<std::uintmax_t>() ||
          f.sha256 != want.at("sha256").get<std::string>())
        throw BackupRefused("fichier de sauvegarde altéré : « " + name +
                            " » ne correspond pas à son empreinte dans le manifeste");
    }
    if (m.at("audit").contains("checkpoint_public_key") &&
        m["audit"]["checkpoint_public_key"].get<std::string>() != o.key.public_key_hex())
      throw BackupRefused(
          "la clé du journal fournie n'est pas celle de l'instance sauvegardée (sa clé publique "
          "diffère) : restaurez d'abord le fichier de clé conservé à part");
  } catch (const json::exception&) {
    throw BackupRefused("fichier de sauvegarde altéré : manifeste incomplet");
  }
  auto checkpoints = read_checkpoint_file((work.path() / kCheckpointsFile).string());
  r.manifest.checkpoints = static_cast<std::int64_t>(checkpoints.size());

  // 2. An empty target only.
  if (int n = count_tables(url); n > 0)
    throw BackupRefused("la base cible n'est pas vide (" + plural(n, "table", "tables") +
                        ") : la restauration se fait dans une base vide, jamais par "
                        "dessus des données");
  if (target == Backend::postgresql) {
    auto db = Database::open(url, 1);
    auto s = db->lease();
    std::string schema;
    soci::indicator si = soci::i_null;
    *s << "SELECT current_schema()", soci::into(schema, si);
    auto want = m.value("pg_schema", std::string("public"));
    if (si != soci::i_ok)
      throw BackupRefused("la base cible n'a pas de schéma courant : créez le schéma « " + want +
                          " » (vide) avant la restauration");
    if (schema != want)
      throw BackupRefused("la sauvegarde porte le schéma « " + want +
                          " », le schéma courant de la base cible est « " + schema + " »");
  }

  // 3. Restore.
  if (target == Backend::sqlite) {
    sqlite_copy((work.path() / data_name).string(), sqlite_path(url), false);
  } else {
    auto pc = pg_connect(url);
    auto dump = (work.path() / data_name).string();
    auto list = (work.path() / "toc.list").string();
    run_pg_program({o.pg_restore, "--list", "--file=" + list, dump}, pc.password, work.path());
    // The schema exists in the target already (checked above): its own entries are left out.
    std::ifstream in(list);
    std::ofstream out(work.path() / "toc.use");
    for (std::string line; std::getline(in, line);)
      if (line.find(" SCHEMA - ") == std::string::npos &&
          line.find(" COMMENT - SCHEMA ") == std::string::npos)
        out << line << "\n";
    out.close();
    run_pg_program(
        {o.pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
         "--use-list=" + (work.path() / "toc.use").string(), "--dbname=" + pc.conninfo, dump},
        pc.password, work.path());
  }

  // 4. Verify.
  auto db = Database::open(url, 1);
  auto s = db->lease();
  auto now = table_digests(*s, target);
  std::map<std::string, TableDigest> got;
  for (const auto& t : now) got[t.table] = t;
  for (const auto& want : r.manifest.tables) {
    auto it = got.find(want.table);
    if (it == got.end()) {
      r.problems.push_back("table « " + want.table + " » absente après restauration");
      continue;
    }
    if (it->second.rows != want.rows)
      r.problems.push_back(
          "table « " + want.table +
          " » : " + plural(it->second.rows, "ligne restaurée", "lignes restaurées") + ", " +
          std::to_string(want.rows) + " " + std::string(agree(want.rows, "attendue", "attendues")));
    else if (it->second.digest != want.digest)
      r.problems.push_back("table « " + want.table +
                           " » : contenu différent de celui de la sauvegarde");
    got.erase(it);
  }
  for (const auto& [name, t] : got)
    r.problems.push_back("table « " + name + " » inattendue après restauration");
  auto v = verify_audit(*s, o.key, checkpoints);
  r.audit_entries = v.entries;
  r.audit_checkpoints = v.checkpoints;
  if (!v.ok)
    r.problems.push_back("journal altéré : premier maillon rompu à l'entrée " +
                         std::to_string(v.broken_at) + " (" + v.reason + ")");
  r.ok = r.problems.empty();

  // 5. The checkpoints, where the configuration expects them, unless a file is there.
  if (!o.checkpoint_file.empty() &&
      (!fs::exists(o.checkpoint_file) || fs::file_size(o.checkpoint_file) == 0)) {
    for (const auto& cp : checkpoints)
      if (cp.seq >= 0) append_checkpoint_file(o.checkpoint_file, cp);
    r.checkpoints_installed = true;
  }
  return r;
}

}  // namespace carepilot::store
