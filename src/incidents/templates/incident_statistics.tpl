{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w" data-testid="statistics-heading">Statistiques des incidents de sécurité</h1>
<p class="fr-text--lead" data-testid="statistics-territory">Incidents enregistrés dans carepilot pour {{TERRITORY}} : {{TOTAL:x-plural=incident/incidents}}, par année de détection (heure de Paris). Ces chiffres sont des agrégats : le détail d'un incident n'est visible que de son établissement, de son groupement hospitalier de territoire, de son ARS et des services nationaux.</p>
{{#REGION_FORM}}<form method="get" action="/incidents/statistiques" class="fr-mb-3w" data-testid="statistics-region-form">
  <div class="fr-select-group"><label class="fr-label" for="stat-region">Territoire</label>
    <select class="fr-select" id="stat-region" name="region" data-testid="statistics-region"><option value="">France entière</option>{{#REGION_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/REGION_OPTION}}</select></div>
  <button class="fr-btn fr-btn--secondary" type="submit">Afficher</button>
</form>{{/REGION_FORM}}
<p><a class="fr-link fr-icon-download-line fr-link--icon-left" href="{{XLSX}}" data-testid="statistics-xlsx">Télécharger le classeur (XLSX)</a> <a class="fr-link fr-ml-2w" href="{{JSON}}" data-testid="statistics-json">Mêmes chiffres en JSON (API)</a>{{#LIST}} <a class="fr-link fr-ml-2w" href="{{LIST_URL}}" data-testid="statistics-list">Liste des incidents du territoire</a>{{/LIST}}</p>
<div class="fr-table fr-table--no-caption"><table data-testid="statistics-years">
  <caption>Incidents par année</caption>
  <thead><tr><th scope="col">Année</th><th scope="col">Incidents</th><th scope="col">Établissements concernés</th><th scope="col">Établissements déclarants</th><th scope="col">Incidents déclarés</th><th scope="col">Part malveillante</th><th scope="col">Délai médian de détection</th><th scope="col">Délai médian de déclaration</th><th scope="col">Durée médiane du mode dégradé</th><th scope="col">Délai médian de rétablissement</th><th scope="col">Incidents déclarés en France (chiffres publiés)</th></tr></thead>
  <tbody>{{#YEAR}}<tr data-testid="statistics-year" data-year="{{YEAR}}"><td>{{YEAR}}</td><td data-testid="statistics-incidents">{{INCIDENTS}}</td><td>{{ESTABLISHMENTS}}</td><td>{{DECLARING}}</td><td>{{DECLARED}}</td><td>{{MALICIOUS}}</td><td>{{TO_DETECT}}</td><td>{{TO_DECLARE}}</td><td>{{DEGRADED}}</td><td>{{TO_RESTORE}}</td><td>{{NATIONAL}}</td></tr>{{/YEAR}}</tbody>
</table></div>
<p class="fr-text--sm">Chiffres nationaux : {{SOURCE}}.</p>
{{#UNVERIFIED}}<p class="fr-text--sm" data-testid="statistics-national-unverified" data-year="{{YEAR}}">Chiffre national {{YEAR}} ({{COUNT}} incidents) : à vérifier — {{SOURCE}}.</p>
{{/UNVERIFIED}}{{#CHART}}<figure class="fr-mb-4w" data-testid="statistics-chart-{{CHART_ID}}" data-orientation="{{ORIENTATION}}">
<svg xmlns="http://www.w3.org/2000/svg" width="{{W}}" height="{{H}}" viewBox="0 0 {{W}} {{H}}" role="img" aria-labelledby="chart-{{CHART_ID}}-title">
  <title id="chart-{{CHART_ID}}-title">{{SUMMARY}}</title>
  {{#BAR}}<g><title>{{LABEL}} : {{VALUE}}</title><rect x="{{X}}" y="{{Y}}" width="{{BW}}" height="{{BH}}" fill="#000091"></rect><text x="{{VX}}" y="{{VY}}" text-anchor="{{V_ANCHOR}}" font-size="12" fill="#161616">{{VALUE}}</text><text x="{{LX}}" y="{{LABEL_Y}}" text-anchor="{{L_ANCHOR}}" font-size="11" fill="#161616" data-testid="chart-label">{{LABEL}}</text></g>{{/BAR}}
  <line x1="{{X1}}" y1="{{Y1}}" x2="{{X2}}" y2="{{Y2}}" stroke="#161616" stroke-width="1"></line>
</svg>
<figcaption class="fr-text--sm">{{CHART_TITLE}}</figcaption>
</figure>{{/CHART}}
{{#BREAKDOWN}}<div class="fr-table fr-table--no-caption"><table data-testid="statistics-{{DIM}}">
  <caption>{{TITLE}}</caption>
  <thead><tr><th scope="col">{{TITLE}}</th>{{#YEAR_HEAD}}<th scope="col">{{YEAR}}</th>{{/YEAR_HEAD}}</tr></thead>
  <tbody>{{#LINE}}<tr><td>{{LABEL}}</td>{{#CELL}}<td>{{N}}</td>{{/CELL}}</tr>{{/LINE}}</tbody>
</table></div>{{/BREAKDOWN}}
