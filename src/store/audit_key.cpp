#include "store/audit_key.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace carepilot::store {

namespace {

void ensure_sodium() {
  static const int init = sodium_init();
  if (init < 0) throw std::runtime_error("libsodium : initialisation impossible");
}

std::string to_hex(const unsigned char* p, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

bool from_hex(const std::string& hex, unsigned char* out, std::size_t n) {
  std::size_t len = 0;
  return sodium_hex2bin(out, n, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == n;
}

// BLAKE2b of the secret with a personalisation: independent sub-keys from one secret.
void derive(const std::array<unsigned char, 32>& secret, const char* personal, unsigned char* out,
            std::size_t n) {
  unsigned char pers[crypto_generichash_blake2b_PERSONALBYTES] = {};
  for (std::size_t i = 0; i < sizeof pers && personal[i]; ++i)
    pers[i] = static_cast<unsigned char>(personal[i]);
  crypto_generichash_blake2b_salt_personal(out, n, nullptr, 0, secret.data(), secret.size(),
                                           nullptr, pers);
}

std::mutex& key_mutex() {
  static std::mutex m;
  return m;
}
std::optional<AuditKey>& key_slot() {
  static std::optional<AuditKey> k;
  return k;
}

std::string signed_text(std::int64_t seq, const std::string& head, const std::string& at) {
  return "carepilot-audit-checkpoint|" + std::to_string(seq) + "|" + head + "|" + at;
}

}  // namespace

AuditKey AuditKey::from_secret(const std::array<unsigned char, 32>& secret) {
  ensure_sodium();
  AuditKey k;
  derive(secret, "cp-audit-hmac", k.mac.data(), k.mac.size());
  std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
  derive(secret, "cp-audit-ed25519", seed.data(), seed.size());
  crypto_sign_seed_keypair(k.sign_pk.data(), k.sign_sk.data(), seed.data());
  sodium_memzero(seed.data(), seed.size());
  return k;
}

AuditKey AuditKey::random() {
  ensure_sodium();
  std::array<unsigned char, 32> secret{};
  randombytes_buf(secret.data(), secret.size());
  return from_secret(secret);
}

std::string AuditKey::public_key_hex() const {
  return to_hex(sign_pk.data(), sign_pk.size());
}

AuditKey load_audit_key(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("clé du journal introuvable ou illisible : " + path +
                             " (paramètre audit_key_file)");
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    throw std::runtime_error("clé du journal " + path +
                             " lisible par d'autres comptes : appliquer « chmod 600 »");
  std::string hex;
  std::getline(in, hex);
  while (!hex.empty() && (hex.back() == '\r' || hex.back() == ' ')) hex.pop_back();
  std::array<unsigned char, 32> secret{};
  ensure_sodium();
  if (hex.size() != 64 || !from_hex(hex, secret.data(), secret.size()))
    throw std::runtime_error("clé du journal " + path +
                             " mal formée : 64 caractères hexadécimaux attendus");
  auto k = AuditKey::from_secret(secret);
  sodium_memzero(secret.data(), secret.size());
  return k;
}

AuditKey load_or_create_audit_key(const std::string& path) {
  if (std::filesystem::exists(path)) return load_audit_key(path);
  ensure_sodium();
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  std::array<unsigned char, 32> secret{};
  randombytes_buf(secret.data(), secret.size());
  std::string line = to_hex(secret.data(), secret.size()) + "\n";
  // O_EXCL: two processes starting together never overwrite each other's key.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return load_audit_key(path);
    throw std::runtime_error("impossible de créer la clé du journal : " + path);
  }
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("impossible d'écrire la clé du journal : " + path);
  auto k = AuditKey::from_secret(secret);
  sodium_memzero(secret.data(), secret.size());
  return k;
}

void use_audit_key_from_environment() {
  const char* file = std::getenv("CAREPILOT_AUDIT_KEY_FILE");
  set_audit_key(load_or_create_audit_key(file && *file ? file : "var/audit.key"));
}

void set_audit_key(const AuditKey& key) {
  std::lock_guard lock(key_mutex());
  key_slot() = key;
}

const AuditKey& audit_key() {
  std::lock_guard lock(key_mutex());
  if (!key_slot()) throw std::logic_error("audit trail key not configured (store::set_audit_key)");
  return *key_slot();
}

bool has_audit_key() {
  std::lock_guard lock(key_mutex());
  return key_slot().has_value();
}

std::string AuditCheckpoint::line() const {
  return "checkpoint seq=" + std::to_string(seq) + " head=" + (head.empty() ? "-" : head) +
         " at=" + at + " sig=" + signature;
}

AuditCheckpoint AuditCheckpoint::sign(std::int64_t seq, std::string head, std::string at,
                                      const AuditKey& key) {
  ensure_sodium();
  AuditCheckpoint cp;
  cp.seq = seq;
  cp.head = std::move(head);
  cp.at = std::move(at);
  std::string text = signed_text(cp.seq, cp.head, cp.at);
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), key.sign_sk.data());
  cp.signature = to_hex(sig.data(), sig.size());
  return cp;
}

