// Every state-changing form carries the CSRF field (issue 23): walks every template of the
// source tree instead of trusting a convention. A form with method="post" must hold
// <input type="hidden" name="csrf" value="{{CSRF}}"> before it closes (the layout's own
// logout form holds the render's placeholder, checked likewise).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(CsrfForms, EveryPostFormOfEveryTemplateCarriesTheToken) {
  const fs::path src = fs::path(CAREPILOT_SOURCE_DIR) / "src";
  static const std::regex form_open(R"(<form\b[^>]*>)", std::regex::icase);
  static const std::regex post(R"(method\s*=\s*"post")", std::regex::icase);
  static const std::regex token(
      R"re(<input[^>]*type="hidden"[^>]*name="csrf"[^>]*value="(\{\{CSRF\}\}|cp-csrf-\{\{MARK\}\})")re");
  int templates = 0, forms = 0;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    if (entry.path().extension() != ".tpl") continue;
    ++templates;
    const std::string text = read(entry.path());
    for (auto it = std::sregex_iterator(text.begin(), text.end(), form_open);
         it != std::sregex_iterator(); ++it) {
      const std::string tag = it->str();
      if (!std::regex_search(tag, post)) continue;
      ++forms;
      const auto start = static_cast<std::size_t>(it->position() + it->length());
      const auto end = text.find("</form>", start);
      ASSERT_NE(end, std::string::npos) << entry.path() << ": unclosed " << tag;
      EXPECT_TRUE(std::regex_search(text.substr(start, end - start), token))
          << entry.path().lexically_relative(src) << ": " << tag << " has no CSRF field";
    }
  }
  EXPECT_GT(templates, 30);
  EXPECT_GT(forms, 40) << "the walk found too few forms: is the source tree where expected?";
}

}  // namespace
