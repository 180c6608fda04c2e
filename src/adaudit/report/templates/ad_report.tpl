{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Audit Active Directory — {{DATE}}</title>
<style>
body{font-family:Marianne,Arial,sans-serif;margin:2rem;color:#161616;max-width:70rem}
h1{color:#000091}
h2{border-bottom:2px solid #000091;padding-bottom:.2rem;margin-top:2.5rem}
.level{font-size:3rem;font-weight:bold;padding:.5rem 1.5rem;border-radius:.5rem;display:inline-block;color:#fff}
.l1{background:#ce0500}.l2{background:#e4794a}.l3{background:#c3992a}.l4{background:#18753c}.l5{background:#000091}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f6f6}
.muted{color:#666}
.page{page-break-after:always}
details{margin:.5rem 0 1rem}
code{font-size:.9em}
</style>
</head>
<body>
<section class="page">
<h1>Audit de sécurité Active Directory</h1>
<p>Domaines : <strong>{{#DOMAIN}}{{NAME}}{{#DOMAIN_separator}}, {{/DOMAIN_separator}}{{/DOMAIN}}</strong> — situation au {{DATE}}</p>
<p><span class="level l{{LEVEL}}">{{LEVEL}}/5</span>{{#PARTIAL}} (audit incomplet){{/PARTIAL}}</p>
{{#INCOMPLETE}}<p><strong>Audit incomplet : niveau retenu {{LEVEL}}/5, le plus bas que ce qui n'a pas pu être vérifié laisse possible ; le score ne compte que les points vérifiés.</strong> {{#BOUND}}Des points de contrôle n'ont pas pu être évalués : le niveau réel est entre {{FLOOR}} et {{CEILING}}. {{/BOUND}}{{#MISSING}}Parties de la collecte absentes : {{#PART}}{{NAME}}{{#PART_separator}}, {{/PART_separator}}{{/PART}}. {{/MISSING}}{{#CUT}}{{TEXT}}. {{/CUT}}</p>
{{/INCOMPLETE}}
<p><strong>{{#LEVEL_1}}Niveau 1 — critique : des faiblesses permettent une prise de contrôle rapide du domaine.{{/LEVEL_1}}{{#LEVEL_2}}Niveau 2 — faible : des vulnérabilités importantes restent à corriger.{{/LEVEL_2}}{{#LEVEL_3}}Niveau 3 — basique : les vulnérabilités majeures sont traitées.{{/LEVEL_3}}{{#LEVEL_4}}Niveau 4 — bon : un durcissement avancé est en place.{{/LEVEL_4}}{{#LEVEL_5}}Niveau 5 — état de l'art : aucun point de contrôle en échec.{{/LEVEL_5}}</strong></p>
<p class="muted">Le niveau est celui du point de contrôle ANSSI en échec le plus grave (5 si aucun) : atteindre le niveau N suppose de réussir tous les points des niveaux inférieurs.</p>

<h2>Score par domaine de risque</h2>
<table>
<tr><th>Catégorie</th><th>Score (0 = aucun risque, 100 = maximum)</th></tr>
{{#SCORE}}<tr><td>{{CATEGORY}}</td><td>{{VALUE}}</td></tr>
{{/SCORE}}</table>

<h2>Exposition du cœur de l'annuaire (Tier 0)</h2>
<p><strong>{{EXPOSED_USERS:x-plural=utilisateur/utilisateurs}}</strong> et <strong>{{EXPOSED_COMPUTERS:x-plural=ordinateur/ordinateurs}}</strong> non privilégiés peuvent, par une chaîne de droits, prendre le contrôle du domaine.</p>

<h2>Priorités</h2>
<ol>
{{#PRIORITY}}<li><strong>{{TITLE}}</strong> — {{REMEDIATION}}</li>
{{/PRIORITY}}{{#NO_FINDING}}<li>Aucun constat.</li>
{{/NO_FINDING}}</ol>
</section>

<section>
<h2>Constats détaillés ({{FAILING_COUNT}})</h2>
{{#FINDING}}<h3 id="{{ID}}" data-rule="{{ID}}">{{TITLE}}</h3>
<p>{{#ANSSI}}Point de contrôle ANSSI <code>{{ANSSI_ID}}</code> (niveau {{ANSSI_LEVEL}}) · {{/ANSSI}}Catégorie : {{CATEGORY}} · {{POINTS:x-plural=point/points}}</p>
<p>{{DETAIL}}</p>
<p><em>Pourquoi :</em> {{RATIONALE}}</p>
<p><em>Que faire :</em> {{REMEDIATION}}</p>
{{#AFFECTED}}<details><summary>Objets concernés ({{COUNT}})</summary>
<table>
<tr><th>Nom</th><th>Type</th><th>Identifiant</th></tr>
{{#OBJECT}}<tr><td>{{NAME}}</td><td>{{TYPE}}</td><td><code>{{OBJECT_ID}}</code></td></tr>
{{/OBJECT}}{{#ITEM}}<tr><td colspan="3">{{TEXT}}</td></tr>
{{/ITEM}}{{#TRUNCATED}}<tr><td colspan="3">… liste tronquée</td></tr>
{{/TRUNCATED}}</table>
</details>
{{/AFFECTED}}{{/FINDING}}</section>

<section>
<h2>Chemins de contrôle vers le Tier 0</h2>
<p>{{NODES:x-plural=objet/objets}}, {{EDGES:x-plural=relation de contrôle/relations de contrôle}}, {{TIER0:x-plural=objet Tier 0/objets Tier 0}}, {{REACHED:x-plural=objet disposant/objets disposant}} d'un chemin.</p>
<h3>Points de passage obligés</h3>
<table>
<tr><th>De</th><th>Relation</th><th>Vers</th><th>Chemins coupés</th></tr>
{{#CHOKE_POINT}}<tr><td>{{FROM}}</td><td>{{EDGE}}</td><td>{{TO}}</td><td>{{PATHS}}</td></tr>
{{/CHOKE_POINT}}</table>
<h3>Exemples de chemins les plus courts</h3>
<ol>
{{#PATH}}<li>{{#STEP}}{{NAME}}{{#HAS_EDGE}} —[{{EDGE}}{{#HAS_VIA}}, {{VIA}}{{/HAS_VIA}}]→ {{/HAS_EDGE}}{{/STEP}}</li>
{{/PATH}}</ol>
<h3>Relations volontairement non modélisées</h3>
<p>Une comparaison avec BloodHound doit en tenir compte : ces relations n'entrent pas dans les chemins.</p>
<ul>
{{#UNMODELLED}}<li>{{KIND}} : {{REASON}}</li>
{{/UNMODELLED}}</ul>
</section>

<section>
<h2>Règles non évaluées</h2>
<ul>
{{#NOT_EVALUATED}}<li data-rule="{{ID}}">{{TITLE}} : {{DETAIL}}</li>
{{/NOT_EVALUATED}}</ul>
<h2>Données analysées</h2>
<p>Format : {{FORMAT}} — fichiers : {{#SOURCE}}{{NAME}}{{#SOURCE_separator}}, {{/SOURCE_separator}}{{/SOURCE}}</p>
<p>Entrées de contrôle d'accès (ACE) lues : {{ACES}}</p>
<p>Avertissements de lecture : {{WARNINGS_TOTAL}}</p>
<ul>
{{#WARNING_KIND}}<li>{{KIND}} : {{COUNT}}</li>
{{/WARNING_KIND}}</ul>
</section>
</body>
</html>
