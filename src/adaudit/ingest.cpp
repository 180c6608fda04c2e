#include "adaudit/ingest.hpp"

#include <algorithm>
#include <fstream>
#include <vector>

#include "adaudit/input_error.hpp"
#include "adaudit/ldif_reader.hpp"
#include "adaudit/sharphound_reader.hpp"

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
  if (fs::is_directory(input, ec)) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(input, ec))
      if (e.is_regular_file() && (is_json_name(e.path().filename().string()) ||
                                  is_ldif_name(e.path().filename().string())))
        files.push_back(e.path());
    std::sort(files.begin(), files.end());
    if (files.empty())
      throw InputError(input.string() + " : aucun fichier .json ou .ldif dans le dossier");
    for (const auto& f : files) {
      std::string data = read_file(f);
      read_one(f.filename().string(), data, dir, opt);
    }
  } else {
    const std::string name = input.filename().string();
    if (is_json_name(name) || is_ldif_name(name)) {
      std::string data = read_file(input);
      read_one(name, data, dir, opt);
    } else {
      // Anything else is taken as an archive (zip from SharpHound).
      std::size_t members = 0;
      read_archive(
          input, opt.limits, [](std::string_view m) { return is_json_name(m) || is_ldif_name(m); },
          [&](std::string_view m, std::string& data) {
            ++members;
            read_one(m, data, dir, opt);
          });
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
