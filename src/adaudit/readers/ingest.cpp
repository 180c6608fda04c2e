#include "adaudit/readers/ingest.hpp"

#include <fcntl.h>
#include <simdjson.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <vector>

#include "adaudit/readers/encoding.hpp"
#include "adaudit/readers/input_error.hpp"
#include "adaudit/readers/ldif_reader.hpp"
#include "adaudit/readers/oradad_reader.hpp"
#include "adaudit/readers/sharphound_reader.hpp"

namespace carepilot::adaudit {

namespace fs = std::filesystem;

namespace {

bool is_json_name(std::string_view n) {
  const std::string l = lower(n);
  return l.ends_with(".json");
}
bool is_ldif_name(std::string_view n) {
  const std::string l = lower(n);
  return l.ends_with(".ldif") || l.ends_with(".ldf");
}

void read_one(std::string_view name, std::string& data, Directory& dir, const IngestOptions& opt) {
  try {
    normalise_to_utf8(data, name);
    if (is_ldif_name(name)) {
      read_ldif(name, data, dir);
    } else {
      read_sharphound_json(name, data, dir);
      dir.format = "sharphound";
    }
  } catch (const InputError& e) {
    if (!opt.lenient) throw;
    dir.warnings.add("file_refused", e.what());
  }
}

// A read-only private mapping of a whole file, used when its last page leaves room for the
// JSON parser's padding: the reader then works on the page cache instead of a copy, and
// gives back the pages it has gone past (MADV_DONTNEED; they are re-read from the file if
// needed again), so the resident size stays far below the file size.
class MappedFile {
 public:
  // Returns false (and maps nothing) when the file cannot be mapped with padding room.
  bool open(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    const long page = ::sysconf(_SC_PAGESIZE);
    bool ok = ::fstat(fd, &st) == 0 && st.st_size > 0 && page > 0;
    if (ok) {
      size_ = static_cast<std::size_t>(st.st_size);
      page_ = static_cast<std::size_t>(page);
      mapped_ = (size_ + page_ - 1) / page_ * page_;
      ok = mapped_ - size_ >= simdjson::SIMDJSON_PADDING;  // bytes after EOF read as zeros
    }
    if (ok) {
      void* p = ::mmap(nullptr, mapped_, PROT_READ, MAP_PRIVATE, fd, 0);
      ok = p != MAP_FAILED;
      if (ok) {
        data_ = static_cast<const char*>(p);
        ::madvise(p, mapped_, MADV_SEQUENTIAL);
      }
    }
    ::close(fd);
    return ok;
  }
  MappedFile() = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() {
    if (data_) ::munmap(const_cast<char*>(data_), mapped_);
  }
  std::string_view text() const { return {data_, size_}; }
  std::size_t readable() const { return mapped_; }
  // Gives back the whole pages before byte n.
  void release_before(std::size_t n) {
    const std::size_t end = n / page_ * page_;
    if (end <= released_) return;
    ::madvise(const_cast<char*>(data_) + released_, end - released_, MADV_DONTNEED);
    released_ = end;
  }
  void release_all() {
    ::madvise(const_cast<char*>(data_), mapped_, MADV_DONTNEED);
    released_ = 0;  // a later pass starts from the beginning again
  }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0, mapped_ = 0, page_ = 4096, released_ = 0;
};

// Reads one file from disk: SharpHound JSON through a mapping when possible.
void read_path(const fs::path& path, Directory& dir, const IngestOptions& opt) {
  const std::string name = path.filename().string();
  if (is_json_name(name)) {
    MappedFile map;
    const auto utf8 = [&] {
      const auto e = detect_encoding(map.text().substr(0, 4));
      return e == TextEncoding::Utf8 || e == TextEncoding::Utf8Bom;
    };
    // Other encodings are converted (or refused) on a copy, below.
    if (map.open(path) && utf8()) {
      try {
        read_sharphound_json(name, map.text(), map.readable(), dir, [&](std::size_t n) {
          if (n < map.text().size()) {
            map.release_before(n);
          } else {
            map.release_all();  // end of the structure pass: the elements pass starts over
          }
        });
        dir.format = "sharphound";
      } catch (const InputError& e) {
        if (!opt.lenient) throw;
        dir.warnings.add("file_refused", e.what());
      }
      return;
    }
  }
  std::string data = read_file(path);
  read_one(name, data, dir, opt);
}

}  // namespace

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + " : fichier illisible");
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) throw InputError(path.string() + " : taille illisible");
  std::string data;
  data.reserve(size + 64);  // room for the JSON parser's padding
  data.resize(size);
  in.read(data.data(), static_cast<std::streamsize>(size));
  data.resize(static_cast<std::size_t>(in.gcount()));
  return data;
}

Directory ingest(const fs::path& input, const IngestOptions& opt) {
  Directory dir;
  std::error_code ec;
  if (!fs::exists(input, ec)) throw InputError(input.string() + " : chemin introuvable");
  if (fs::is_directory(input, ec) && !find_oradad_root(input).empty()) {
    read_oradad_folder(find_oradad_root(input), dir);
  } else if (fs::is_directory(input, ec)) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(input, ec))
      if (e.is_regular_file() && (is_json_name(e.path().filename().string()) ||
                                  is_ldif_name(e.path().filename().string())))
        files.push_back(e.path());
    std::sort(files.begin(), files.end());
    if (files.empty())
      throw InputError(input.string() + " : aucun fichier .json ou .ldif dans le dossier");
    for (const auto& f : files) read_path(f, dir, opt);
  } else {
    const std::string name = input.filename().string();
    if (is_json_name(name) || is_ldif_name(name)) {
      read_path(input, dir, opt);
    } else {
      // Anything else is taken as an archive (zip from SharpHound, or an ORADAD folder).
      std::size_t members = 0;
      std::map<std::string, std::string> oradad;
      read_archive(
          input, opt.limits,
          [](std::string_view m) {
            return is_json_name(m) || is_ldif_name(m) || lower(m).ends_with(".tsv");
          },
          [&](std::string_view m, std::string& data) {
            ++members;
            if (lower(m).ends_with(".tsv")) {
              oradad.emplace(std::string(m), std::move(data));
            } else {
              read_one(m, data, dir, opt);
            }
          });
      if (!oradad.empty()) {
        // Paths relative to the folder holding tables.tsv.
        std::string prefix;
        for (const auto& [k, v] : oradad)
          if (lower(k).ends_with("tables.tsv") &&
              (k.size() == 10 || k[k.size() - 11] == '/' || k[k.size() - 11] == '\\'))
            prefix = k.substr(0, k.size() - 10);
        std::map<std::string, std::string> rel;
        for (auto& [k, v] : oradad)
          if (k.starts_with(prefix)) rel.emplace(k.substr(prefix.size()), std::move(v));
        read_oradad(rel, dir);
      }
      if (members == 0)
        throw InputError(input.string() + " : l'archive ne contient aucun fichier .json");
    }
  }
  dir.finalize();
  const bool any = std::any_of(dir.objects().begin(), dir.objects().end(),
                               [](const Object& o) { return o.defined; });
  if (!any) throw InputError(input.string() + " : aucun objet Active Directory lu");
  return dir;
}

}  // namespace carepilot::adaudit
