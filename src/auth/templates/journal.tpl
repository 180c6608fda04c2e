{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Journal des modifications</h1>
<p>Chaque modification des données est inscrite dans une chaîne d'empreintes scellée par une clé conservée hors de la base, et des points de contrôle signés en sont écrits régulièrement hors de la base : la modification, la suppression ou la troncature du journal est détectée par <code>carepilot audit verify</code>.</p>
<div class="fr-table"><table data-testid="audit">
<caption>Entrées de votre périmètre, les plus récentes d'abord</caption>
<thead><tr><th scope="col">N°</th><th scope="col">Date (heure de Paris)</th><th scope="col">Auteur</th><th scope="col">Adresse</th><th scope="col">Action</th><th scope="col">Objet</th><th scope="col">Empreintes avant / après</th></tr></thead>
<tbody>{{#ENTRY}}<tr data-testid="audit-row"><td>{{SEQ}}</td><td>{{AT}}</td><td>{{ACTOR}}</td><td>{{REMOTE}}</td><td>{{ACTION}}</td><td>{{SUMMARY}}</td><td><code>{{BEFORE}}</code> / <code>{{AFTER}}</code></td></tr>{{/ENTRY}}
{{#EMPTY}}<tr><td colspan="7">Aucune entrée.</td></tr>{{/EMPTY}}</tbody></table></div>
{{#MORE}}<a class="fr-link" href="/journal?avant={{NEXT}}">Entrées plus anciennes</a>{{/MORE}}
