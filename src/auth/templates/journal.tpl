{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Journal des modifications</h1>
<p>Chaque modification des données, chaque connexion et chaque échec de connexion est inscrit dans une chaîne d'empreintes scellée par une clé conservée hors de la base, et des points de contrôle signés en sont écrits régulièrement hors de la base : la modification, la suppression ou la troncature du journal est détectée par <code>carepilot audit verify</code>.</p>
{{#FILTER_ERROR}}<div class="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert"><p>{{MESSAGE}}</p></div>{{/FILTER_ERROR}}
{{#UNKNOWN_ESTABLISHMENT}}<div class="fr-alert fr-alert--info fr-alert--sm fr-mb-2w" role="status" data-testid="unknown-establishment"><p>Aucun établissement de votre périmètre ne porte ce numéro FINESS.</p></div>{{/UNKNOWN_ESTABLISHMENT}}
<form method="get" action="/journal" class="fr-mb-3w" data-testid="journal-filters">
<div class="fr-grid-row fr-grid-row--gutters">
<div class="fr-col-12 fr-col-md-4"><div class="fr-input-group"><label class="fr-label" for="j-user">Utilisateur <span class="fr-hint-text">Tout ou partie de l'adresse électronique</span></label><input class="fr-input" type="text" id="j-user" name="utilisateur" value="{{F_USER}}"></div></div>
<div class="fr-col-12 fr-col-md-4"><div class="fr-input-group"><label class="fr-label" for="j-est">Établissement <span class="fr-hint-text">Numéro FINESS géographique</span></label><input class="fr-input" type="text" id="j-est" name="etablissement" value="{{F_FINESS}}"></div></div>
<div class="fr-col-12 fr-col-md-4"><div class="fr-select-group"><label class="fr-label" for="j-object">Objet</label><select class="fr-select" id="j-object" name="objet"><option value="">Tous les objets</option>{{#OBJECT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OBJECT}}</select></div></div>
<div class="fr-col-12 fr-col-md-4"><div class="fr-input-group"><label class="fr-label" for="j-from">Du</label><input class="fr-input" type="date" id="j-from" name="du" value="{{F_FROM}}"></div></div>
<div class="fr-col-12 fr-col-md-4"><div class="fr-input-group"><label class="fr-label" for="j-to">Au <span class="fr-hint-text">Jour inclus, heure de Paris</span></label><input class="fr-input" type="date" id="j-to" name="au" value="{{F_TO}}"></div></div>
<div class="fr-col-12 fr-col-md-4"><button class="fr-btn fr-mt-4w" type="submit">Filtrer</button> <a class="fr-link fr-ml-2w" href="/journal">Effacer les filtres</a></div>
</div></form>
<div class="fr-table"><table data-testid="audit">
<caption>{{COUNT:x-plural=entrée/entrées}} de votre périmètre, les plus récentes d'abord</caption>
<thead><tr><th scope="col">N°</th><th scope="col">Date (heure de Paris)</th><th scope="col">Auteur</th><th scope="col">Adresse</th><th scope="col">Action</th><th scope="col">Objet</th><th scope="col">Détail</th><th scope="col">Empreintes avant / après</th></tr></thead>
<tbody>{{#ENTRY}}<tr data-testid="audit-row"><td>{{SEQ}}</td><td>{{AT}}</td><td>{{ACTOR}}</td><td>{{REMOTE}}</td><td>{{ACTION}}</td><td>{{OBJECT}}</td><td>{{SUMMARY}}</td><td><code>{{BEFORE}}</code> / <code>{{AFTER}}</code></td></tr>{{/ENTRY}}
{{#EMPTY}}<tr><td colspan="8">Aucune entrée.</td></tr>{{/EMPTY}}</tbody></table></div>
{{PAGINATION:none}}
