{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Tableau du PAQ — {{NAME}}</h1>
<ul class="fr-btns-group fr-btns-group--inline-md">
  <li><a class="fr-btn fr-btn--secondary" href="{{BASE}}" data-testid="paq-list-link">Vue liste</a></li>
  {{#CAN_WRITE}}<li><a class="fr-btn" href="{{BASE}}/nouvelle">Nouvelle action</a></li>{{/CAN_WRITE}}
</ul>
<p class="fr-hint-text">Pour changer le statut d'une action, ouvrez-la et modifiez-la.</p>
<div class="fr-grid-row fr-grid-row--gutters fr-mb-6w cp-paq-board" data-testid="paq-board">
{{#COLUMN}}<section class="fr-col-12 fr-col-md-3" data-testid="paq-column-{{STATUS_ID}}" aria-labelledby="col-{{STATUS_ID}}">
  <h2 class="fr-h5" id="col-{{STATUS_ID}}">{{LABEL}} ({{COUNT:x-num}})</h2>
  {{#EMPTY}}<p class="fr-text--sm">Aucune action.</p>{{/EMPTY}}
  {{#CARD}}<article class="cp-paq-card fr-mb-1w" data-testid="paq-card"{{#OVERDUE}} data-overdue="true"{{/OVERDUE}}>
    <ul class="fr-badges-group">
      <li><p class="fr-badge fr-badge--sm fr-badge--{{PRIORITY_BADGE}} fr-badge--no-icon">{{PRIORITY}}</p></li>
      {{#OVERDUE}}<li><p class="fr-badge fr-badge--sm fr-badge--error" data-testid="paq-overdue">En retard</p></li>{{/OVERDUE}}
    </ul>
    <h3 class="cp-paq-card__title"><a href="{{URL}}">{{TITLE}}</a></h3>
    <p class="cp-paq-card__desc">Pilote : {{OWNER}} — échéance : {{DUE:x-num}} — {{PROGRESS}} %</p>
  </article>{{/CARD}}
</section>{{/COLUMN}}
</div>
