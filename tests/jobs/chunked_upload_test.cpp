// Chunked uploads on disk (jobs/chunked_upload.hpp): offsets checked on both sides, refused
// chunks write nothing, only the owner of an upload (same establishment, same purpose) finds
// it, completion only when every byte is there, stale uploads swept, digests in blocks.
#include "jobs/chunked_upload.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "common/errors.hpp"
#include "store/audit_log.hpp"

using namespace carepilot;
using namespace carepilot::jobs;

namespace {

std::filesystem::path fresh_dir() {
  auto d = std::filesystem::temp_directory_path() /
           ("carepilot-chunks-" + std::to_string(::getpid()) + "-" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  std::filesystem::create_directories(d);
  return d;
}

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The UserError a call throws (status and code), or {0, ""}.
template <typename F>
std::pair<int, std::string> refusal(F&& f) {
  try {
    f();
  } catch (const UserError& e) {
    return {e.status(), e.code()};
  }
  return {0, ""};
}

class ChunkedUploadTest : public ::testing::Test {
 protected:
  ChunkedUploadTest() : dir_(fresh_dir()), store_(dir_ / "envois") {}
  ~ChunkedUploadTest() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::filesystem::path dir_;
  ChunkedUploads store_;
};

TEST_F(ChunkedUploadTest, ChunksAppendAtTheirOffsetAndTheFileIsTakenWhole) {
  auto u = store_.create("7:rssi@ch.fr", 3, "ad_audit", "collecte.zip", 10);
  EXPECT_TRUE(valid_upload_id(u.id));
  EXPECT_EQ(u.received, 0u);
  u = store_.append(u, 0, "abcd");
  EXPECT_EQ(u.received, 4u);
  // Found again from disk by its owner, with what was received.
  auto again = store_.find(u.id, "7:rssi@ch.fr", 3, "ad_audit");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->received, 4u);
  EXPECT_EQ(again->size, 10u);
  EXPECT_EQ(again->file_name, "collecte.zip");
  // Not complete yet: 409, and the upload stays.
  EXPECT_EQ(refusal([&] { store_.take(*again); }),
            std::make_pair(409, std::string("upload.incomplete")));
  u = store_.append(*again, 4, "efghij");  // exactly up to the declared size
  EXPECT_TRUE(u.complete());
  const auto file = store_.take(u);
  EXPECT_EQ(read_all(file), "abcdefghij");
  // Taken: no longer an upload.
  EXPECT_FALSE(store_.find(u.id, "7:rssi@ch.fr", 3, "ad_audit"));
}

TEST_F(ChunkedUploadTest, AWrongOffsetOrABadChunkIsRefusedAndWritesNothing) {
  auto u = store_.create("7:a", 3, "ad_audit", "c.zip", 10);
  u = store_.append(u, 0, "abc");
  // Both sides of the offset: one before, one after the bytes received; then the right one.
  EXPECT_EQ(refusal([&] { store_.append(u, 2, "x"); }),
            std::make_pair(409, std::string("upload.offset")));
  EXPECT_EQ(refusal([&] { store_.append(u, 4, "x"); }),
            std::make_pair(409, std::string("upload.offset")));
  try {
    store_.append(u, 0, "x");
    ADD_FAILURE() << "a chunk at 0 again was accepted";
  } catch (const UserError& e) {
    ASSERT_EQ(e.fields().size(), 1u);
    EXPECT_EQ(e.fields()[0].message, "3") << "the offset to resume at";
  }
  EXPECT_EQ(refusal([&] { store_.append(u, 3, ""); }),
            std::make_pair(422, std::string("upload.chunk_empty")));
  // Past the declared size (8 bytes where 7 remain); exactly the rest is accepted.
  EXPECT_EQ(refusal([&] { store_.append(u, 3, "12345678"); }),
            std::make_pair(422, std::string("upload.beyond_size")));
  // Over the chunk limit, on both sides.
  auto big = store_.create("7:a", 3, "ad_audit", "g.zip", 3 * kMaxChunkBytes);
  EXPECT_EQ(refusal([&] { store_.append(big, 0, std::string(kMaxChunkBytes + 1, 'x')); }),
            std::make_pair(422, std::string("upload.chunk_too_large")));
  EXPECT_EQ(store_.append(big, 0, std::string(kMaxChunkBytes, 'x')).received, kMaxChunkBytes);
  EXPECT_EQ(std::filesystem::file_size(u.part), 3u);
  u = store_.append(u, 3, "1234567");
  EXPECT_EQ(read_all(u.part), "abc1234567");
}

TEST_F(ChunkedUploadTest, OnlyItsOwnerForItsEstablishmentAndPurposeFindsAnUpload) {
  auto u = store_.create("7:a", 3, "ad_audit", "c.zip", 10);
  EXPECT_TRUE(store_.find(u.id, "7:a", 3, "ad_audit"));
  EXPECT_FALSE(store_.find(u.id, "8:b", 3, "ad_audit")) << "another user";
  EXPECT_FALSE(store_.find(u.id, "7:a", 4, "ad_audit")) << "another establishment";
  EXPECT_FALSE(store_.find(u.id, "7:a", 3, "exposure_audit")) << "another purpose";
  EXPECT_FALSE(store_.find(std::string(32, 'f'), "7:a", 3, "ad_audit")) << "unknown";
  EXPECT_FALSE(store_.find("../envois/" + u.id, "7:a", 3, "ad_audit")) << "not an id";
  EXPECT_FALSE(valid_upload_id(u.id.substr(1)));
  EXPECT_FALSE(valid_upload_id(std::string(32, 'G')));
}

TEST_F(ChunkedUploadTest, StaleUploadsAreSweptAndFreshOnesKept) {
  auto old_one = store_.create("7:a", 3, "ad_audit", "old.zip", 10);
  auto fresh = store_.create("7:a", 3, "ad_audit", "new.zip", 10);
  std::filesystem::last_write_time(
      old_one.part, std::filesystem::file_time_type::clock::now() - std::chrono::hours(25));
  EXPECT_EQ(store_.remove_stale(std::chrono::hours(24)), 1u);
  EXPECT_FALSE(store_.find(old_one.id, "7:a", 3, "ad_audit"));
  EXPECT_TRUE(store_.find(fresh.id, "7:a", 3, "ad_audit"));
  EXPECT_FALSE(std::filesystem::exists(old_one.part));
}

TEST_F(ChunkedUploadTest, TheDigestOfAFileIsReadInBlocks) {
  const std::string text = std::string(3u << 20, 'a') + "fin";
  const auto p = dir_ / "f.bin";
  std::ofstream(p, std::ios::binary) << text;
  EXPECT_EQ(sha256_file_hex(p), store::sha256_hex(text));
  EXPECT_EQ(file_head(p, 4), "aaaa");
  EXPECT_EQ(file_head(dir_ / "absent", 4), "");
}

}  // namespace
