#include "common/file_content.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <jpeglib.h>
// After jpeglib.h: the JWRN_ message codes.
#include <jerror.h>
#include <png.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <csetjmp>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace carepilot::files {

namespace {

// --- PDF (poppler) ---------------------------------------------------------------------------

ContentVerdict inspect_pdf(std::string_view bytes) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return ContentVerdict::too_large;
  // poppler reports every repaired or unreadable object on stderr: the verdict says enough.
  static const bool quiet = [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    return true;
  }();
  (void)quiet;
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return ContentVerdict::unreadable;
  if (doc->is_locked()) return ContentVerdict::locked;
  const int pages = doc->pages();
  if (pages < 1) return ContentVerdict::unreadable;
  for (int i = 0; i < pages; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) return ContentVerdict::unreadable;
  }
  return ContentVerdict::readable;
}

// --- PNG (libpng's simplified API) -----------------------------------------------------------

ContentVerdict inspect_png(std::string_view bytes) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()))
    return ContentVerdict::unreadable;
  const std::uint64_t pixels = std::uint64_t{image.width} * image.height;
  if (pixels == 0 || pixels > kMaxImagePixels) {
    png_image_free(&image);
    return pixels == 0 ? ContentVerdict::unreadable : ContentVerdict::too_large;
  }
  image.format = PNG_FORMAT_GRAY;  // one byte a pixel: decoding checks every row all the same
  std::vector<unsigned char> buffer(PNG_IMAGE_SIZE(image));
  // finish_read frees the image's resources whatever the outcome.
  if (!png_image_finish_read(&image, nullptr, buffer.data(), 0, nullptr))
    return ContentVerdict::unreadable;
  return ContentVerdict::readable;
}

// --- JPEG (libjpeg) --------------------------------------------------------------------------

struct JpegErrors {
  jpeg_error_mgr base;
  std::jmp_buf escape;
  int warnings;
};

void jpeg_fail(j_common_ptr info) {
  auto* errors = reinterpret_cast<JpegErrors*>(info->err);
  std::longjmp(errors->escape, 1);
}

void jpeg_note(j_common_ptr info, int level) {
  // level -1: a warning; trace levels are ignored. A warning that the image is whole counts
  // for nothing: bytes between markers that cameras and phones leave (JWRN_EXTRANEOUS_DATA),
  // an unreadable colour profile (JWRN_BOGUS_ICC), an unknown Adobe transform
  // (JWRN_ADOBE_XFORM). Every other one (premature end, corrupt data, bad Huffman code, lost
  // sync ...) means pixels were lost: the file is refused.
  if (level >= 0) return;
  switch (info->err->msg_code) {
    case JWRN_EXTRANEOUS_DATA:
    case JWRN_BOGUS_ICC:
    case JWRN_ADOBE_XFORM:
      return;
    default:
      ++reinterpret_cast<JpegErrors*>(info->err)->warnings;
  }
}

void jpeg_quiet(j_common_ptr) {}

// Only trivially destructible objects live in this frame: longjmp leaves it.
ContentVerdict inspect_jpeg_frame(const unsigned char* data, unsigned long size, unsigned char* row,
                                  std::size_t row_capacity) {
  jpeg_decompress_struct info;
  JpegErrors errors;
  info.err = jpeg_std_error(&errors.base);
  errors.base.error_exit = jpeg_fail;
  errors.base.emit_message = jpeg_note;
  errors.base.output_message = jpeg_quiet;
  errors.warnings = 0;
  if (setjmp(errors.escape)) {
    jpeg_destroy_decompress(&info);
    return ContentVerdict::unreadable;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, data, size);
  if (jpeg_read_header(&info, TRUE) != JPEG_HEADER_OK) {
    jpeg_destroy_decompress(&info);
    return ContentVerdict::unreadable;
  }
  const std::uint64_t pixels = std::uint64_t{info.image_width} * info.image_height;
  if (pixels > kMaxImagePixels || info.image_width > row_capacity) {
    jpeg_destroy_decompress(&info);
    return ContentVerdict::too_large;
  }
  info.out_color_space = JCS_GRAYSCALE;
  jpeg_start_decompress(&info);
  JSAMPROW rows[1] = {row};
  while (info.output_scanline < info.output_height) jpeg_read_scanlines(&info, rows, 1);
  jpeg_finish_decompress(&info);
  const int warnings = errors.warnings;
  jpeg_destroy_decompress(&info);
  return warnings == 0 ? ContentVerdict::readable : ContentVerdict::unreadable;
}

ContentVerdict inspect_jpeg(std::string_view bytes) {
  // JPEG's own bound on a side is 65,500 pixels: one grey row of that width is enough.
  std::vector<unsigned char> row(65'536);
  return inspect_jpeg_frame(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                            row.data(), row.size());
}

// --- Zip containers (libarchive) -------------------------------------------------------------

struct ArchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};

ContentVerdict inspect_zip(ContentKind kind, std::string_view bytes) {
  std::unique_ptr<archive, ArchiveCloser> zip(archive_read_new());
  if (!zip) throw std::bad_alloc();
  archive_read_support_format_zip_seekable(zip.get());
  if (archive_read_open_memory(zip.get(), bytes.data(), bytes.size()) != ARCHIVE_OK)
    return ContentVerdict::unreadable;
  std::set<std::string> names;
  std::string first_name, first_content;
  std::uint64_t unpacked = 0;
  std::vector<char> chunk(64 * 1024);
  archive_entry* entry = nullptr;
  for (int index = 0;; ++index) {
    const int r = archive_read_next_header(zip.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK) return ContentVerdict::unreadable;
    const char* name = archive_entry_pathname(entry);
    if (!name) return ContentVerdict::unreadable;
    names.insert(name);
    if (index == 0) first_name = name;
    for (;;) {
      const la_ssize_t n = archive_read_data(zip.get(), chunk.data(), chunk.size());
      if (n == 0) break;
      if (n < 0) return ContentVerdict::unreadable;  // bad CRC, cut data, unknown method
      unpacked += static_cast<std::uint64_t>(n);
      if (unpacked > kMaxUnpackedBytes) return ContentVerdict::too_large;
      if (index == 0 && first_content.size() < 200)
        first_content.append(chunk.data(), static_cast<std::size_t>(n));
    }
  }
  auto has = [&](const char* n) { return names.count(n) > 0; };
  switch (kind) {
    case ContentKind::odt:
      return first_name == "mimetype" &&
                     first_content == "application/vnd.oasis.opendocument.text" &&
                     has("content.xml")
                 ? ContentVerdict::readable
                 : ContentVerdict::unreadable;
    case ContentKind::docx:
      return has("[Content_Types].xml") && has("word/document.xml") ? ContentVerdict::readable
                                                                    : ContentVerdict::unreadable;
    case ContentKind::xlsx:
      return has("[Content_Types].xml") && has("xl/workbook.xml") ? ContentVerdict::readable
                                                                  : ContentVerdict::unreadable;
    default:
      return ContentVerdict::unreadable;
  }
}

}  // namespace

ContentVerdict inspect_content(ContentKind kind, std::string_view bytes) {
  if (bytes.empty()) return ContentVerdict::unreadable;
  switch (kind) {
    case ContentKind::pdf:
      return inspect_pdf(bytes);
    case ContentKind::png:
      return inspect_png(bytes);
    case ContentKind::jpeg:
      return inspect_jpeg(bytes);
    case ContentKind::odt:
    case ContentKind::docx:
    case ContentKind::xlsx:
      return inspect_zip(kind, bytes);
  }
  return ContentVerdict::unreadable;
}

}  // namespace carepilot::files
