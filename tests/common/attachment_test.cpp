// files::check_attachment opens every uploaded document with its kind's reader
// (common/file_content.hpp): both sides of each check, for every accepted kind.
#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <sstream>
#include <string>

#include "common/attachment.hpp"
#include "common/errors.hpp"
#include "common/file_content.hpp"
#include "sample_files.hpp"

namespace carepilot::files {
namespace {

using carepilot::testing::sample_docx;
using carepilot::testing::sample_jpeg;
using carepilot::testing::sample_odt;
using carepilot::testing::sample_pdf;
using carepilot::testing::sample_png;
using carepilot::testing::sample_xlsx;

// The refusal's code and message, or "" when the file is accepted.
std::pair<std::string, std::string> refusal(const std::string& name, const std::string& bytes) {
  try {
    check_attachment(name, bytes, {"document", "evidence", "Document"});
    return {"", ""};
  } catch (const UserError& e) {
    return {e.fields().at(0).code, e.fields().at(0).message};
  }
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A PNG declaring width × height (checksums right) whose image data is empty.
std::string png_header(std::uint32_t width, std::uint32_t height) {
  auto be32 = [](std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  std::string chunk = "IHDR" + be32(width) + be32(height) + std::string("\x08\x00\x00\x00\x00", 5);
  auto with_crc = [&](const std::string& c) {
    return c + be32(static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(c.data()),
                                                     static_cast<uInt>(c.size()))));
  };
  // IHDR, then an empty IDAT and IEND: the header can be read, the image data is missing.
  return std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + with_crc(chunk) + be32(0) +
         with_crc("IDAT") + be32(0) + with_crc("IEND");
}

TEST(Attachments, EveryKindIsAcceptedWhenItsReaderOpensIt) {
  EXPECT_EQ(check_attachment("a.PDF", sample_pdf()).content_type, "application/pdf");
  EXPECT_EQ(check_attachment("c:\\dir\\img.png", sample_png()).file_name, "img.png");
  EXPECT_EQ(check_attachment("photo.jpg", sample_jpeg()).content_type, "image/jpeg");
  EXPECT_EQ(check_attachment("photo.jpeg", sample_jpeg(640, 480)).content_type, "image/jpeg");
  EXPECT_EQ(refusal("plan.odt", sample_odt()).first, "");
  EXPECT_EQ(refusal("plan.docx", sample_docx()).first, "");
  EXPECT_EQ(refusal("budget.xlsx", sample_xlsx()).first, "");
  EXPECT_EQ(refusal("note.txt", "Compte rendu\n").first, "");
}

TEST(Attachments, AHeaderAloneIsNotAFile) {
  // The trial's case: 12 bytes starting like a PNG.
  auto [code, message] = refusal("attestation.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\0", 12));
  EXPECT_EQ(code, "evidence.attachment_unreadable");
  EXPECT_NE(message.find("Document : le fichier « attestation.png » ne peut pas être ouvert comme "
                         "un PNG"),
            std::string::npos)
      << message;
  EXPECT_EQ(refusal("a.pdf", "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").first,
            "evidence.attachment_unreadable");
  EXPECT_EQ(refusal("a.jpg", std::string("\xff\xd8\xff\xe0", 4)).first,
            "evidence.attachment_unreadable");
  EXPECT_EQ(refusal("doc.docx", "PK\x03\x04....word/document.xml").first,
            "evidence.attachment_unreadable");
  // Another kind altogether is still named as such.
  EXPECT_EQ(refusal("a.pdf", sample_png()).first, "evidence.attachment_type");
  EXPECT_EQ(refusal("a.png", sample_jpeg()).first, "evidence.attachment_type");
  EXPECT_EQ(refusal("note.txt", std::string("a\0b", 3)).first, "evidence.attachment_type");
}

// A text attachment re-saved in Latin-1: refused, saying so with the line of its first bad
// byte; the same text in UTF-8 is accepted.
TEST(Attachments, ATextFileMustBeUtf8) {
  auto [code, message] = refusal("compte-rendu.txt", "Compte rendu\nR\xE9union du 3 mars\n");
  EXPECT_EQ(code, "evidence.attachment_type");
  EXPECT_NE(message.find("le fichier « compte-rendu.txt » n'est pas en UTF-8 (ligne 2, encodage "
                         "Windows-1252 ou Latin-1 ?)"),
            std::string::npos)
      << message;
  EXPECT_EQ(refusal("compte-rendu.txt", "Compte rendu\nRéunion du 3 mars\n").first, "");
}

TEST(Attachments, ACutOrDamagedImageIsRefused) {
  const std::string png = sample_png(64, 64);
  EXPECT_EQ(refusal("a.png", png).first, "");
  EXPECT_EQ(refusal("a.png", png.substr(0, png.size() / 2)).first,
            "evidence.attachment_unreadable");
  std::string flipped = png;
  flipped[flipped.size() - 20] ^= 0x55;  // inside the image data: its checksum no longer holds
  EXPECT_EQ(refusal("a.png", flipped).first, "evidence.attachment_unreadable");

  const std::string jpeg = sample_jpeg(64, 64);
  EXPECT_EQ(refusal("a.jpg", jpeg).first, "");
  EXPECT_EQ(refusal("a.jpg", jpeg.substr(0, jpeg.size() * 2 / 3)).first,
            "evidence.attachment_unreadable");
  // A photo with stray bytes between two markers (as some phones write them) is whole: libjpeg
  // warns, and reads every pixel. Damaged image data is still refused.
  ASSERT_EQ(jpeg.substr(2, 2), "\xFF\xE0");  // SOI, then the JFIF segment
  const auto app0_end =
      4 + ((static_cast<unsigned char>(jpeg[4]) << 8) | static_cast<unsigned char>(jpeg[5]));
  std::string stray = jpeg;
  stray.insert(app0_end, std::string("\x00\x00\x00", 3));
  EXPECT_EQ(refusal("a.jpg", stray).first, "");
  std::string damaged = jpeg;
  for (std::size_t i = damaged.size() - 40; i < damaged.size() - 10; ++i) damaged[i] = '\xFF';
  EXPECT_EQ(refusal("a.jpg", damaged).first, "evidence.attachment_unreadable");
}

TEST(Attachments, AnImageDeclaringTooManyPixelsIsRefusedBeforeDecoding) {
  // Exactly the limit is decoded (and found without its image data).
  EXPECT_EQ(kMaxImagePixels, 100'000'000u);
  EXPECT_EQ(inspect_content(ContentKind::png, png_header(10'000, 10'000)),
            ContentVerdict::unreadable);
  EXPECT_EQ(inspect_content(ContentKind::png, png_header(10'000, 10'001)),
            ContentVerdict::too_large);
  EXPECT_EQ(refusal("a.png", png_header(20'000, 20'000)).first, "evidence.attachment_unreadable");
}

TEST(Attachments, APdfLockedByAPasswordIsRefusedByName) {
  const auto locked = read_file(CAREPILOT_SOURCE_DIR "/tests/data/files/locked.pdf");
  ASSERT_FALSE(locked.empty());
  EXPECT_EQ(inspect_content(ContentKind::pdf, locked), ContentVerdict::locked);
  auto [code, message] = refusal("plan.pdf", locked);
  EXPECT_EQ(code, "evidence.attachment_locked");
  EXPECT_NE(message.find("protégé par un mot de passe"), std::string::npos) << message;
  EXPECT_EQ(inspect_content(ContentKind::pdf, sample_pdf("Plan de continuité")),
            ContentVerdict::readable);
}

TEST(Attachments, AZipMustBeTheDocumentItsExtensionNames) {
  // A Word file named .xlsx, an Excel file named .docx, an ODT without its mimetype first.
  EXPECT_EQ(refusal("a.xlsx", sample_docx()).first, "evidence.attachment_unreadable");
  EXPECT_EQ(refusal("a.docx", sample_xlsx()).first, "evidence.attachment_unreadable");
  EXPECT_EQ(refusal("a.odt", sample_docx()).first, "evidence.attachment_unreadable");
  // A damaged entry (its CRC no longer holds) or a cut archive.
  std::string docx = sample_docx();
  const auto at = docx.find("<w:document/>");  // the entry's data (stored uncompressed)
  ASSERT_NE(at, std::string::npos);
  std::string damaged = docx;
  damaged[at + 3] ^= 0x20;
  EXPECT_EQ(refusal("a.docx", damaged).first, "evidence.attachment_unreadable");
  EXPECT_EQ(refusal("a.docx", docx.substr(0, docx.size() - 30)).first,
            "evidence.attachment_unreadable");
}

}  // namespace
}  // namespace carepilot::files
