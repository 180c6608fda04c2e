{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Qui est en retard sur quoi</h1>
<p>Le statut de chaque obligation de chaque établissement de votre périmètre, tel que carepilot le tient à jour. Chaque case mène à la page de conformité de l'établissement. <a class="fr-link" href="/retards/regions">Comparer les régions</a></p>
<form method="get" action="/retards" class="fr-mb-3w" data-testid="late-filters">
<div class="fr-grid-row fr-grid-row--gutters">
<div class="fr-col-12 fr-col-md-3"><div class="fr-select-group"><label class="fr-label" for="l-region">Région</label><select class="fr-select" id="l-region" name="region"><option value="">Toutes les régions</option>{{#REGION_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/REGION_OPT}}</select></div></div>
<div class="fr-col-12 fr-col-md-3"><div class="fr-select-group"><label class="fr-label" for="l-ght">GHT</label><select class="fr-select" id="l-ght" name="ght"><option value="">Tous les GHT</option>{{#GHT_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/GHT_OPT}}</select></div></div>
<div class="fr-col-12 fr-col-md-3"><div class="fr-select-group"><label class="fr-label" for="l-category">Catégorie</label><select class="fr-select" id="l-category" name="categorie"><option value="">Toutes les catégories</option>{{#CATEGORY_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CATEGORY_OPT}}</select></div></div>
<div class="fr-col-12 fr-col-md-3"><div class="fr-select-group"><label class="fr-label" for="l-sort">Tri</label><select class="fr-select" id="l-sort" name="tri">{{#SORT_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SORT_OPT}}</select></div></div>
<div class="fr-col-12 fr-col-md-4"><div class="fr-select-group"><label class="fr-label" for="l-obligation">Obligation</label><select class="fr-select" id="l-obligation" name="obligation"><option value="">Toutes les obligations</option>{{#OBLIGATION_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OBLIGATION_OPT}}</select></div></div>
<div class="fr-col-12 fr-col-md-4"><div class="fr-select-group"><label class="fr-label" for="l-status">Statut</label><select class="fr-select" id="l-status" name="statut"><option value="">Tous les statuts</option>{{#STATUS_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_OPT}}</select></div></div>
<div class="fr-col-12 fr-col-md-4"><div class="fr-checkbox-group fr-mt-4w"><input type="checkbox" id="l-late" name="retard" value="1"{{#LATE_CHECKED}} checked{{/LATE_CHECKED}}><label class="fr-label" for="l-late">En retard seulement</label></div>
<div class="fr-checkbox-group"><input type="checkbox" id="l-demo" name="demo" value="0"{{#DEMO_OFF}} checked{{/DEMO_OFF}}><label class="fr-label" for="l-demo">Sans les établissements de démonstration</label></div></div>
</div>
<button class="fr-btn fr-mt-2w" type="submit">Filtrer</button> <a class="fr-link fr-ml-2w" href="/retards">Effacer les filtres</a>
</form>
<div class="fr-table fr-table--no-caption-bottom"><div class="fr-table__wrapper"><table data-testid="late-grid">
<caption>{{TOTAL:x-num}} — page {{PAGE}} sur {{PAGES:x-num}}</caption>
<thead><tr><th scope="col">Établissement</th><th scope="col">Catégorie</th><th scope="col">Obligations en retard</th>{{#OBLIGATION}}<th scope="col">{{TITLE}}</th>{{/OBLIGATION}}</tr></thead>
<tbody>{{#ROW}}<tr data-testid="late-row"><th scope="row"><a href="/etablissements/{{FINESS}}">{{NAME}}</a><br><span class="fr-text--xs">FINESS {{FINESS}}</span></th><td>{{CATEGORY}}</td><td>{{OVERDUE:x-num}}</td>{{#CELL}}<td><a class="fr-link fr-text--sm" data-testid="late-cell" href="{{HREF}}" title="{{NAME}} — {{OBLIGATION}} : {{LABEL}}"><span class="fr-badge fr-badge--sm fr-badge--{{BADGE}}">{{LABEL}}</span></a>{{#DETAIL}}<br><span class="fr-text--xs">{{TEXT}}</span>{{/DETAIL}}</td>{{/CELL}}</tr>{{/ROW}}
{{#EMPTY}}<tr><td colspan="3">Aucun établissement ne correspond à ces filtres.</td></tr>{{/EMPTY}}</tbody></table></div></div>
{{PAGINATION:none}}