bool AuditCheckpoint::signature_valid(const AuditKey& key) const {
  ensure_sodium();
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  if (!from_hex(signature, sig.data(), sig.size())) return false;
  std::string text = signed_text(seq, head, at);
  return crypto_sign_verify_detached(sig.data(),
                                     reinterpret_cast<const unsigned char*>(text.data()),
                                     text.size(), key.sign_pk.data()) == 0;
}

std::optional<AuditCheckpoint> AuditCheckpoint::parse(const std::string& line) {
  std::istringstream in(line);
  std::string word;
  if (!(in >> word) || word != "checkpoint") return std::nullopt;
  AuditCheckpoint cp;
  bool has_seq = false, has_sig = false;
  while (in >> word) {
    auto eq = word.find('=');
    if (eq == std::string::npos) return std::nullopt;
    std::string k = word.substr(0, eq), v = word.substr(eq + 1);
    if (k == "seq") {
      try {
        cp.seq = std::stoll(v);
        has_seq = true;
      } catch (const std::exception&) {
        return std::nullopt;
      }
    } else if (k == "head") {
      cp.head = v == "-" ? "" : v;
    } else if (k == "at") {
      cp.at = v;
    } else if (k == "sig") {
      cp.signature = v;
      has_sig = true;
    }
  }
  if (!has_seq || !has_sig) return std::nullopt;
  return cp;
}

bool append_checkpoint_file(const std::string& path, const AuditCheckpoint& cp) {
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    throw std::runtime_error("impossible d'ouvrir le fichier de points de contrôle " + path);
  // Instances sharing the file take turns: each reads the last line under the lock.
  if (::flock(fd, LOCK_EX) != 0) {
    ::close(fd);
    throw std::runtime_error("impossible de verrouiller le fichier de points de contrôle " + path);
  }
  struct stat st {};
  std::string tail;
  if (::fstat(fd, &st) == 0 && st.st_size > 0) {
    auto from = std::max<off_t>(0, st.st_size - 4096);
    tail.resize(static_cast<std::size_t>(st.st_size - from));
    auto n = ::pread(fd, tail.data(), tail.size(), from);
    tail.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  }
  while (!tail.empty() && tail.back() == '\n') tail.pop_back();
  auto last = AuditCheckpoint::parse(tail.substr(tail.rfind('\n') + 1));
  if (last && last->seq == cp.seq && last->head == cp.head) {
    ::close(fd);  // releases the lock
    return false;
  }
  std::string line = cp.line() + "\n";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("impossible d'écrire le point de contrôle dans " + path);
  return true;
}

std::vector<AuditCheckpoint> read_checkpoint_file(const std::string& path) {
  std::vector<AuditCheckpoint> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto cp = AuditCheckpoint::parse(line);
    if (cp) {
      out.push_back(*cp);
    } else {
      AuditCheckpoint bad;
      bad.seq = -1;
      out.push_back(bad);
    }
  }
  return out;
}

}  // namespace carepilot::store
