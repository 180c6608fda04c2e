{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Identification électronique des professionnels : situation du territoire</h1>
<p>Par région de votre périmètre, au {{DATE_FR}} : les établissements dont l'inventaire de l'identification est renseigné, et ceux dont tous les accès sont couverts par un moyen de double authentification conforme (émis par l'ANS, de niveau eIDAS substantiel ou homologué), effectifs compris. Chaque établissement compte selon la dernière mesure de son inventaire.</p>
<form method="get" action="/tableau-de-bord/identification" class="fr-mb-3w"><div class="fr-checkbox-group"><input type="checkbox" id="demo" name="demo" value="1"{{#DEMO_CHECKED}} checked{{/DEMO_CHECKED}}><label class="fr-label" for="demo">Compter les établissements de démonstration</label></div><button class="fr-btn fr-btn--tertiary fr-mt-1w" type="submit">Afficher</button></form>
{{#NO_REGION}}<p data-testid="identification-territory-empty">Aucun établissement dans votre périmètre.</p>{{/NO_REGION}}
{{#NO_REAL_REGION}}<p data-testid="identification-territory-empty">Aucun établissement hors démonstration dans votre périmètre : cochez « Compter les établissements de démonstration » pour les voir.</p>{{/NO_REAL_REGION}}
{{#TOTAL}}<div class="fr-table"><table data-testid="identification-territory">
  <caption>Établissements conformes par région</caption>
  <thead><tr><th scope="col">Région</th><th scope="col">Établissements</th><th scope="col">Inventaire renseigné</th><th scope="col">Tous les accès conformes</th><th scope="col">Part des établissements conformes</th><th scope="col">Part des accès couverts</th></tr></thead>
  <tbody>{{/TOTAL}}{{#REGION}}<tr data-testid="identification-territory-region" data-region="{{CODE}}"><th scope="row"><a href="/tableau-de-bord/identification?region={{CODE}}{{DEMO_Q}}#etablissements" title="Voir les établissements : {{NAME}}">{{NAME}}</a></th><td>{{ESTABLISHMENTS:x-num}}</td><td>{{INVENTORIED:x-num}}</td><td>{{COMPLIANT:x-num}}</td><td data-testid="identification-territory-share">{{COMPLIANT_SHARE}}</td><td>{{COVERED_SHARE}}</td></tr>{{/REGION}}{{#TOTAL}}
  <tr data-testid="identification-territory-total"><th scope="row">Ensemble</th><td>{{ESTABLISHMENTS:x-num}}</td><td>{{INVENTORIED:x-num}}</td><td>{{COMPLIANT:x-num}}</td><td data-testid="identification-territory-share">{{COMPLIANT_SHARE}}</td><td>{{COVERED_SHARE}}</td></tr></tbody>
</table></div>{{/TOTAL}}
{{#UNKNOWN_REGION}}<div class="fr-alert fr-alert--warning fr-mt-4w" id="etablissements" data-testid="identification-territory-unknown-region"><p>Aucune région de votre périmètre ne porte le code « {{ASKED_REGION}} » : choisissez une région dans le tableau.</p></div>{{/UNKNOWN_REGION}}
{{#LIST}}<h2 id="etablissements" class="fr-mt-4w">Établissements de la région : {{LIST_REGION}}</h2>
<p data-testid="identification-territory-list-count">{{LIST_COUNT}}, chacun selon la dernière mesure de son inventaire.</p>
{{#UNKNOWN_STATE}}<div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w" data-testid="identification-territory-unknown-state"><p>Le filtre « État » ne connaît pas la valeur « {{ASKED_STATE}} » : tous les établissements de la région sont affichés.</p></div>{{/UNKNOWN_STATE}}
<form method="get" action="/tableau-de-bord/identification#etablissements" class="fr-mb-3w"><input type="hidden" name="region" value="{{LIST_REGION_CODE}}">{{#LIST_DEMO}}<input type="hidden" name="demo" value="1">{{/LIST_DEMO}}
  <div class="fr-select-group"><label class="fr-label" for="etat">État de l'établissement</label><select class="fr-select" id="etat" name="etat" data-testid="identification-territory-state"><option value="">Tous les états</option>{{#STATE_OPTION}}<option value="{{VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{LABEL}}</option>{{/STATE_OPTION}}</select></div>
  <button class="fr-btn fr-btn--secondary" type="submit">Filtrer</button></form>
{{#LIST_EMPTY}}<p data-testid="identification-territory-list-empty">Aucun établissement dans cet état.</p>{{/LIST_EMPTY}}
<div class="fr-table"><table data-testid="identification-territory-establishments">
  <caption>Établissements de la région : {{LIST_REGION}}</caption>
  <thead><tr><th scope="col">Établissement</th><th scope="col">FINESS</th><th scope="col">État</th><th scope="col">Accès couverts</th><th scope="col">Part des accès couverts</th><th scope="col">Dernière mesure</th></tr></thead>
  <tbody>{{#EST}}<tr data-testid="identification-territory-establishment" data-finess="{{EST_FINESS}}" data-state="{{EST_STATE}}"><th scope="row"><a href="/etablissements/{{EST_FINESS}}/identification">{{EST_NAME}}</a></th><td>{{EST_FINESS}}</td><td><p class="fr-badge fr-badge--sm {{EST_BADGE}}">{{EST_STATE_LABEL}}</p></td><td>{{EST_COVERED}}</td><td>{{EST_SHARE}}</td><td>{{EST_DAY}}</td></tr>{{/EST}}</tbody>
</table></div>
{{PAGINATION:none}}{{/LIST}}
<p class="fr-text--sm">Chaque nom de région mène à la liste de ses établissements. Le détail d'un établissement est sur sa page « Identification ». La part des accès couverts compte chaque population pour son effectif sur chacun de ses accès.</p>
