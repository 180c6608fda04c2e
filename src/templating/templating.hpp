// HTML templates (ctemplate). Every template must start with
// {{%AUTOESCAPE context="HTML"}}: ctemplate escapes nothing without it, so the loader
// refuses any template that lacks it. Modules embed their templates in the binary
// (cp_embed_files) and register them once before rendering. Two modifiers write French
// plurals: {{N:x-plural=compte/comptes}} ("1 compte", "3 comptes") and
// {{N:x-agree=restant/restants}} (the word alone).
#pragma once

#include <ctemplate/template.h>

#include <map>
#include <string>
#include <string_view>

namespace carepilot::templating {

// The first line every template must start with.
inline constexpr std::string_view kAutoescapePragma = "{{%AUTOESCAPE context=\"HTML\"}}";

// Registers templates (file path -> text); only names ending in ".tpl" are taken, keyed by
// their base name ("templates/report.tpl" -> "report.tpl"). Throws std::runtime_error naming
// a template without the AUTOESCAPE pragma, one that does not parse, or a second template
// with the same name and another text (registering the same text again is a no-op).
// Every template is checked for the pragma before any is registered. Thread-safe.
void register_templates(const std::map<std::string_view, std::string_view>& files);

// True when `name` (a base name) has been registered.
bool is_registered(const std::string& name);

// Renders a registered template with `dict`. Throws std::runtime_error when the name is
// unknown.
std::string render(const std::string& name, const ctemplate::TemplateDictionary& dict);

}  // namespace carepilot::templating
