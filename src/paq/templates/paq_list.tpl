{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Plan d'amélioration de la qualité — {{NAME}}</h1>
<p class="fr-text--lead">Les actions du PAQ de l'établissement, leur pilote, leur échéance et leur avancement. Une action cyber mise à jour dans les 12 derniers mois satisfait l'obligation « intégration au PAQ ».</p>
<ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
  {{#CAN_WRITE}}<li><a class="fr-btn fr-icon-add-line" href="{{BASE}}/nouvelle" data-testid="paq-new">Nouvelle action</a></li>{{/CAN_WRITE}}
  <li><a class="fr-btn fr-btn--secondary fr-icon-layout-grid-line" href="{{BASE}}/tableau" data-testid="paq-board-link">Vue tableau</a></li>
  <li><a class="fr-btn fr-btn--tertiary fr-icon-download-line" href="{{BASE}}.csv" data-testid="paq-export-csv">Exporter (CSV)</a></li>
  <li><a class="fr-btn fr-btn--tertiary fr-icon-download-line" href="{{BASE}}.xlsx" data-testid="paq-export-xlsx">Exporter (Excel)</a></li>
</ul>
<p data-testid="paq-overdue-count">{{#HAS_OVERDUE}}<span class="fr-badge fr-badge--error fr-mr-1w">En retard</span>{{/HAS_OVERDUE}}<strong>{{OVERDUE_COUNT:x-plural=action/actions}}</strong> en retard sur {{SHOWN:x-num}} {{SHOWN:x-agree=affichée/affichées}} ({{TOTAL:x-num}} au total).</p>
<form method="get" action="{{BASE}}" class="fr-mb-3w" data-testid="paq-filters">
  <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
    <div class="fr-col-12 fr-col-md-3"><div class="fr-select-group">
      <label class="fr-label" for="f-status">Statut</label>
      <select class="fr-select" id="f-status" name="status"><option value="">Tous</option>{{#STATUS_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_OPT}}</select>
    </div></div>
    <div class="fr-col-12 fr-col-md-3"><div class="fr-select-group">
      <label class="fr-label" for="f-priority">Priorité</label>
      <select class="fr-select" id="f-priority" name="priority"><option value="">Toutes</option>{{#PRIORITY_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/PRIORITY_OPT}}</select>
    </div></div>
    <div class="fr-col-12 fr-col-md-3"><div class="fr-select-group">
      <label class="fr-label" for="f-source">Origine</label>
      <select class="fr-select" id="f-source" name="source"><option value="">Toutes</option>{{#SOURCE_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SOURCE_OPT}}</select>
    </div></div>
    <div class="fr-col-12 fr-col-md-3"><button class="fr-btn fr-mb-3v" type="submit">Filtrer</button></div>
  </div>
</form>
{{#NO_ROW}}<p data-testid="paq-empty">Aucune action ne correspond.</p>{{/NO_ROW}}
{{#HAS_ROWS}}<div class="fr-table">
  <table data-testid="paq-table">
    <caption>Actions du PAQ</caption>
    <thead><tr><th scope="col">Action</th><th scope="col">Origine</th><th scope="col">Pilote</th><th scope="col">Échéance</th><th scope="col">Priorité</th><th scope="col">Statut</th><th scope="col">Avancement</th></tr></thead>
    <tbody>
      {{#ROW}}<tr data-testid="paq-row" data-status="{{STATUS_ID}}"{{#OVERDUE}} class="cp-overdue" data-overdue="true"{{/OVERDUE}}>
        <td><a href="{{URL}}">{{TITLE}}</a>{{#CYBER}} <span class="fr-badge fr-badge--sm fr-badge--purple-glycine">Cyber</span>{{/CYBER}}</td>
        <td>{{SOURCE}}</td><td>{{OWNER}}</td>
        <td>{{DUE:x-num}}{{#OVERDUE}} <span class="fr-badge fr-badge--sm fr-badge--error" data-testid="paq-overdue">En retard</span>{{/OVERDUE}}</td>
        <td><span class="fr-badge fr-badge--sm fr-badge--{{PRIORITY_BADGE}} fr-badge--no-icon">{{PRIORITY}}</span></td>
        <td><span class="fr-badge fr-badge--sm fr-badge--{{STATUS_BADGE}} fr-badge--no-icon">{{STATUS}}</span></td>
        <td>{{PROGRESS}} %</td>
      </tr>{{/ROW}}
    </tbody>
  </table>
</div>{{/HAS_ROWS}}
{{#WITHDRAWN}}<h2 class="fr-h4 fr-mt-4w" id="actions-retirees">Actions retirées</h2>
<p>Une action n'est jamais supprimée : retirée, elle ne compte plus mais reste ici et dans le journal.</p>
<div class="fr-table fr-table--no-caption">
  <table data-testid="paq-withdrawn-table">
    <caption>Actions retirées</caption>
    <thead><tr><th scope="col">Action</th><th scope="col">Retirée le</th><th scope="col">Par</th><th scope="col">Motif du retrait</th></tr></thead>
    <tbody>
      {{#GONE}}<tr><td><a href="{{URL}}">{{TITLE}}</a></td><td>{{AT}}</td><td>{{BY}}</td><td>{{REASON}}</td></tr>{{/GONE}}
    </tbody>
  </table>
</div>{{/WITHDRAWN}}
