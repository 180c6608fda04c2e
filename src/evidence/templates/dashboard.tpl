{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Tableau de bord</h1>
{{#FIGURES}}<p class="fr-text--lead" data-testid="dashboard-situation">Situation au {{DATE_FR}}{{#SNAPSHOT}} (relevé mensuel){{/SNAPSHOT}} de {{ESTABLISHMENTS:x-plural=établissement/établissements}} de votre périmètre.</p>{{/FIGURES}}
{{#STALE}}<div class="fr-alert fr-alert--info fr-alert--sm fr-mb-2w" data-testid="stale"><p>Statuts calculés au {{COMPUTED_FR}} : le recalcul quotidien n'est pas encore passé pour aujourd'hui.</p></div>{{/STALE}}
{{#NOT_COMPUTED}}<div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w" data-testid="not-computed"><p>{{COUNT:x-plural=établissement/établissements}} sans statut calculé ne {{COUNT:x-agree=figure/figurent}} pas encore dans les parts.</p></div>{{/NOT_COMPUTED}}
<form method="get" action="/tableau-de-bord" class="fr-mb-4w">
  <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
    <div class="fr-col-12 fr-col-md-3"><div class="fr-select-group">
      <label class="fr-label" for="region">Région</label>
      <select class="fr-select" id="region" name="region"><option value="">Toutes</option>{{#REGION_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/REGION_OPT}}</select>
    </div></div>
    <div class="fr-col-12 fr-col-md-3"><div class="fr-select-group">
      <label class="fr-label" for="ght">GHT</label>
      <select class="fr-select" id="ght" name="ght"><option value="">Tous</option>{{#GHT_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/GHT_OPT}}</select>
    </div></div>
    <div class="fr-col-12 fr-col-md-3"><div class="fr-input-group">
      <label class="fr-label" for="date">Situation au</label>
      <input class="fr-input" type="date" id="date" name="date" value="{{DATE}}">
    </div></div>
    <div class="fr-col-12 fr-col-md-3"><button class="fr-btn" type="submit">Afficher</button></div>
  </div>
  <div class="fr-checkbox-group fr-mt-2w">
    <input type="checkbox" id="demo" name="demo" value="1"{{#DEMO_CHECKED}} checked{{/DEMO_CHECKED}}>
    <label class="fr-label" for="demo">Inclure les établissements de démonstration</label>
  </div>
</form>
{{#NO_SNAPSHOT}}<div class="fr-alert fr-alert--warning fr-mb-4w" data-testid="no-snapshot">
  <h2 class="fr-alert__title">Aucun relevé mensuel pour {{MONTH}}</h2>
  <p>La situation d'une date passée ({{DATE_FR}}) se lit dans le relevé mensuel de son mois, évalué au dernier jour du mois ; {{#NOT_ENDED}}ce mois n'est pas terminé, son relevé n'existe pas encore.{{/NOT_ENDED}}{{#NOT_BUILT}}ce relevé n'a pas été construit pour ce mois (un administrateur le construit avec la commande <code>carepilot compliance snapshot</code>).{{/NOT_BUILT}} Les chiffres du jour restent disponibles sans date.</p>
</div>{{/NO_SNAPSHOT}}
{{#FIGURES}}<ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
  <li><a class="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left" href="/tableau-de-bord.csv{{EXPORT_QUERY}}">Exporter (CSV)</a></li>
  <li><a class="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left" href="/tableau-de-bord.xlsx{{EXPORT_QUERY}}">Exporter (Excel)</a></li>
</ul>
<p data-testid="dashboard-registrations"><a class="fr-link" href="/inscriptions-anssi">Établissements non inscrits au Club SSI ou à SILENE</a></p>
<p data-testid="dashboard-identification"><a class="fr-link" href="/tableau-de-bord/identification">Identification électronique des professionnels : part des établissements conformes par région</a></p>
<p data-testid="dashboard-incidents"><a class="fr-link" href="/incidents/statistiques">Incidents de sécurité : statistiques du territoire, à côté des chiffres nationaux publiés</a></p>
<p class="fr-text--sm">Légende : <span class="fr-badge fr-badge--success fr-badge--sm">satisfaite</span> <span class="fr-badge fr-badge--warning fr-badge--sm">à échéance</span> <span class="fr-badge fr-badge--error fr-badge--sm">en retard</span> — parts calculées parmi les établissements concernés ; le trait vertical marque la cible du programme.</p>
<div class="fr-table fr-table--no-caption">
  <table data-testid="dashboard-table">
    <caption>Parts par obligation</caption>
    <thead><tr><th scope="col">Obligation</th><th scope="col">Répartition</th><th scope="col">Satisfaites</th><th scope="col">À échéance</th><th scope="col">En retard</th><th scope="col">Non applicables</th></tr></thead>
    <tbody>
      {{#OBLIGATION}}<tr data-obligation="{{ID}}">
        <td><strong>{{TITLE}}</strong><br><span class="fr-text--xs">{{APPLICABLE:x-plural=établissement concerné/établissements concernés}}</span>{{#TARGET}}<br><span class="fr-text--xs">Cible : {{PCT}} satisfaites — {{#REACHED}}atteinte{{/REACHED}}{{#NOT_REACHED}}non atteinte{{/NOT_REACHED}}</span>{{/TARGET}}</td>
        <td>{{#NONE_APPLICABLE}}<span class="fr-text--xs">aucun établissement concerné</span>{{/NONE_APPLICABLE}}<svg xmlns="http://www.w3.org/2000/svg" width="400" height="24" viewBox="0 0 400 24" role="img" aria-label="{{MET_PCT}} satisfaites, {{DUE_PCT}} à échéance, {{OVERDUE_PCT}} en retard">
          <title>{{MET_PCT}} satisfaites, {{DUE_PCT}} à échéance, {{OVERDUE_PCT}} en retard</title>
          <rect x="0" y="4" width="400" height="16" fill="#eeeeee"></rect>
          <rect class="cp-bar-met" x="0" y="4" width="{{MET_W}}" height="16" fill="#18753c"></rect>
          <rect class="cp-bar-due" x="{{DUE_X}}" y="4" width="{{DUE_W}}" height="16" fill="#b34000"></rect>
          <rect class="cp-bar-overdue" x="{{OVERDUE_X}}" y="4" width="{{OVERDUE_W}}" height="16" fill="#ce0500"></rect>
          {{#TARGET}}<line class="cp-target" x1="{{X}}" y1="0" x2="{{X}}" y2="24" stroke="#161616" stroke-width="2"></line>{{/TARGET}}
        </svg></td>
        <td>{{MET:x-num}} ({{MET_PCT}})</td>
        <td>{{DUE:x-num}} ({{DUE_PCT}})</td>
        <td>{{OVERDUE:x-num}} ({{OVERDUE_PCT}})</td>
        <td>{{NOT_APPLICABLE:x-num}}</td>
      </tr>{{/OBLIGATION}}
    </tbody>
  </table>
</div>
<h2 class="fr-h4 fr-mt-4w">Établissements en retard ({{LATE_TOTAL:x-num}})</h2>
{{#LATE_MORE}}<p data-testid="late-more">Les {{SHOWN:x-num}} établissements aux retards les plus nombreux sont listés ; {{HIDDEN:x-plural=autre figure/autres figurent}} dans les exports CSV et Excel.</p>{{/LATE_MORE}}
{{#NO_LATE}}<p>Aucun établissement n'a d'obligation en retard.</p>{{/NO_LATE}}
{{#HAS_LATE}}<ul data-testid="late-list">{{#LATE}}<li><a href="/etablissements/{{FINESS}}/conformite?date={{DATE}}">{{NAME}}</a> ({{FINESS}}) : {{#OVERDUE_OBLIGATION}}{{TITLE}}{{#OVERDUE_OBLIGATION_separator}}, {{/OVERDUE_OBLIGATION_separator}}{{/OVERDUE_OBLIGATION}}</li>{{/LATE}}</ul>{{/HAS_LATE}}
{{#TRENDS}}<h2 class="fr-h4 fr-mt-4w" id="evolution">Évolution mensuelle</h2>
<p class="fr-text--sm">Relevés mensuels de {{FROM}} à {{TO}}, chacun évalué au dernier jour du mois : parts satisfaites (trait plein vert), à échéance (tirets orange) et en retard (pointillés rouges) parmi les établissements concernés.</p>
{{#TREND}}<figure class="fr-mb-4w" data-trend="{{ID}}">
<svg xmlns="http://www.w3.org/2000/svg" width="{{W}}" height="{{H}}" viewBox="0 0 {{W}} {{H}}" role="img" aria-labelledby="trend-{{ID}}-title trend-{{ID}}-desc">
  <title id="trend-{{ID}}-title">{{TITLE}} : évolution mensuelle</title>
  <desc id="trend-{{ID}}-desc">{{SUMMARY}}</desc>
  {{#TICK}}<line x1="{{LEFT}}" y1="{{Y}}" x2="{{RIGHT_X}}" y2="{{Y}}" stroke="#dddddd" stroke-width="1"></line><text x="{{TICK_X}}" y="{{TEXT_Y}}" text-anchor="end" font-size="12" fill="#3a3a3a">{{LABEL}}</text>{{/TICK}}
  {{#MONTH_LABEL}}<text x="{{X}}" y="{{Y}}" text-anchor="middle" font-size="11" fill="#3a3a3a">{{TEXT}}</text>{{/MONTH_LABEL}}
  <polyline class="cp-trend-met" points="{{MET_POINTS}}" fill="none" stroke="#18753c" stroke-width="2"></polyline>
  <polyline class="cp-trend-due" points="{{DUE_POINTS}}" fill="none" stroke="#b34000" stroke-width="2" stroke-dasharray="6 3"></polyline>
  <polyline class="cp-trend-overdue" points="{{OVERDUE_POINTS}}" fill="none" stroke="#ce0500" stroke-width="2" stroke-dasharray="2 3"></polyline>
  {{#MET_DOT}}<circle cx="{{X}}" cy="{{Y}}" r="3" fill="#18753c"></circle>{{/MET_DOT}}{{#DUE_DOT}}<rect x="{{X}}" y="{{Y}}" width="5" height="5" transform="translate(-2.5 -2.5)" fill="#b34000"></rect>{{/DUE_DOT}}{{#OVERDUE_DOT}}<circle cx="{{X}}" cy="{{Y}}" r="3" fill="none" stroke="#ce0500" stroke-width="1.5"></circle>{{/OVERDUE_DOT}}
  <line x1="{{LEFT}}" y1="{{BASE_Y}}" x2="{{RIGHT_X}}" y2="{{BASE_Y}}" stroke="#161616" stroke-width="1"></line>
</svg>
<figcaption class="fr-text--sm"><strong>{{TITLE}}</strong> — {{SUMMARY}}</figcaption>
<section class="fr-accordion">
<h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="false" aria-controls="acc-trend-{{ID}}">Valeurs mensuelles — {{TITLE}}</button></h3>
<div class="fr-collapse" id="acc-trend-{{ID}}">
<div class="fr-table fr-table--sm"><table data-testid="trend-table">
  <caption>{{TITLE}} : parts mensuelles parmi les établissements concernés</caption>
  <thead><tr><th scope="col">Mois</th><th scope="col">Satisfaites</th><th scope="col">À échéance</th><th scope="col">En retard</th><th scope="col">Concernés</th></tr></thead>
  <tbody>{{#POINT}}<tr><th scope="row">{{MONTH}}</th><td>{{MET:x-num}}</td><td>{{DUE:x-num}}</td><td>{{OVERDUE:x-num}}</td><td>{{APPLICABLE:x-num}}</td></tr>{{/POINT}}</tbody>
</table></div>
</div>
</section>
</figure>{{/TREND}}{{/TRENDS}}
{{#NO_TRENDS}}<p class="fr-text--sm fr-mt-4w" data-testid="no-trends">Aucun relevé mensuel encore : l'évolution mensuelle s'affichera dès le premier relevé.</p>{{/NO_TRENDS}}{{/FIGURES}}
