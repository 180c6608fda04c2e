// The referential loader (data/obligations/*.yaml): the input holds one to three files
// separated by a form feed. Any text gives a referential or a ReferentialError naming one of
// the files; never another exception (yaml-cpp's included) or a crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "referential/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace carepilot::referential;
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<SourceFile> files;
  std::size_t start = 0;
  while (files.size() < 3) {
    auto ff = text.find('\f', start);
    std::string name = "fichier" + std::to_string(files.size() + 1) + ".yaml";
    if (ff == std::string::npos || files.size() == 2) {
      files.push_back({name, text.substr(start)});
      break;
    }
    files.push_back({name, text.substr(start, ff - start)});
    start = ff + 1;
  }
  try {
    Referential ref = load_referential(files);
    (void)ref;
  } catch (const ReferentialError& e) {
    bool known = false;
    for (const auto& f : files) known = known || f.name == e.file();
    if (!known || e.line() < 0 || e.reason().empty()) __builtin_trap();
  }
  return 0;
}
