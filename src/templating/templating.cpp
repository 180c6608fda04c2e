#include "templating/templating.hpp"

#include <ctemplate/template_emitter.h>
#include <ctemplate/template_modifiers.h>

#include <charconv>
#include <mutex>
#include <stdexcept>

#include "common/french.hpp"

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

// {{N:x-plural=compte/comptes}} → "1 compte", "3 comptes" (thousands grouped);
// {{N:x-agree=restant/restants}} → the word alone. Real French forms on every page, never
// "compte(s)"; a value that is not an integer is written unchanged.
class PluralModifier : public ctemplate::TemplateModifier {
 public:
  explicit PluralModifier(bool with_number) : with_number_(with_number) {}
  void Modify(const char* in, size_t inlen, const ctemplate::PerExpandData*,
              ctemplate::ExpandEmitter* out, const std::string& arg) const override {
    std::string_view forms(arg);
    if (forms.starts_with('=')) forms.remove_prefix(1);
    const auto slash = forms.find('/');
    long long n = 0;
    const auto [end, ec] = std::from_chars(in, in + inlen, n);
    if (slash == std::string_view::npos || ec != std::errc{} || end != in + inlen) {
      out->Emit(in, inlen);
      return;
    }
    const auto one = forms.substr(0, slash), many = forms.substr(slash + 1);
    out->Emit(with_number_ ? plural(n, one, many) : std::string(agree(n, one, many)));
  }

 private:
  bool with_number_;
};

// {{N:x-num}} → "1 183": an integer grouped by thousands (common/french.hpp); anything else
// unchanged. For every count or amount shown as text (never in an attribute, an id or a year).
class NumberModifier : public ctemplate::TemplateModifier {
 public:
  void Modify(const char* in, size_t inlen, const ctemplate::PerExpandData*,
              ctemplate::ExpandEmitter* out, const std::string&) const override {
    long long n = 0;
    const auto [end, ec] = std::from_chars(in, in + inlen, n);
    if (ec != std::errc{} || end != in + inlen) {
      out->Emit(in, inlen);
      return;
    }
    out->Emit(french_integer(n));
  }
};

void add_modifiers() {
  static const PluralModifier with_number(true), word_only(false);
  static const NumberModifier number;
  static std::once_flag once;
  std::call_once(once, [] {
    ctemplate::AddModifier("x-plural=", &with_number);
    ctemplate::AddModifier("x-agree=", &word_only);
    ctemplate::AddModifier("x-num", &number);
  });
}

}  // namespace

void register_templates(const std::map<std::string_view, std::string_view>& files) {
  add_modifiers();
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
