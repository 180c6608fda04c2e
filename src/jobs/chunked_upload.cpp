#include "jobs/chunked_upload.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <vector>

#include "common/errors.hpp"

namespace carepilot::jobs {

namespace {

std::string random_id() {
  std::random_device rd;
  std::uniform_int_distribution<unsigned long long> d;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", d(rd), d(rd));
  return buf;
}

// An open file descriptor, closed (and its lock released) on scope exit.
struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

std::uint64_t size_of(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw std::runtime_error("fstat impossible");
  return static_cast<std::uint64_t>(st.st_size);
}

UserError chunk_error(int status, const std::string& code, const std::string& message) {
  return UserError(status, code, message, {{"chunk", code, message}});
}

}  // namespace

bool valid_upload_id(std::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

ChunkedUpload ChunkedUploads::create(const std::string& owner, std::int64_t establishment_id,
                                     const std::string& purpose, const std::string& file_name,
                                     std::uint64_t size) {
  std::filesystem::create_directories(dir_);
  ChunkedUpload u;
  u.id = random_id();
  u.owner = owner;
  u.establishment_id = establishment_id;
  u.purpose = purpose;
  u.file_name = file_name;
  u.size = size;
  u.part = dir_ / (u.id + ".part");
  {
    Fd f(::open(u.part.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (f.fd < 0) throw std::runtime_error("écriture impossible : " + u.part.string());
  }
  const nlohmann::json meta{{"owner", owner},
                            {"establishment_id", establishment_id},
                            {"purpose", purpose},
                            {"file_name", file_name},
                            {"size", size}};
  const auto path = dir_ / (u.id + ".json");
  std::ofstream out(path, std::ios::binary);
  out << meta.dump();
  out.close();
  if (!out) {
    remove(u);
    throw std::runtime_error("écriture impossible : " + path.string());
  }
  return u;
}

std::optional<ChunkedUpload> ChunkedUploads::find(const std::string& id, const std::string& owner,
                                                  std::int64_t establishment_id,
                                                  const std::string& purpose) const {
  if (!valid_upload_id(id)) return std::nullopt;
  std::ifstream in(dir_ / (id + ".json"), std::ios::binary);
  if (!in) return std::nullopt;
  auto meta = nlohmann::json::parse(in, nullptr, false);
  if (meta.is_discarded() || !meta.is_object()) return std::nullopt;
  ChunkedUpload u;
  u.id = id;
  u.owner = meta.value("owner", "");
  u.establishment_id = meta.value("establishment_id", std::int64_t{0});
  u.purpose = meta.value("purpose", "");
  u.file_name = meta.value("file_name", "");
  u.size = meta.value("size", std::uint64_t{0});
  u.part = dir_ / (id + ".part");
  if (u.owner != owner || u.establishment_id != establishment_id || u.purpose != purpose)
    return std::nullopt;
  std::error_code ec;
  const auto n = std::filesystem::file_size(u.part, ec);
  if (ec) return std::nullopt;
  u.received = n;
  return u;
}

ChunkedUpload ChunkedUploads::append(const ChunkedUpload& u, std::uint64_t offset,
                                     std::string_view bytes) {
  if (bytes.empty())
    throw chunk_error(422, "upload.chunk_empty", "Morceau du fichier : il est vide.");
  if (bytes.size() > kMaxChunkBytes)
    throw chunk_error(
        422, "upload.chunk_too_large",
        "Morceau du fichier : il dépasse " + std::to_string(kMaxChunkBytes >> 20) + " Mio.");
  Fd f(::open(u.part.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC));
  if (f.fd < 0) throw UserError::not_found("Ce dépôt n'existe pas.");
  if (::flock(f.fd, LOCK_EX) != 0) throw std::runtime_error("verrou impossible");
  ChunkedUpload out = u;
  out.received = size_of(f.fd);
  if (offset != out.received)
    throw UserError(409, "upload.offset",
                    "Morceau du fichier : position " + std::to_string(offset) +
                        " inattendue, le dépôt en est à l'octet " + std::to_string(out.received) +
                        ".",
                    {{"offset", "upload.offset", std::to_string(out.received)}});
  if (out.received + bytes.size() > u.size)
    throw chunk_error(422, "upload.beyond_size",
                      "Morceau du fichier : il dépasse la taille annoncée (" +
                          std::to_string(u.size) + " octets).");
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::write(f.fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      // A partial chunk would shift every later offset: cut it off.
      [[maybe_unused]] const int cut = ::ftruncate(f.fd, static_cast<off_t>(out.received));
      throw std::runtime_error("écriture impossible : " + u.part.string());
    }
    done += static_cast<std::size_t>(n);
  }
  out.received += bytes.size();
  return out;
}

std::filesystem::path ChunkedUploads::take(const ChunkedUpload& u) {
  Fd f(::open(u.part.c_str(), O_RDONLY | O_CLOEXEC));
  if (f.fd < 0) throw UserError::not_found("Ce dépôt n'existe pas.");
  if (::flock(f.fd, LOCK_EX) != 0) throw std::runtime_error("verrou impossible");
  const auto received = size_of(f.fd);
  if (received != u.size)
    throw UserError(409, "upload.incomplete",
                    "Dépôt incomplet : " + std::to_string(received) + " octets reçus sur " +
                        std::to_string(u.size) + ".",
                    {{"offset", "upload.incomplete", std::to_string(received)}});
  std::error_code ec;
  std::filesystem::remove(dir_ / (u.id + ".json"), ec);
  if (ec) throw UserError::not_found("Ce dépôt n'existe pas.");
  return u.part;
}

void ChunkedUploads::remove(const ChunkedUpload& u) {
  std::error_code ec;
  std::filesystem::remove(dir_ / (u.id + ".json"), ec);
  std::filesystem::remove(dir_ / (u.id + ".part"), ec);
}

std::size_t ChunkedUploads::remove_stale(std::chrono::seconds max_age) {
  std::size_t n = 0;
  std::error_code ec;
  if (!std::filesystem::exists(dir_, ec)) return 0;
  const auto now = std::filesystem::file_time_type::clock::now();
  for (const auto& e : std::filesystem::directory_iterator(dir_, ec)) {
    if (e.path().extension() != ".part") continue;
    const auto id = e.path().stem().string();
    if (!valid_upload_id(id)) continue;
    const auto t = std::filesystem::last_write_time(e.path(), ec);
    if (ec || now - t < max_age) continue;
    std::filesystem::remove(dir_ / (id + ".json"), ec);
    std::filesystem::remove(e.path(), ec);
    ++n;
  }
  return n;
}

std::string sha256_file_hex(const std::filesystem::path& path) {
  static const int init = sodium_init();
  if (init < 0) throw std::runtime_error("libsodium: initialisation failed");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("lecture impossible : " + path.string());
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  std::vector<char> buf(1u << 20);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = in.gcount();
    if (n > 0)
      crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(buf.data()),
                                static_cast<unsigned long long>(n));
  }
  std::array<unsigned char, crypto_hash_sha256_BYTES> d{};
  crypto_hash_sha256_final(&st, d.data());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), d.data(), d.size());
  return std::string(hex.data());
}

std::string file_head(const std::filesystem::path& path, std::size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::string out(n, '\0');
  in.read(out.data(), static_cast<std::streamsize>(n));
  out.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return out;
}

}  // namespace carepilot::jobs
