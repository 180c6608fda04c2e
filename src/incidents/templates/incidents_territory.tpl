{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Incidents de sécurité — {{TERRITORY}}</h1>
<p class="fr-text--lead">Les incidents des établissements de votre territoire, en lecture : chacun mène à son registre (chronologie, qualification, déclarations au CERT Santé).</p>
{{#REGISTER}}<p data-testid="territory-register"><a class="fr-link" href="{{REGISTER_URL}}">Registre des incidents de votre établissement (enregistrer, qualifier, déclarer)</a></p>{{/REGISTER}}
<form method="get" action="/incidents" class="fr-mb-3w" data-testid="territory-filters">
  <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
    {{#REGION_FILTER}}<div class="fr-col-12 fr-col-md-4"><div class="fr-select-group"><label class="fr-label" for="ti-region">Région</label>
      <select class="fr-select" id="ti-region" name="region" data-testid="territory-region"><option value="">France entière</option>{{#REGION_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/REGION_OPTION}}</select></div></div>{{/REGION_FILTER}}
    <div class="fr-col-12 fr-col-md-3"><div class="fr-select-group"><label class="fr-label" for="ti-status">Statut</label>
      <select class="fr-select" id="ti-status" name="statut" data-testid="territory-status">{{#STATUS_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/STATUS_OPTION}}</select></div></div>
    <div class="fr-col-12 fr-col-md-3"><div class="fr-fieldset__element"><div class="fr-checkbox-group"><input type="checkbox" id="ti-cnil" name="cnil" value="retard"{{#CNIL_CHECKED}} checked{{/CNIL_CHECKED}} data-testid="territory-cnil"><label class="fr-label" for="ti-cnil">Notification à la CNIL en retard</label></div></div></div>
    <div class="fr-col-12 fr-col-md-2"><button class="fr-btn" type="submit" data-testid="territory-filter">Filtrer</button></div>
  </div>
</form>
<p data-testid="territory-count">{{TOTAL:x-plural=incident/incidents}}</p>
{{#NONE}}<p data-testid="territory-none">Aucun incident ne répond à ces critères.</p>{{/NONE}}
{{#HAS_ROWS}}<div class="fr-table fr-table--no-caption">
  <table data-testid="territory-table">
    <caption>Incidents de sécurité du territoire</caption>
    <thead><tr><th scope="col">Détecté le</th><th scope="col">Établissement</th><th scope="col">Intitulé</th><th scope="col">Type de menace</th><th scope="col">Statut</th><th scope="col">Notification à la CNIL</th></tr></thead>
    <tbody>
      {{#ROW}}<tr data-testid="territory-row" data-status="{{STATUS_ID}}">
        <td>{{DETECTED}}</td>
        <td>{{ESTABLISHMENT}}</td>
        <td><a href="{{URL}}" data-testid="territory-link">{{TITLE}}</a></td>
        <td>{{THREAT}}</td>
        <td><p class="fr-badge fr-badge--sm fr-badge--{{BADGE}}">{{STATUS}}</p></td>
        <td data-testid="territory-cnil-state">{{#CNIL_LATE}}<p class="fr-badge fr-badge--sm fr-badge--error">en retard</p>{{/CNIL_LATE}}{{#CNIL_OK}}—{{/CNIL_OK}}</td>
      </tr>{{/ROW}}
    </tbody>
  </table>
</div>{{/HAS_ROWS}}
{{PAGINATION:none}}
<p class="fr-mt-2w"><a class="fr-link" href="{{STATISTICS}}" data-testid="territory-statistics">Statistiques des incidents du territoire</a></p>
