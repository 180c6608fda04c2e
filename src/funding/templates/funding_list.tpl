{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Appels à financement</h1>
<p>Les appels du programme CaRE, leur texte, leur enveloppe et leur calendrier, et les candidatures de votre périmètre.</p>
{{#APPLY}}<p><a class="fr-btn fr-btn--secondary" href="{{URL}}" data-testid="funding-apply">Candidater à un appel</a></p>{{/APPLY}}
{{#WAITING}}<h2 class="fr-mt-4w">Ce qui vous attend</h2>
<p class="fr-hint-text">Les candidatures dont l'étape suivante revient {{WHO}}.</p>
{{#NONE_WAITING}}<p data-testid="funding-waiting-none">Aucune candidature ne vous attend.</p>{{/NONE_WAITING}}
{{#WAIT_LIST}}<ul data-testid="funding-waiting">{{#WAIT_ROW}}<li><a href="{{URL}}">Candidature n° {{ID}}</a> — {{CALL}} — {{CANDIDATE}} — <span class="fr-badge fr-badge--sm fr-badge--{{STATE_BADGE}} fr-badge--no-icon">{{STATE}}</span>{{#LATE}} <span class="fr-text--sm" data-testid="funding-waiting-late">{{TEXT}}</span>{{/LATE}}</li>{{/WAIT_ROW}}</ul>{{/WAIT_LIST}}
{{/WAITING}}
<h2 class="fr-mt-4w">Les appels</h2>
{{#CALL}}<div class="fr-card fr-mb-2w"><div class="fr-card__body"><div class="fr-card__content">
  <h3 class="fr-card__title">{{LABEL}}</h3>
  <p class="fr-card__desc">{{LEGAL}} ({{LEGAL_DATE}}). Enveloppe : {{ENVELOPE}}. Candidatures : {{WINDOW}}.</p>
  <div class="fr-card__end"><p class="fr-text--sm fr-mb-1v">Calendrier :</p>
  <ul class="fr-text--sm">{{#STEP}}<li>{{LABEL}} : {{DATE}}</li>{{/STEP}}</ul>{{#UNDATED}}<p class="fr-text--sm" data-testid="funding-undated">{{TEXT}}</p>{{/UNDATED}}</div>
</div></div></div>{{/CALL}}
<h2 class="fr-mt-4w">Candidatures</h2>
{{#STATE_TAGS}}<ul class="fr-tags-group" data-testid="funding-state-tags">{{#TAG}}<li><a class="fr-tag" href="{{URL}}"{{#ON}} aria-current="true"{{/ON}}>{{LABEL}} ({{COUNT}})</a></li>{{/TAG}}</ul>{{/STATE_TAGS}}
<p data-testid="funding-count">{{COUNT}} dans votre périmètre{{#FILTERED}}, état « {{STATE}} » (<a class="fr-link" href="/financements">toutes</a>){{/FILTERED}}. <a class="fr-link fr-icon-download-line fr-link--icon-left" href="/financements/export.xlsx" download data-testid="funding-xlsx">Télécharger le tableau (XLSX)</a></p>
{{#NO_CANDIDATURE}}<p>Aucune candidature dans votre périmètre.</p>{{/NO_CANDIDATURE}}
<div class="fr-table fr-table--no-caption"><table data-testid="funding-candidatures"><caption>Candidatures</caption>
<thead><tr><th scope="col">N°</th><th scope="col">Appel</th><th scope="col">Candidat</th><th scope="col">Région</th><th scope="col">État</th><th scope="col">Demandé</th><th scope="col">Accordé</th><th scope="col">Payé</th></tr></thead>
<tbody>{{#ROW}}<tr><td><a href="{{URL}}">{{ID}}</a></td><td>{{CALL}}</td><td>{{CANDIDATE}}</td><td>{{REGION}}</td><td><span class="fr-badge fr-badge--sm fr-badge--{{STATE_BADGE}} fr-badge--no-icon" data-testid="funding-row-state">{{STATE}}</span></td><td>{{REQUESTED}}</td><td>{{GRANTED}}</td><td>{{PAID}}</td></tr>{{/ROW}}</tbody></table></div>
{{#TABLES}}<h2 class="fr-mt-4w">Par appel et par région</h2>
{{#TABLE}}<h3>{{LABEL}}</h3><p>Enveloppe : {{ENVELOPE}}.{{#SHARE}} {{TEXT}}.{{/SHARE}}</p>
<div class="fr-table fr-table--no-caption"><table data-testid="funding-totals"><caption>{{LABEL}}</caption>
<thead><tr><th scope="col">Région</th><th scope="col">Candidatures</th><th scope="col">Validées</th><th scope="col">Déclarées</th><th scope="col">Vérifiées</th><th scope="col">Demandé (hors candidatures refusées)</th><th scope="col">Accordé</th><th scope="col">Payé</th><th scope="col">Demandé par les candidatures refusées</th></tr></thead>
<tbody>{{#REGION}}<tr><td>{{REGION}}</td><td>{{CANDIDATURES}}</td><td>{{VALIDATED}}</td><td>{{DECLARED}}</td><td>{{VERIFIED}}</td><td>{{REQUESTED}}</td><td>{{GRANTED}}</td><td>{{PAID}}</td><td>{{REFUSED_REQUESTED}}</td></tr>{{/REGION}}
{{#TOTAL}}<tr><th scope="row">Total</th><td>{{CANDIDATURES}}</td><td>{{VALIDATED}}</td><td>{{DECLARED}}</td><td>{{VERIFIED}}</td><td>{{REQUESTED}}</td><td>{{GRANTED}}</td><td>{{PAID}}</td><td>{{REFUSED_REQUESTED}}</td></tr>{{/TOTAL}}</tbody></table></div>
{{/TABLE}}{{/TABLES}}
