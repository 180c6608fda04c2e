// Replays saved inputs through a libFuzzer harness without libFuzzer: the test suite's build
// (g++, AddressSanitizer and UBSan) links each harness of fuzz/ with this main, and ctest runs
// it over the harness's seed corpus and its regressions (fuzz.replay.* tests). A harness's
// contract (which errors a reader may throw, what the output must satisfy) is then checked by
// every test run, not only by fuzz/run.sh's clang build.
// Usage: NAME_replay PATH... — each PATH a file or a folder of files (read in name order).
// Exit status: 0 when every input passed, 2 when no input was found (a wrong path must not
// pass); a failing input aborts (__builtin_trap, an uncaught exception, a sanitizer report).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    const fs::path p(argv[i]);
    if (fs::is_directory(p)) {
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(p))
        if (e.is_regular_file()) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      inputs.insert(inputs.end(), files.begin(), files.end());
    } else if (fs::is_regular_file(p)) {
      inputs.push_back(p);
    }
  }
  if (inputs.empty()) {
    std::cerr << "no input found\n";
    return 2;
  }
  for (const auto& p : inputs) {
    std::ifstream in(p, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::cout << p.filename().string() << " (" << bytes.size() << " bytes)" << std::endl;
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
  std::cout << inputs.size() << " inputs replayed\n";
  return 0;
}
