{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Comparaison des autoévaluations — {{NAME}}</h1>
<p><a href="/etablissements/{{FINESS}}/maturite">Retour aux autoévaluations</a>. Les années déclarées sont lues dans leur instantané figé ; les brouillons sont calculés sur leurs réponses actuelles.</p>
{{#NO_DATA}}<p data-testid="compare-empty">Aucune autoévaluation pour les années demandées.</p>{{/NO_DATA}}
{{#HAS_DATA}}<div class="fr-table">
  <table data-testid="compare-table">
    <caption>Scores par partie (sur 100) et évolution</caption>
    <thead><tr><th scope="col">Partie</th>{{#YEAR_HEAD}}<th scope="col">{{YEAR}} ({{STATUS}})</th>{{#DELTA_HEAD}}<th scope="col">Évolution</th>{{/DELTA_HEAD}}{{/YEAR_HEAD}}</tr></thead>
    <tbody>{{#ROW}}<tr data-section="{{ID}}"><th scope="row">{{#OVERALL}}<strong>{{/OVERALL}}{{TITLE}}{{#OVERALL}}</strong>{{/OVERALL}}</th>{{#CELL}}<td>{{VALUE}}</td>{{#DELTA}}<td><p class="fr-badge fr-badge--sm fr-badge--{{CLASS}}">{{TEXT}}</p></td>{{/DELTA}}{{/CELL}}</tr>{{/ROW}}</tbody>
  </table>
</div>
<figure class="fr-mb-4w">
  <svg xmlns="http://www.w3.org/2000/svg" width="{{SVG_WIDTH}}" height="{{SVG_HEIGHT}}" viewBox="0 0 {{SVG_WIDTH}} {{SVG_HEIGHT}}" role="img" aria-label="{{ALT}}" data-testid="compare-chart">
    <title>{{ALT}}</title>
    <line x1="36" y1="{{AXIS_Y}}" x2="{{AXIS_X2}}" y2="{{AXIS_Y}}" stroke="#161616"></line>
    <line x1="36" y1="{{AXIS_TOP}}" x2="{{AXIS_X2}}" y2="{{AXIS_TOP}}" stroke="#dddddd"></line>
    <line x1="36" y1="{{AXIS_MID}}" x2="{{AXIS_X2}}" y2="{{AXIS_MID}}" stroke="#dddddd"></line>
    <text x="4" y="{{AXIS_TOP}}" font-size="11" dominant-baseline="middle">100</text>
    <text x="10" y="{{AXIS_MID}}" font-size="11" dominant-baseline="middle">50</text>
    <text x="16" y="{{AXIS_Y}}" font-size="11" dominant-baseline="middle">0</text>
    {{#GROUP}}{{#BAR}}<rect x="{{X}}" y="{{Y}}" width="{{W}}" height="{{H}}" fill="{{COLOR}}"><title>{{TITLE}}</title></rect>{{/BAR}}<text x="{{LABEL_X}}" y="{{LABEL_Y}}" font-size="11" text-anchor="middle">{{LABEL}}</text>{{/GROUP}}
    {{#LEGEND}}<rect x="{{LEGEND_X}}" y="{{Y}}" width="12" height="12" fill="{{COLOR}}"></rect><text x="{{LEGEND_TX}}" y="{{TY}}" font-size="11">{{YEAR}}</text>{{/LEGEND}}
  </svg>
  <figcaption class="fr-hint-text">Graphique : scores par partie pour chaque année ; les mêmes valeurs figurent dans le tableau ci-dessus.</figcaption>
</figure>{{/HAS_DATA}}
