// The module a derived evidence record comes from, named after « de » (evidence/repository.hpp
// gives its page and its name).
#pragma once

#include <string>

namespace carepilot::evidence {

// "de l'exercice de crise", "de la formation et de la sensibilisation" (« Produite à partir
// de la formation et de la sensibilisation »); "d'un autre module" when unknown.
std::string source_label_of(const std::string& source);

}  // namespace carepilot::evidence
