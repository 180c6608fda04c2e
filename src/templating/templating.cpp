#include "templating/templating.hpp"

#include <mutex>
#include <stdexcept>

namespace carepilot::templating {

namespace {

struct Registry {
  std::mutex mutex;
  std::map<std::string, std::string, std::less<>> texts;  // base name -> registered text
};

Registry& registry() {
  static Registry r;
  return r;
}

std::string base_name(std::string_view path) {
  const auto slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

}  // namespace

void register_templates(const std::map<std::string_view, std::string_view>& files) {
  for (const auto& [name, text] : files) {
    if (!name.ends_with(".tpl")) continue;
    if (!text.starts_with(kAutoescapePragma))
      throw std::runtime_error("template " + std::string(name) +
                               " refusé : il doit commencer par " + std::string(kAutoescapePragma));
  }
  auto& r = registry();
  const std::lock_guard lock(r.mutex);
  for (const auto& [name, text] : files) {
    if (!name.ends_with(".tpl")) continue;
    std::string key = base_name(name);
    if (const auto it = r.texts.find(key); it != r.texts.end()) {
      if (it->second == text) continue;
      throw std::runtime_error("template en double : " + key);
    }
    if (!ctemplate::StringToTemplateCache(key, text.data(), text.size(),
                                          ctemplate::STRIP_BLANK_LINES))
      throw std::runtime_error("template " + key + " invalide");
    r.texts.emplace(std::move(key), std::string(text));
  }
}

bool is_registered(const std::string& name) {
  auto& r = registry();
  const std::lock_guard lock(r.mutex);
  return r.texts.contains(name);
}

std::string render(const std::string& name, const ctemplate::TemplateDictionary& dict) {
  if (!is_registered(name)) throw std::runtime_error("template inconnu : " + name);
  std::string out;
  if (!ctemplate::ExpandTemplate(name, ctemplate::STRIP_BLANK_LINES, &dict, &out))
    throw std::runtime_error("template " + name + " : rendu impossible");
  return out;
}

}  // namespace carepilot::templating
