// Files uploaded in chunks (issue 14: AD collections up to 2 GB streamed to disk, never held
// in memory; issue 17 trial: no upload may meet a closed connection). The HTTP server holds a
// request body in memory and closes the connection, unanswered, beyond its hard limit
// (RESTinio 0.6.16 refuses a body at header time without a response), so a large file travels
// as a declared upload followed by chunks of at most kMaxChunkBytes, each appended to a file on
// disk at the offset the client names, and is handed whole to its module at the end.
//
// An upload lives in `dir` as two files: ID.part (the bytes received so far: the offset is its
// size) and ID.json (who declared it, for which establishment and purpose, the file's name and
// declared size). Appends take an exclusive lock on the part file, so two instances sharing the
// directory never interleave chunks. Nothing of an upload is in the database.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace carepilot::jobs {

inline constexpr std::size_t kMaxChunkBytes = 8u << 20;  // 8 MiB

struct ChunkedUpload {
  std::string id;     // 32 hexadecimal digits, random
  std::string owner;  // the user who declared it: only they may add to it
  std::int64_t establishment_id = 0;
  std::string purpose;         // "ad_audit", "exposure_audit"
  std::string file_name;       // as the client named it
  std::uint64_t size = 0;      // declared
  std::uint64_t received = 0;  // bytes on disk
  std::filesystem::path part;
  bool complete() const { return received == size; }
};

class ChunkedUploads {
 public:
  explicit ChunkedUploads(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // Declares an upload of `size` bytes (> 0; the caller has checked its own limit). Throws
  // std::runtime_error when the directory cannot be written.
  ChunkedUpload create(const std::string& owner, std::int64_t establishment_id,
                       const std::string& purpose, const std::string& file_name,
                       std::uint64_t size);
  // The upload `id` if it exists and belongs to this owner, establishment and purpose; nullopt
  // otherwise (answered 404: another user's upload is not revealed).
  std::optional<ChunkedUpload> find(const std::string& id, const std::string& owner,
                                    std::int64_t establishment_id,
                                    const std::string& purpose) const;
  // Appends `bytes` at `offset`. UserError 409 `upload.offset` when offset is not the number
  // of bytes received (the message and field give the expected offset; the client resumes
  // there); 422 `upload.chunk_empty`, `upload.chunk_too_large` (over kMaxChunkBytes),
  // `upload.beyond_size` (past the declared size). Nothing is written when refused.
  ChunkedUpload append(const ChunkedUpload& u, std::uint64_t offset, std::string_view bytes);
  // The complete file, detached from the store (its description is removed; the caller moves
  // or removes the file). 409 `upload.incomplete` while bytes are missing.
  std::filesystem::path take(const ChunkedUpload& u);
  // Removes an upload (both files), ignoring errors.
  void remove(const ChunkedUpload& u);
  // Removes uploads whose last chunk is older than `max_age`; answers how many.
  std::size_t remove_stale(std::chrono::seconds max_age);

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

// Whether `id` has the form of an upload id (32 lowercase hexadecimal digits).
bool valid_upload_id(std::string_view id);
// The SHA-256 of a file, in hexadecimal, read in blocks (never the whole file in memory).
std::string sha256_file_hex(const std::filesystem::path& path);
// The first `n` bytes of a file (fewer when it is shorter).
std::string file_head(const std::filesystem::path& path, std::size_t n);

}  // namespace carepilot::jobs
