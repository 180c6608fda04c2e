{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Analyse de l'exposition sur internet{{#ESTABLISHMENT}} — {{NAME}}{{/ESTABLISHMENT}} — {{DATE}}</title>
<style>
body{font-family:Marianne,Arial,sans-serif;margin:2rem;color:#161616;max-width:70rem}
h1{color:#000091}
h2{border-bottom:2px solid #000091;padding-bottom:.2rem;margin-top:2.5rem}
.score{font-size:3rem;font-weight:bold;padding:.5rem 1.5rem;border-radius:.5rem;display:inline-block;color:#fff;background:#000091}
.badge{display:inline-block;padding:0 .5rem;border-radius:.25rem;color:#fff;font-weight:bold;font-size:.85em}
.critical{background:#ce0500}.high{background:#e4794a}.medium{background:#c3992a}.low{background:#18753c}
.alert{border-left:4px solid #ce0500;background:#fef4f4;padding:.5rem 1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f6f6}
.muted{color:#666}
.page{page-break-after:always}
</style>
</head>
<body>
<section class="page">
<h1>Analyse de l'exposition sur internet</h1>
{{#ESTABLISHMENT}}<p data-testid="report-establishment"><strong>{{NAME}}</strong></p>
{{/ESTABLISHMENT}}<p>Situation au {{DATE}}{{#SCAN_TIME}} — scan lancé le {{SCAN_FROM}}{{/SCAN_TIME}}</p>
{{#PRIVATE_ONLY}}<p class="alert"><strong>Pas un audit d'exposition internet :</strong> toutes les adresses analysées sont privées (réseau interne). Le scan doit viser les adresses publiques de l'établissement, depuis internet.</p>
{{/PRIVATE_ONLY}}{{#PRIVATE_IGNORED}}<p class="alert" id="private-ignored"><strong>{{TEXT}}</strong> : une adresse non publique (privée ou réservée à la documentation) n'est pas joignable depuis internet ; ces hôtes ne comptent ni dans les constats ni dans le score.</p>
{{/PRIVATE_IGNORED}}{{#NO_HOST_UP}}<p class="alert"><strong>Aucun hôte actif</strong> dans le scan : rien n'a pu être analysé. Vérifiez les adresses visées et les options du scan.</p>
{{/NO_HOST_UP}}
<p><span class="score">{{SCORE}}</span></p>
<p class="muted">Score d'exposition : somme des points des constats (critique 10, élevée 5, moyenne 2, faible 1 ; 0 = aucun constat). Plus il est bas, mieux c'est.</p>
<p id="counts">{{N_HOSTS:x-plural=hôte lu/hôtes lus}} dans le scan, dont {{N_HOSTS_OPEN:x-num}} {{N_HOSTS_OPEN:x-agree=exposé/exposés}} (au moins un port ouvert) et {{N_HOSTS_WITH_FINDINGS:x-num}} avec au moins un constat ; {{N_OPEN_PORTS:x-plural=port ouvert/ports ouverts}} ; {{N_FINDINGS:x-plural=constat/constats}}.</p>
<table>
<tr><th>Gravité</th><th>Constats</th></tr>
{{#SEVERITY}}<tr><td><span class="badge {{CODE}}">{{NAME}}</span></td><td>{{COUNT}}</td></tr>
{{/SEVERITY}}</table>
<h2>Règles en échec</h2>
{{#NO_FINDING}}<p>Aucun constat.</p>
{{/NO_FINDING}}{{#RULE}}<h3><span class="badge {{CODE}}">{{SEVERITY}}</span> {{TITLE}} ({{COUNT}})</h3>
<p><em>Pourquoi :</em> {{RATIONALE}}</p>
<p><em>Que faire :</em> {{REMEDIATION}}</p>
<p class="muted">Références : {{REFERENCES}}</p>
{{/RULE}}
</section>
{{#DIFF}}<section class="page">
<h2>Évolution depuis l'analyse du {{PREVIOUS_DATE}}</h2>
<p>Score : {{PREVIOUS_SCORE}} → {{NEW_SCORE}}</p>
{{#SCOPE_DIFFERS}}<p class="alert" id="scope-differs">{{TEXT}}</p>
{{/SCOPE_DIFFERS}}<p>{{N_OPENED:x-plural=nouvelle exposition/nouvelles expositions}}, {{N_CLOSED:x-plural=exposition fermée/expositions fermées}}, {{N_CHANGED:x-plural=version changée/versions changées}}, {{N_NEW_FINDINGS:x-plural=nouveau constat/nouveaux constats}}, {{N_RESOLVED:x-plural=constat résolu/constats résolus}}.</p>
<h3>Nouvelles expositions</h3>
<table><tr><th>Adresse</th><th>Port</th><th>Service</th></tr>
{{#OPENED}}<tr><td>{{ADDRESS}}</td><td>{{PORT}}</td><td>{{SERVICE}}</td></tr>
{{/OPENED}}</table>
<h3>Expositions fermées</h3>
<table><tr><th>Adresse</th><th>Port</th><th>Service</th></tr>
{{#CLOSED}}<tr><td>{{ADDRESS}}</td><td>{{PORT}}</td><td>{{SERVICE}}</td></tr>
{{/CLOSED}}</table>
{{#SCOPE_DIFFERS}}{{#NOT_COVERED}}<h3>Non couvert par ce scan</h3>
<p class="muted">Ports ouverts lors de l'analyse précédente sur des hôtes que ce scan n'a pas visés : ni ouverts ni fermés, ils ne sont pas comparés.</p>
<table><tr><th>Adresse</th><th>Port</th><th>Service</th></tr>
{{#NOT_COVERED_ROW}}<tr><td>{{ADDRESS}}</td><td>{{PORT}}</td><td>{{SERVICE}}</td></tr>
{{/NOT_COVERED_ROW}}</table>
{{/NOT_COVERED}}{{/SCOPE_DIFFERS}}<h3>Versions changées</h3>
<table><tr><th>Adresse</th><th>Port</th><th>Avant</th><th>Après</th></tr>
{{#CHANGED}}<tr><td>{{ADDRESS}}</td><td>{{PORT}}</td><td>{{BEFORE}}</td><td>{{AFTER}}</td></tr>
{{/CHANGED}}</table>
</section>
{{/DIFF}}
<section>
<h2>Hôtes exposés</h2>
{{#HOST}}<h3>{{NAME}} — score {{HOST_SCORE}}{{#PRIVATE}} <span class="muted">(adresse non publique)</span>{{/PRIVATE}}</h3>
{{#HOST_NO_FINDING}}<p class="muted">Aucun constat sur cet hôte : ses ports ouverts sont listés ci-dessous.</p>
{{/HOST_NO_FINDING}}{{#HOST_HAS_FINDINGS}}<table>
<tr><th>Port</th><th>Gravité</th><th>Constat</th><th>Détail</th></tr>
{{#HOST_FINDING}}<tr><td>{{PORT}}</td><td><span class="badge {{CODE}}">{{SEVERITY}}</span></td><td>{{TITLE}}</td><td>{{DETAIL}}</td></tr>
{{/HOST_FINDING}}</table>
{{/HOST_HAS_FINDINGS}}<table>
<tr><th>Port ouvert</th><th>Service</th><th>Produit et version</th><th>TLS</th></tr>
{{#HOST_PORT}}<tr><td>{{PORT}}</td><td>{{SERVICE}}</td><td>{{PRODUCT}}</td><td>{{TLS}}</td></tr>
{{/HOST_PORT}}</table>
{{/HOST}}{{#HOSTS_TRUNCATED}}<p class="muted">Liste limitée {{#FIRST_ONLY}}au premier hôte exposé{{/FIRST_ONLY}}{{#FIRST_N}}aux {{SHOWN}} premiers hôtes exposés{{/FIRST_N}} ; le résultat JSON les contient tous.</p>
{{/HOSTS_TRUNCATED}}
<h2>Données analysées</h2>
<p>Fichiers : {{#SOURCE}}{{NAME}}{{#SOURCE_separator}}, {{/SOURCE_separator}}{{/SOURCE}}</p>
<p>Outils : {{#SCANNER}}{{NAME}}{{#SCANNER_separator}}, {{/SCANNER_separator}}{{/SCANNER}}</p>
<p>{{N_HOSTS:x-plural=hôte lu/hôtes lus}} dans le scan{{#READ_PRIVATE_IGNORED}}, {{TEXT}}{{/READ_PRIVATE_IGNORED}} ; {{N_HOSTS_DOWN:x-plural=hôte inactif/hôtes inactifs}} (sans réponse, non {{N_HOSTS_DOWN:x-agree=analysé/analysés}})</p>
<p>Avertissements de lecture : {{WARNINGS_TOTAL}}</p>
<ul>
{{#WARNING_KIND}}<li>{{WARNING_TEXT}}</li>
{{/WARNING_KIND}}</ul>
<ul class="muted">
{{#WARNING_SAMPLE}}<li>{{TEXT}}</li>
{{/WARNING_SAMPLE}}</ul>
</section>
</body>
</html>
