{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Établissements non inscrits auprès de l'ANSSI</h1>
<p>Les établissements de votre périmètre auxquels l'instruction DNS/2025/12 demande l'inscription au Club SSI et au service SILENE de l'ANSSI (action prioritaire 3), et qui ne l'ont pas encore déclarée, d'après la conformité tenue à jour par carepilot.</p>
<ul class="fr-mb-3w" data-testid="missing-counts">
  <li><a class="fr-link" href="/inscriptions-anssi?manque=club-ssi">{{WITHOUT_CLUB:x-plural=établissement/établissements}} sans inscription au Club SSI</a></li>
  <li><a class="fr-link" href="/inscriptions-anssi?manque=silene">{{WITHOUT_SILENE:x-plural=établissement/établissements}} sans inscription à SILENE</a></li>
  <li>{{WITHOUT_BOTH:x-plural=établissement/établissements}} sans aucune des deux</li>
</ul>
<form method="get" action="/inscriptions-anssi" class="fr-mb-3w" data-testid="missing-filters">
<div class="fr-grid-row fr-grid-row--gutters">
<div class="fr-col-12 fr-col-md-4"><div class="fr-select-group"><label class="fr-label" for="m-region">Région</label><select class="fr-select" id="m-region" name="region"><option value="">Toutes les régions</option>{{#REGION_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/REGION_OPT}}</select></div></div>
<div class="fr-col-12 fr-col-md-4"><div class="fr-select-group"><label class="fr-label" for="m-ght">GHT</label><select class="fr-select" id="m-ght" name="ght"><option value="">Tous les GHT</option>{{#GHT_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/GHT_OPT}}</select></div></div>
<div class="fr-col-12 fr-col-md-4"><div class="fr-select-group"><label class="fr-label" for="m-missing">Inscription manquante</label><select class="fr-select" id="m-missing" name="manque"><option value="">L'une ou l'autre</option>{{#MISSING_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/MISSING_OPT}}</select></div></div>
<div class="fr-col-12"><div class="fr-checkbox-group"><input type="checkbox" id="m-demo" name="demo" value="0"{{#DEMO_OFF}} checked{{/DEMO_OFF}}><label class="fr-label" for="m-demo">Sans les établissements de démonstration</label></div></div>
</div>
<button class="fr-btn fr-mt-2w" type="submit">Filtrer</button> <a class="fr-link fr-ml-2w" href="/inscriptions-anssi">Effacer les filtres</a>
</form>
<ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
  <li><a class="fr-btn fr-btn--secondary fr-icon-download-line" href="{{CSV_HREF}}" data-testid="missing-csv">Exporter la liste (CSV)</a></li>
  <li><a class="fr-btn fr-btn--secondary fr-icon-download-line" href="{{XLSX_HREF}}" data-testid="missing-xlsx">Exporter la liste (Excel)</a></li>
</ul>
<div class="fr-table"><table data-testid="missing-list">
<caption>{{TOTAL:x-plural=établissement/établissements}} — page {{PAGE:x-num}} sur {{PAGES:x-num}}</caption>
<thead><tr><th scope="col">Établissement</th><th scope="col">Région</th><th scope="col">Club SSI</th><th scope="col">SILENE</th></tr></thead>
<tbody>{{#ROW}}<tr data-testid="missing-row"><th scope="row"><a href="/etablissements/{{FINESS}}/inscriptions-anssi">{{NAME}}</a><br><span class="fr-text--xs">FINESS {{FINESS}}</span></th><td>{{REGION}}</td><td><span class="fr-badge fr-badge--sm fr-badge--{{CLUB_BADGE}}">{{CLUB}}</span></td><td><span class="fr-badge fr-badge--sm fr-badge--{{SILENE_BADGE}}">{{SILENE}}</span></td></tr>{{/ROW}}
{{#EMPTY}}<tr><td colspan="4">Aucun établissement ne correspond à ces filtres.</td></tr>{{/EMPTY}}</tbody></table></div>
{{PAGINATION:none}}
