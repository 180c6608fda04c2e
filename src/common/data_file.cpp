#include "common/data_file.hpp"

#include <stdexcept>

#include "common/text.hpp"

namespace carepilot {

YAML::Node load_data_map(const std::string& text, const std::string& source) {
  // A file re-saved in Latin-1: named at the line of its first bad byte (a UTF-16 or UTF-32
  // file with its mark is YAML too, read by yaml-cpp).
  const bool wide = text.rfind("\xFF\xFE", 0) == 0 || text.rfind("\xFE\xFF", 0) == 0 ||
                    text.rfind(std::string("\0\0\xFE\xFF", 4), 0) == 0;
  if (!wide)
    if (const auto fault = first_invalid_utf8(text))
      throw std::invalid_argument(not_utf8_message(source, *fault));
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw std::invalid_argument(source + " : YAML illisible (ligne " +
                                std::to_string(yaml_fault_line(e)) + " : " +
                                yaml_fault_reason(e, text) + ")");
  }
  if (!root.IsMap()) throw std::invalid_argument(source + " : un dictionnaire est attendu");
  return root;
}

int yaml_fault_line(const YAML::Exception& e) {
  return e.mark.is_null() || e.mark.line < 0 ? 1 : e.mark.line + 1;
}

std::string yaml_fault_reason(const YAML::Exception& e, std::string_view text) {
  namespace M = YAML::ErrorMsg;
  const std::string& m = e.msg;
  const char* const kTab =
      "tabulation dans l'indentation : indentez avec des espaces, jamais avec des tabulations";
  if (!text.empty() && !e.mark.is_null() && e.mark.line >= 0) {
    // The fault's line: a tab before its first character is the fault, whatever yaml-cpp says.
    std::size_t at = 0;
    for (int l = 0; l < e.mark.line && at != std::string_view::npos; ++l) {
      at = text.find('\n', at);
      if (at != std::string_view::npos) ++at;
    }
    if (at != std::string_view::npos)
      for (; at < text.size() && (text[at] == ' ' || text[at] == '\t'); ++at)
        if (text[at] == '\t') return kTab;
  }
  auto starts = [&](const char* p) { return m.rfind(p, 0) == 0; };
  // The faults a hand-edited file meets first, then the rarer ones.
  const std::pair<const char*, const char*> kReasons[] = {
      {M::TAB_IN_INDENTATION, kTab},
      {M::END_OF_MAP,
       "indentation incorrecte ou guillemet non refermé : cette ligne n'est pas alignée sur "
       "les clés de son bloc, ou un texte entre guillemets de la ligne précédente n'est pas "
       "refermé"},
      {M::END_OF_SEQ,
       "indentation incorrecte : cette ligne n'est pas alignée sur les clés de son bloc ni "
       "sur les éléments « - » de sa liste"},
      {M::END_OF_MAP_FLOW, "accolade « { » non refermée par « } »"},
      {M::END_OF_SEQ_FLOW, "crochet « [ » non refermé par « ] »"},
      {M::MAP_VALUE,
       "« : » inattendu : une clé est mal indentée, ou un texte contenant « : » doit être "
       "écrit entre guillemets"},
      {M::MAP_KEY, "clé inattendue : vérifiez l'indentation de cette ligne"},
      {M::BLOCK_ENTRY,
       "élément de liste (« - ») inattendu : un dictionnaire est attendu ici, ou l'indentation "
       "est incorrecte"},
      {M::EOF_IN_SCALAR, "texte entre guillemets non refermé avant la fin du fichier"},
      {M::DOC_IN_SCALAR, "« --- » ou « ... » au milieu d'un texte entre guillemets"},
      {M::CHAR_IN_SCALAR, "caractère interdit dans un texte : écrivez le texte entre guillemets"},
      {M::FLOW_END, "« ] » ou « } » sans « [ » ou « { » ouvrant"},
      {M::UNKNOWN_TOKEN, "symbole inattendu : vérifiez les guillemets et l'indentation"},
      {M::INVALID_ESCAPE,
       "séquence d'échappement inconnue après « \\ » dans un texte entre guillemets doubles "
       "(écrivez « \\\\ » pour une barre oblique inverse)"},
      {M::INVALID_UNICODE, "code de caractère invalide après « \\u » ou « \\U »"},
      {M::INVALID_HEX, "code hexadécimal invalide dans un texte entre guillemets"},
      {M::SINGLE_QUOTED_CHAR, "caractère invalide dans un texte entre apostrophes"},
      {M::CHAR_IN_BLOCK, "caractère inattendu après « | » ou « > »"},
      {M::ZERO_INDENT_IN_BLOCK, "indentation nulle interdite après « | » ou « > »"},
      {M::UNKNOWN_ANCHOR, "référence « * » à une ancre « & » qui n'est pas définie"},
      {M::ALIAS_NOT_FOUND, "nom attendu après « * »"},
      {M::ANCHOR_NOT_FOUND, "nom attendu après « & »"},
      {M::CHAR_IN_ALIAS, "caractère invalide dans une référence « * »"},
      {M::CHAR_IN_ANCHOR, "caractère invalide dans une ancre « & »"},
      {M::MULTIPLE_TAGS, "plusieurs étiquettes « ! » sur une même valeur"},
      {M::MULTIPLE_ANCHORS, "plusieurs ancres « & » sur une même valeur"},
      {M::MULTIPLE_ALIASES, "plusieurs références « * » sur une même valeur"},
      {M::ALIAS_CONTENT, "une référence « * » ne peut pas avoir de contenu"},
      {M::CHAR_IN_TAG_HANDLE, "caractère invalide dans une étiquette « ! »"},
      {M::TAG_WITH_NO_SUFFIX, "étiquette « ! » incomplète"},
      {M::END_OF_VERBATIM_TAG, "étiquette « !< » non refermée par « > »"},
      {M::YAML_DIRECTIVE_ARGS, "directive « %YAML » incorrecte"},
      {M::YAML_VERSION, "version de YAML incorrecte"},
      {M::YAML_MAJOR_VERSION, "version de YAML non prise en charge"},
      {M::REPEATED_YAML_DIRECTIVE, "directive « %YAML » en double"},
      {M::TAG_DIRECTIVE_ARGS, "directive « %TAG » incorrecte"},
      {M::REPEATED_TAG_DIRECTIVE, "directive « %TAG » en double"},
  };
  for (const auto& [english, french] : kReasons)
    if (starts(english)) return french;
  std::string at = "la syntaxe YAML est incorrecte";
  if (!e.mark.is_null() && e.mark.column >= 0)
    at += " (ligne " + std::to_string(yaml_fault_line(e)) + ", colonne " +
          std::to_string(e.mark.column + 1) + ")";
  return at;
}

}  // namespace carepilot
