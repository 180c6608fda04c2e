#include "adaudit/html_report.hpp"

#include <algorithm>

namespace carepilot::adaudit {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\n' && ch != '\t') break;
        out += ch;
    }
  }
  return out;
}

namespace {

// Small builder: markup is literal, every dynamic value goes through text().
class Html {
 public:
  Html& raw(std::string_view markup) {
    out_ += markup;
    return *this;
  }
  Html& text(std::string_view value) {
    out_ += html_escape(value);
    return *this;
  }
  Html& num(std::uint64_t v) { return raw(std::to_string(v)); }
  std::string str() && { return std::move(out_); }

 private:
  std::string out_;
};

std::string_view level_text(int level) {
  switch (level) {
    case 1:
      return "Niveau 1 — critique : des faiblesses permettent une prise de contrôle rapide du "
             "domaine.";
    case 2:
      return "Niveau 2 — faible : des vulnérabilités importantes restent à corriger.";
    case 3:
      return "Niveau 3 — basique : les vulnérabilités majeures sont traitées.";
    case 4:
      return "Niveau 4 — bon : un durcissement avancé est en place.";
    default:
      return "Niveau 5 — état de l'art : aucun point de contrôle en échec.";
  }
}

constexpr std::string_view kStyle =
    "body{font-family:Marianne,Arial,sans-serif;margin:2rem;color:#161616;max-width:70rem}"
    "h1{color:#000091}h2{border-bottom:2px solid #000091;padding-bottom:.2rem;margin-top:2.5rem}"
    ".level{font-size:3rem;font-weight:bold;padding:.5rem "
    "1.5rem;border-radius:.5rem;display:inline-block;color:#fff}"
    ".l1{background:#ce0500}.l2{background:#e4794a}.l3{background:#c3992a}.l4{background:#18753c}."
    "l5{background:#000091}"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border:1px solid "
    "#ddd;padding:.3rem .5rem;"
    "text-align:left;vertical-align:top}th{background:#f6f6f6}.muted{color:#666}.page{page-break-"
    "after:always}"
    "details{margin:.5rem 0 1rem}code{font-size:.9em}";

}  // namespace

