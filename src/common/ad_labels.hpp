// French names of the parts and fields of an Active Directory collection (tables
// "ad_collection_parts" and "ad_collection_fields" of data/labels/labels.yaml, read with the
// other labels of common/labels.hpp): what the AD audit says is missing from a collection is
// read on pages and reports by these names, never by the collector's keys.
#pragma once

#include <string>
#include <string_view>

namespace carepilot {

// « ordinateurs » for the part "computers"; « système d'exploitation (ordinateurs) » for the
// field "computers.operatingsystem" (the part, a dot, then the field's own key, which may hold
// dots: "domains.Trusts.SidFilteringEnabled"). An unknown key reads « donnée de la collecte »
// (with its part when that is known), never the key.
std::string ad_collection_label(std::string_view key);

// « utilisateur » for the object type "user" (table "ad_object_types"); an unknown type reads
// « objet de l'annuaire ».
std::string_view ad_object_type_label(std::string_view code);

}  // namespace carepilot
