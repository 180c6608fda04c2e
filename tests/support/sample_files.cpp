#include "sample_files.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <jpeglib.h>
#include <png.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <utility>
#include <vector>

#include "common/pdf.hpp"

namespace carepilot::testing {

std::string sample_pdf(const std::string& text) {
  return pdf::render("Document de test", "carepilot — test",
                     [&](pdf::Writer& w) { w.block(text, "Sans 11"); });
}

std::string sample_png(unsigned width, unsigned height) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = width;
  image.height = height;
  image.format = PNG_FORMAT_GRAY;
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height);
  for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<unsigned char>(i * 7);
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&image, nullptr, &size, 0, pixels.data(), 0, nullptr))
    throw std::runtime_error("png size");
  std::string out(size, '\0');
  if (!png_image_write_to_memory(&image, out.data(), &size, 0, pixels.data(), 0, nullptr))
    throw std::runtime_error("png write");
  out.resize(size);
  return out;
}

std::string sample_jpeg(unsigned width, unsigned height) {
  jpeg_compress_struct info;
  jpeg_error_mgr errors;
  info.err = jpeg_std_error(&errors);
  jpeg_create_compress(&info);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = width;
  info.image_height = height;
  info.input_components = 1;
  info.in_color_space = JCS_GRAYSCALE;
  jpeg_set_defaults(&info);
  jpeg_start_compress(&info, TRUE);
  std::vector<unsigned char> row(width);
  while (info.next_scanline < info.image_height) {
    for (unsigned x = 0; x < width; ++x)
      row[x] = static_cast<unsigned char>((x + info.next_scanline) * 16);
    JSAMPROW rows[1] = {row.data()};
    jpeg_write_scanlines(&info, rows, 1);
  }
  jpeg_finish_compress(&info);
  std::string out(reinterpret_cast<const char*>(buffer), size);
  jpeg_destroy_compress(&info);
  std::free(buffer);
  return out;
}

namespace {

// libarchive's write callback: appends to the std::string given as client data.
la_ssize_t append_to(archive*, void* out, const void* data, std::size_t size) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(data), size);
  return static_cast<la_ssize_t>(size);
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

std::string zip_bytes(const ZipEntries& entries, bool stored) {
  std::string out;
  archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  if (stored) archive_write_set_options(a, "zip:compression=store");
  // Whole blocks are padded by default; a zip ends where its last byte is.
  archive_write_set_bytes_in_last_block(a, 1);
  if (archive_write_open(a, &out, nullptr, append_to, nullptr) != ARCHIVE_OK)
    throw std::runtime_error(std::string("zip: ") + archive_error_string(a));
  for (const auto& [name, content] : entries) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, static_cast<la_int64_t>(content.size()));
    archive_write_header(a, e);
    archive_write_data(a, content.data(), content.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

void write_zip(const std::filesystem::path& zip, const ZipEntries& entries) {
  std::ofstream(zip, std::ios::binary) << zip_bytes(entries);
}

void zip_folder(const std::filesystem::path& dir, const std::filesystem::path& zip) {
  ZipEntries entries;
  for (const auto& f : std::filesystem::recursive_directory_iterator(dir))
    if (f.is_regular_file())
      entries.emplace_back(std::filesystem::relative(f.path(), dir).generic_string(),
                           slurp(f.path()));
  write_zip(zip, entries);
}

std::string sample_odt() {
  return zip_bytes({{"mimetype", "application/vnd.oasis.opendocument.text"},
                    {"content.xml",
                     "<?xml version=\"1.0\"?><office:document-content "
                     "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>"},
                    {"META-INF/manifest.xml", "<?xml version=\"1.0\"?><manifest/>"}},
                   true);
}

std::string sample_docx() {
  return zip_bytes({{"[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>"},
                    {"word/document.xml", "<?xml version=\"1.0\"?><w:document/>"}},
                   true);
}

std::string sample_xlsx() {
  return zip_bytes({{"[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>"},
                    {"xl/workbook.xml", "<?xml version=\"1.0\"?><workbook/>"}},
                   true);
}

}  // namespace carepilot::testing