std::string render_html(const AuditResult& r) {
  Html h;
  const std::string date = format_date(r.as_of);
  h.raw(
       "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Audit Active "
       "Directory — ")
      .text(date)
      .raw("</title><style>")
      .raw(kStyle)
      .raw(
          "</style></head><body><section class=\"page\"><h1>Audit de sécurité Active "
          "Directory</h1><p>");
  h.raw("Domaines : <strong>");
  for (std::size_t i = 0; i < r.domains.size(); ++i) h.raw(i ? ", " : "").text(r.domains[i]);
  h.raw("</strong> — situation au ").text(date).raw("</p>");
  h.raw("<p><span class=\"level l")
      .num(static_cast<std::uint64_t>(r.level))
      .raw("\">")
      .num(static_cast<std::uint64_t>(r.level));
  h.raw("/5</span></p><p><strong>").text(level_text(r.level)).raw("</strong></p>");
  h.raw(
      "<p class=\"muted\">Le niveau est celui du point de contrôle ANSSI en échec le plus grave "
      "(5 si aucun) : atteindre le niveau N suppose de réussir tous les points des niveaux "
      "inférieurs.</p>");
  h.raw(
      "<h2>Score par domaine de risque</h2><table><tr><th>Catégorie</th><th>Score (0 = aucun "
      "risque, 100 = "
      "maximum)</th></tr>");
  for (std::size_t c = 0; c < r.scores.size(); ++c)
    h.raw("<tr><td>")
        .text(french_name(static_cast<Category>(c)))
        .raw("</td><td>")
        .num(static_cast<std::uint64_t>(r.scores[c]))
        .raw("</td></tr>");
  h.raw("</table>");
  h.raw("<h2>Exposition du cœur de l'annuaire (Tier 0)</h2><p><strong>")
      .num(r.control.exposed_users)
      .raw("</strong> utilisateurs et <strong>")
      .num(r.control.exposed_computers)
      .raw(
          "</strong> ordinateurs non privilégiés peuvent, par une chaîne de droits, prendre le "
          "contrôle du "
          "domaine.</p>");
  std::vector<const Finding*> failing;
  for (const auto& f : r.findings)
    if (f.status == Status::Fail) failing.push_back(&f);
  std::stable_sort(failing.begin(), failing.end(), [](const Finding* a, const Finding* b) {
    const int la = a->rule->level ? a->rule->level : 9, lb = b->rule->level ? b->rule->level : 9;
    return la != lb ? la < lb : a->rule->points > b->rule->points;
  });
  h.raw("<h2>Priorités</h2><ol>");
  for (std::size_t i = 0; i < failing.size() && i < 5; ++i)
    h.raw("<li><strong>")
        .text(failing[i]->rule->title)
        .raw("</strong> — ")
        .text(failing[i]->rule->remediation)
        .raw("</li>");
  if (failing.empty()) h.raw("<li>Aucun constat.</li>");
  h.raw("</ol></section>");

  h.raw("<section><h2>Constats détaillés (").num(failing.size()).raw(")</h2>");
  for (const auto* f : failing) {
    h.raw("<h3>").text(f->rule->id).raw(" — ").text(f->rule->title).raw("</h3><p>");
    if (!f->rule->anssi_id.empty())
      h.raw("Point de contrôle ANSSI <code>")
          .text(f->rule->anssi_id)
          .raw("</code> (niveau ")
          .num(static_cast<std::uint64_t>(f->rule->level))
          .raw(") · ");
    h.raw("Catégorie : ")
        .text(french_name(f->rule->category))
        .raw(" · ")
        .num(static_cast<std::uint64_t>(f->rule->points))
        .raw(" points</p>");
    h.raw("<p>").text(f->detail).raw("</p><p><em>Pourquoi :</em> ").text(f->rule->rationale);
    h.raw("</p><p><em>Que faire :</em> ").text(f->rule->remediation).raw("</p>");
    if (!f->objects.empty() || !f->items.empty()) {
      h.raw("<details><summary>Objets concernés (")
          .num(f->count)
          .raw(")</summary><table><tr><th>Nom</th><th>Type</th><th>Identifiant</th></tr>");
      for (const auto& o : f->objects)
        h.raw("<tr><td>")
            .text(o.name)
            .raw("</td><td>")
            .text(o.type)
            .raw("</td><td><code>")
            .text(o.id)
            .raw("</code></td></tr>");
      for (const auto& it : f->items) h.raw("<tr><td colspan=\"3\">").text(it).raw("</td></tr>");
      if (f->objects.size() + f->items.size() < f->count)
        h.raw("<tr><td colspan=\"3\">… liste tronquée</td></tr>");
      h.raw("</table></details>");
    }
  }
  h.raw("</section><section><h2>Chemins de contrôle vers le Tier 0</h2><p>")
      .num(r.control.nodes)
      .raw(" objets, ")
      .num(r.control.edges)
      .raw(" relations de contrôle, ")
      .num(r.control.tier0)
      .raw(" objets Tier 0, ")
      .num(r.control.reached)
      .raw(
          " objets disposant d'un chemin.</p><h3>Points de passage "
          "obligés</h3><table><tr><th>De</th><th>Relation</th>"
          "<th>Vers</th><th>Chemins coupés</th></tr>");
  for (const auto& c : r.control.choke_points)
    h.raw("<tr><td>")
        .text(c.from.name)
        .raw("</td><td>")
        .text(c.edge)
        .raw("</td><td>")
        .text(c.to.name)
        .raw("</td><td>")
        .num(c.paths)
        .raw("</td></tr>");
  h.raw("</table><h3>Exemples de chemins les plus courts</h3><ol>");
  for (const auto& p : r.control.sample_paths) {
    h.raw("<li>");
    for (const auto& s : p) {
      h.text(s.node.name);
      if (!s.edge.empty()) h.raw(" —[").text(s.edge).raw("]→ ");
    }
    h.raw("</li>");
  }
  h.raw("</ol></section><section><h2>Règles non évaluées</h2><ul>");
  for (const auto& f : r.findings)
    if (f.status == Status::NotEvaluated)
      h.raw("<li>").text(f.rule->id).raw(" : ").text(f.detail).raw("</li>");
  h.raw("</ul><h2>Données analysées</h2><p>Format : ").text(r.format).raw(" — fichiers : ");
  for (std::size_t i = 0; i < r.sources.size(); ++i) h.raw(i ? ", " : "").text(r.sources[i]);
  h.raw("</p><p>Avertissements de lecture : ").num(r.warnings_total).raw("</p><ul>");
  for (const auto& [k, v] : r.warnings_by_kind)
    h.raw("<li>").text(k).raw(" : ").num(v).raw("</li>");
  h.raw("</ul></section></body></html>\n");
  return std::move(h).str();
}

}  // namespace carepilot::adaudit
