{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Établissements</h1>
<form method="get" action="/etablissements" class="fr-mb-4w" role="search" aria-label="Rechercher un établissement">
  <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
    <div class="fr-col-12 fr-col-md-4">
      <div class="fr-input-group">
        <label class="fr-label" for="q">Nom ou numéro FINESS</label>
        <input class="fr-input" type="search" id="q" name="q" value="{{Q}}" data-testid="search">
      </div>
    </div>
    <div class="fr-col-12 fr-col-md-2">
      <div class="fr-select-group">
        <label class="fr-label" for="region">Région</label>
        <select class="fr-select" id="region" name="region">
          <option value="">Toutes</option>
          {{#REGION_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/REGION_OPT}}
        </select>
      </div>
    </div>
    <div class="fr-col-12 fr-col-md-2">
      <div class="fr-select-group">
        <label class="fr-label" for="ght">GHT</label>
        <select class="fr-select" id="ght" name="ght">
          <option value="">Tous</option>
          {{#GHT_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/GHT_OPT}}
        </select>
      </div>
    </div>
    <div class="fr-col-12 fr-col-md-2">
      <div class="fr-select-group">
        <label class="fr-label" for="type">Type</label>
        <select class="fr-select" id="type" name="type">
          <option value="">Tous</option>
          {{#TYPE_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/TYPE_OPT}}
        </select>
      </div>
    </div>
    <div class="fr-col-12 fr-col-md-2">
      <div class="fr-checkbox-group"><input type="checkbox" id="retard" name="retard" value="1"{{#LATE_CHECKED}} checked{{/LATE_CHECKED}}><label class="fr-label" for="retard">En retard</label></div>
      <button class="fr-btn" type="submit">Rechercher</button>
    </div>
  </div>
</form>
<div class="fr-grid-row fr-grid-row--middle fr-mb-2w">
  <p class="fr-col fr-mb-0" role="status" data-testid="result-count">{{TOTAL:x-plural=établissement/établissements}}{{#FILTERED}} {{TOTAL:x-agree=correspondant/correspondants}} à la recherche{{/FILTERED}}</p>
  {{#CAN_WRITE}}<a class="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left" href="/etablissements/nouveau">Ajouter un établissement</a>{{/CAN_WRITE}}
</div>
<div class="fr-table fr-table--no-caption" id="table-etablissements">
  <div class="fr-table__wrapper"><div class="fr-table__container"><div class="fr-table__content">
  <table>
    <caption>Liste des établissements</caption>
    <thead><tr>
      <th scope="col">Établissement</th><th scope="col">FINESS ET</th><th scope="col">Type</th>
      <th scope="col">Département</th><th scope="col">GHT</th><th scope="col">Conformité</th>
    </tr></thead>
    <tbody>
    {{#ROW}}<tr data-testid="establishment-row">
      <td><a href="/etablissements/{{FINESS}}">{{NAME}}</a>{{#DEMO}} <p class="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">démo</p>{{/DEMO}}</td>
      <td>{{FINESS}}</td><td>{{TYPE}}</td><td>{{DEPARTMENT}}</td><td>{{GHT}}</td>
      <td data-testid="late-status"><a href="/etablissements/{{FINESS}}/conformite"><span class="fr-badge fr-badge--sm fr-badge--{{LATE_BADGE}}">{{LATE:x-num}}</span></a>{{#DAYS_LATE}}<br><span class="fr-text--xs">{{TEXT}}</span>{{/DAYS_LATE}}</td>
    </tr>{{/ROW}}
    {{#NO_ROW}}<tr><td colspan="6">Aucun établissement ne correspond à la recherche.</td></tr>{{/NO_ROW}}
    </tbody>
  </table>
  </div></div></div>
</div>
{{PAGINATION:none}}
