#include "app/collection_zip.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace carepilot::app {

namespace {

using Archive = std::unique_ptr<archive, decltype(&archive_write_free)>;
using Entry = std::unique_ptr<archive_entry, decltype(&archive_entry_free)>;

void add_file(archive* a, const std::filesystem::path& file, const std::string& name) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + " : fichier illisible");
  Entry e(archive_entry_new(), archive_entry_free);
  archive_entry_set_pathname(e.get(), name.c_str());
  archive_entry_set_size(e.get(), static_cast<la_int64_t>(std::filesystem::file_size(file)));
  archive_entry_set_filetype(e.get(), AE_IFREG);
  archive_entry_set_perm(e.get(), 0644);
  if (archive_write_header(a, e.get()) != ARCHIVE_OK)
    throw std::runtime_error(name + " : " + archive_error_string(a));
  std::vector<char> block(1 << 16);
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    const auto n = in.gcount();
    if (n > 0 && archive_write_data(a, block.data(), static_cast<std::size_t>(n)) < 0)
      throw std::runtime_error(name + " : " + archive_error_string(a));
  }
  if (in.bad()) throw std::runtime_error(file.string() + " : lecture interrompue");
}

}  // namespace

void zip_collection(const std::filesystem::path& input, const std::filesystem::path& out) {
  try {
    Archive a(archive_write_new(), archive_write_free);
    if (!a || archive_write_set_format_zip(a.get()) != ARCHIVE_OK ||
        archive_write_open_filename(a.get(), out.c_str()) != ARCHIVE_OK)
      throw std::runtime_error(out.string() + " : archive impossible à écrire");
    if (std::filesystem::is_directory(input)) {
      for (const auto& f : std::filesystem::recursive_directory_iterator(input))
        if (f.is_regular_file())
          add_file(a.get(), f.path(), f.path().lexically_relative(input).generic_string());
    } else {
      add_file(a.get(), input, input.filename().string());
    }
    if (archive_write_close(a.get()) != ARCHIVE_OK)
      throw std::runtime_error(out.string() + " : " + archive_error_string(a.get()));
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(out, ec);
    throw;
  }
}

}  // namespace carepilot::app
