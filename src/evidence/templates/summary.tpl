{{%AUTOESCAPE context="HTML"}}<section class="fr-mb-4w" data-testid="establishment-summary" aria-labelledby="situation-{{FINESS}}">
<h2 class="fr-h4" id="situation-{{FINESS}}">Où en est l'établissement au {{DATE_FR}}</h2>
<p data-testid="summary-counts">
  <span class="fr-badge fr-badge--success fr-mr-1w">{{MET:x-plural=obligation satisfaite/obligations satisfaites}}</span>
  <span class="fr-badge fr-badge--warning fr-mr-1w">{{DUE:x-num}} à échéance</span>
  <span class="fr-badge fr-badge--error">{{OVERDUE:x-num}} en retard</span>
</p>
<div class="fr-grid-row fr-grid-row--gutters">
  <div class="fr-col-12 fr-col-md-6">
    <h3 class="fr-h6">En retard</h3>
    {{#NO_LATE}}<p>Aucune obligation en retard.</p>{{/NO_LATE}}
    <ul class="fr-raw-list" data-testid="summary-late">{{#LATE}}<li class="fr-mb-2w"><a href="/etablissements/{{FINESS}}/conformite#obligations">{{TITLE}}</a> — <span class="fr-badge fr-badge--error fr-badge--sm">{{DELAY}}</span>{{#FIX}}<br><a class="fr-btn fr-btn--sm fr-btn--secondary fr-mt-1w" href="{{HREF}}">{{LABEL}}</a>{{/FIX}}</li>{{/LATE}}</ul>
  </div>
  <div class="fr-col-12 fr-col-md-6">
    <h3 class="fr-h6">Prochaines échéances</h3>
    {{#NO_NEXT}}<p>Aucune échéance à venir.</p>{{/NO_NEXT}}
    <ul class="fr-raw-list" data-testid="summary-next">{{#NEXT}}<li class="fr-mb-2w"><a href="/etablissements/{{FINESS}}/conformite#obligations">{{TITLE}}</a> — {{DEADLINE}}{{#DELAY}} ({{TEXT}}){{/DELAY}}{{#FIX}}<br><a class="fr-btn fr-btn--sm fr-btn--tertiary fr-mt-1w" href="{{HREF}}">{{LABEL}}</a>{{/FIX}}</li>{{/NEXT}}</ul>
  </div>
</div>
<nav aria-label="Actions rapides" data-testid="quick-actions"><ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
  <li><a class="fr-btn fr-btn--sm" href="/etablissements/{{FINESS}}/conformite">Conformité, obligation par obligation</a></li>
  <li><a class="fr-btn fr-btn--sm fr-btn--secondary" href="/etablissements/{{FINESS}}/preuves">Preuves</a></li>
  <li><a class="fr-btn fr-btn--sm fr-btn--secondary" href="/etablissements/{{FINESS}}/exercices">Exercices de crise</a></li>
  <li><a class="fr-btn fr-btn--sm fr-btn--secondary" href="/etablissements/{{FINESS}}/maturite">Autoévaluation de la maturité</a></li>
  <li><a class="fr-btn fr-btn--sm fr-btn--secondary" href="/etablissements/{{FINESS}}/paq">Plan d'amélioration de la qualité (PAQ)</a></li>
  <li><a class="fr-btn fr-btn--sm fr-btn--secondary" href="/etablissements/{{FINESS}}/formation">Formation du personnel</a></li>
  <li><a class="fr-btn fr-btn--sm fr-btn--secondary" href="/etablissements/{{FINESS}}/budget">Budget numérique et cybersécurité</a></li>
  <li><a class="fr-btn fr-btn--sm fr-btn--secondary" href="/etablissements/{{FINESS}}/identification">Identification électronique</a></li>
  <li><a class="fr-btn fr-btn--sm fr-btn--secondary" href="/etablissements/{{FINESS}}/continuite" data-testid="quick-continuity">Continuité d'activité</a></li>
  <li><a class="fr-btn fr-btn--sm fr-btn--secondary" href="/etablissements/{{FINESS}}/incidents" data-testid="quick-incidents">Incidents de sécurité</a></li>
  <li><a class="fr-btn fr-btn--sm fr-btn--secondary" href="/etablissements/{{FINESS}}/audit-ad" data-testid="quick-ad-audit">Audit Active Directory</a></li>
  <li><a class="fr-btn fr-btn--sm fr-btn--secondary" href="/etablissements/{{FINESS}}/exposition" data-testid="quick-exposure">Exposition sur internet</a></li>
  <li><a class="fr-btn fr-btn--sm fr-btn--secondary" href="/etablissements/{{FINESS}}/inscriptions-anssi" data-testid="quick-registrations">Inscriptions auprès de l'ANSSI</a></li>
</ul></nav>
</section>
