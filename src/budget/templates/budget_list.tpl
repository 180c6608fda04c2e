{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Budget numérique et cybersécurité — {{NAME}}</h1>
<p>Chaque année civile, la part du budget global consacrée au numérique et à la cybersécurité est déclarée et doit atteindre au moins 2&nbsp;% ((numérique + cybersécurité) / budget total ; instruction DNS/2025/12, action prioritaire 7). Le budget numérique est saisi <strong>hors cybersécurité</strong>.</p>
{{#CAN_WRITE}}<!--cp-if-{{MARK}}:no_second_factor--><p class="fr-hint-text" data-testid="needs-second-factor">La déclaration du budget demande la double authentification : activez-la dans <a href="/compte">Mon compte</a>, puis reconnectez-vous.</p><!--/cp-if-{{MARK}}:no_second_factor--><!--cp-if-{{MARK}}:second_factor--><nav aria-label="Saisir une année" class="fr-mb-3w"><ul class="fr-btns-group fr-btns-group--inline-md">{{#YEAR_LINK}}<li><a class="fr-btn fr-btn--secondary" href="{{BASE}}/{{YEAR}}" data-testid="budget-year-{{YEAR}}">Déclarer {{YEAR}}</a></li>{{/YEAR_LINK}}</ul></nav><!--/cp-if-{{MARK}}:second_factor-->{{/CAN_WRITE}}
{{#EMPTY}}<p data-testid="budget-empty">Aucune déclaration de budget pour cet établissement.</p>{{/EMPTY}}
{{#HAS_ROWS}}<div class="fr-table">
  <table data-testid="budget-table">
    <caption>Déclarations par année</caption>
    <thead><tr><th scope="col">Année</th><th scope="col">Budget total</th><th scope="col">Numérique (hors cyber)</th><th scope="col">Cybersécurité</th><th scope="col">Part numérique</th><th scope="col">Part cybersécurité</th><th scope="col">Part numérique + cyber</th><th scope="col">Seuil de 2&nbsp;%</th><th scope="col">Déclaré le</th></tr></thead>
    <tbody>
      {{#ROW}}<tr data-testid="budget-row" data-year="{{YEAR}}">
        <td><a href="{{URL}}">{{YEAR}}</a></td>
        <td>{{TOTAL:x-num}}</td><td>{{DIGITAL}}</td><td>{{CYBER}}</td>
        <td>{{DIGITAL_SHARE}}</td><td>{{CYBER_SHARE}}</td>
        <td data-testid="budget-share"><strong>{{SHARE}}</strong></td>
        <td>{{#MEETS}}<p class="fr-badge fr-badge--success" data-testid="budget-check">Atteint</p>{{/MEETS}}{{#BELOW}}<p class="fr-badge fr-badge--error" data-testid="budget-check">Non atteint</p>{{/BELOW}}</td>
        <td>{{DECLARED_ON}}</td>
      </tr>{{/ROW}}
    </tbody>
  </table>
</div>{{/HAS_ROWS}}
{{#WITHDRAWN}}<h2 class="fr-h4 fr-mt-4w" id="declarations-retirees">Déclarations retirées</h2>
<p>Une déclaration n'est jamais supprimée : retirée, elle ne compte plus mais reste ici et dans le journal.</p>
<div class="fr-table fr-table--no-caption">
  <table data-testid="budget-withdrawn-table">
    <caption>Déclarations retirées</caption>
    <thead><tr><th scope="col">Année</th><th scope="col">Budget total</th><th scope="col">Budget cybersécurité</th><th scope="col">Déclarée le</th><th scope="col">Retirée le</th><th scope="col">Par</th><th scope="col">Motif du retrait</th></tr></thead>
    <tbody>
      {{#GONE}}<tr><td>{{YEAR}}</td><td>{{TOTAL:x-num}}</td><td>{{CYBER}}</td><td>{{DECLARED_ON}}</td><td>{{AT}}</td><td>{{BY}}</td><td>{{REASON}}</td></tr>{{/GONE}}
    </tbody>
  </table>
</div>{{/WITHDRAWN}}
{{#CHART}}<h2>Historique</h2>
<figure class="fr-mb-4w" data-testid="budget-chart">
<svg xmlns="http://www.w3.org/2000/svg" width="{{W}}" height="{{H}}" viewBox="0 0 {{W}} {{H}}" role="img" aria-labelledby="budget-chart-title">
  <title id="budget-chart-title">{{SUMMARY}}</title>
  {{#TICK}}<line x1="{{LEFT}}" y1="{{Y}}" x2="{{RIGHT_X}}" y2="{{Y}}" stroke="#dddddd" stroke-width="1"></line><text x="{{TICK_X}}" y="{{TEXT_Y}}" text-anchor="end" font-size="12" fill="#3a3a3a">{{LABEL}}</text>{{/TICK}}
  {{#BAR}}<g data-year="{{YEAR}}"><rect class="cp-bar-digital" x="{{X}}" y="{{DY}}" width="{{W}}" height="{{DH}}" fill="#000091"></rect><rect class="cp-bar-cyber" x="{{X}}" y="{{CY}}" width="{{W}}" height="{{CH}}" fill="#6a6af4"></rect><text x="{{LX}}" y="{{VY}}" text-anchor="middle" font-size="12" fill="#161616">{{SHARE}}</text><text x="{{LX}}" y="{{LABEL_Y}}" text-anchor="middle" font-size="12" fill="#161616">{{YEAR}}</text></g>{{/BAR}}
  <line class="cp-threshold" x1="{{LEFT}}" y1="{{THRESHOLD_Y}}" x2="{{RIGHT_X}}" y2="{{THRESHOLD_Y}}" stroke="#ce0500" stroke-width="2" stroke-dasharray="6 4"></line>
  <text x="{{RIGHT_X}}" y="{{THRESHOLD_LABEL_Y}}" text-anchor="end" font-size="12" fill="#ce0500">seuil 2 %</text>
  <line x1="{{LEFT}}" y1="{{BASE_Y}}" x2="{{RIGHT_X}}" y2="{{BASE_Y}}" stroke="#161616" stroke-width="1"></line>
</svg>
<figcaption class="fr-text--sm">Barres : numérique hors cybersécurité (bleu foncé) et cybersécurité (bleu clair), en part du budget total ; ligne rouge pointillée : seuil de 2&nbsp;%. Les mêmes valeurs figurent dans le tableau ci-dessus.</figcaption>
</figure>{{/CHART}}
