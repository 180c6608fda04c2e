// What changed in a record, as the audit trail says it (one line in French): each changed
// field named by its label (data/labels/labels.yaml, « fields »), its value before and after
// as a page shows it. Modules give their record's fields already written for a reader (codes
// labelled, dates in French); this compares and writes the line.
#pragma once

#include <string>
#include <vector>

namespace carepilot {

struct ShownField {
  std::string key;    // the field's key (field_label names it)
  std::string value;  // as read on a page ("" when empty)
};

// « Intitulé : « Ancien » → « Nouveau » ; Résumé ou réponse : modifié ; Lien : — → « https://… » »:
// the fields of `after` whose value differs from `before`'s (a field absent on one side is
// empty there), in the order of `after` then those only `before` has; an empty value reads
// « — ». A value longer than kShownChangeChars characters or holding a line break reads
// « modifié (ancien : « …extrait… », nouveau : « …extrait… ») »: about
// kShownChangeExcerptChars characters of each side from the word where they start to differ,
// cut at a word boundary, « … » where text is left out, line breaks as spaces (the digests of
// the trail keep the whole record). "" when nothing changed.
inline constexpr std::size_t kShownChangeChars = 80;
inline constexpr std::size_t kShownChangeExcerptChars = 60;
std::string describe_changes(const std::vector<ShownField>& before,
                             const std::vector<ShownField>& after);

}  // namespace carepilot
