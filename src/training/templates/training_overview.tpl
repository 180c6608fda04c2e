{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Formation du personnel à la cybersécurité — {{NAME}}</h1>
<p>L'ensemble du personnel doit être formé à la cybersécurité, en formation initiale ou continue (instruction DNS/2025/12, action prioritaire 5). La part formée d'une année est le nombre de personnes distinctes formées au moins une fois dans l'année, divisé par l'effectif.</p>
{{#CAN_WRITE}}<div class="fr-mb-3w"><ul class="fr-btns-group fr-btns-group--inline-md">{{#YEAR_LINK}}<li><a class="fr-btn fr-btn--secondary" href="{{BASE}}/{{YEAR}}" data-testid="training-year-{{YEAR}}">Saisir {{YEAR}}</a></li>{{/YEAR_LINK}}<li><a class="fr-btn fr-btn--secondary" href="{{BASE}}/campagnes/nouvelle" data-testid="training-new-campaign">Nouvelle campagne</a></li></ul>
<form method="get" action="{{BASE}}" class="fr-mt-1w"><div class="fr-input-group"><label class="fr-label" for="annee">Autre année (AAAA)</label><input class="fr-input" type="text" inputmode="numeric" pattern="[0-9]{4}" id="annee" name="annee" maxlength="4"></div><button class="fr-btn fr-btn--tertiary" type="submit">Saisir cette année</button></form></div>{{/CAN_WRITE}}
{{#COUNTED}}<div class="fr-callout fr-mb-3w" data-testid="training-counted">
  <p class="fr-callout__text">Part formée retenue pour la conformité : <strong data-testid="training-counted-share">{{SHARE}}</strong> ({{TRAINED:x-plural=personne formée/personnes formées}} sur {{STAFF:x-num}}, relevé du {{DATE}}).{{#FROM_HERE}} C'est le dernier relevé saisi ici.{{/FROM_HERE}}{{#TYPED}} Ce relevé a été saisi sur la page des preuves (<a href="{{URL}}">preuve n° {{ID}}</a>) et, plus récent, prime sur les années saisies ici.{{/TYPED}} <a href="{{COMPLIANCE_URL}}">Voir la conformité</a></p>
</div>{{/COUNTED}}
<h2>Part du personnel formé par année</h2>
{{#NO_YEAR}}<p data-testid="training-empty">Aucune année saisie pour cet établissement.</p>{{/NO_YEAR}}
{{#HAS_YEARS}}<div class="fr-table"><table data-testid="training-years">
  <caption>Couverture par année</caption>
  <thead><tr><th scope="col">Année</th><th scope="col">Effectif</th><th scope="col">Personnes formées</th><th scope="col">Part formée</th><th scope="col">Date du relevé</th></tr></thead>
  <tbody>{{#YEAR}}<tr data-testid="training-year-row" data-year="{{YEAR}}"><td><a href="{{URL}}">{{YEAR}}</a></td><td>{{STAFF:x-num}}</td><td>{{TRAINED:x-num}}</td><td><progress max="1000" value="{{PERMILLE}}" aria-label="Part formée {{YEAR}} : {{SHARE}}"></progress> <strong data-testid="training-share">{{SHARE}}</strong>{{#ALL}} <span class="fr-badge fr-badge--success fr-badge--sm">tout le personnel</span>{{/ALL}}</td><td>{{RECORDED_ON}}</td></tr>{{/YEAR}}</tbody>
</table></div>{{/HAS_YEARS}}
{{#LATEST}}<h2>Par catégorie de personnel ({{YEAR}})</h2>
<div class="fr-table"><table data-testid="training-categories">
  <caption>Catégories de personnel en {{YEAR}}</caption>
  <thead><tr><th scope="col">Catégorie</th><th scope="col">Effectif</th><th scope="col">Formées</th><th scope="col">dont formation initiale</th><th scope="col">dont formation continue</th><th scope="col">Part formée</th></tr></thead>
  <tbody>{{#CATEGORY}}<tr><td>{{CATEGORY_NAME}}</td><td>{{HEADCOUNT:x-num}}</td><td>{{TRAINED:x-num}}</td><td>{{INITIAL:x-num}}</td><td>{{CONTINUING:x-num}}</td><td><progress max="1000" value="{{PERMILLE}}" aria-label="{{CATEGORY_NAME}} : {{SHARE}}"></progress> {{SHARE}}</td></tr>{{/CATEGORY}}</tbody>
</table></div>{{/LATEST}}
<h2>Campagnes de sensibilisation</h2>
{{#NO_CAMPAIGN}}<p data-testid="campaign-empty">Aucune campagne enregistrée.</p>{{/NO_CAMPAIGN}}
{{#HAS_CAMPAIGNS}}<div class="fr-table"><table data-testid="training-campaigns">
  <caption>Campagnes, de la plus récente à la plus ancienne</caption>
  <thead><tr><th scope="col">Date</th><th scope="col">Campagne</th><th scope="col">Type</th><th scope="col">Public</th><th scope="col">Participants / ciblés</th><th scope="col">Courriels envoyés</th><th scope="col">Clics (taux)</th><th scope="col">Identifiants saisis (taux)</th><th scope="col">Signalements (taux)</th><th scope="col">Action</th></tr></thead>
  <tbody>{{#CAMPAIGN}}<tr data-testid="campaign-row"><td>{{DATE}}</td><td>{{TITLE}}</td><td>{{KIND}}</td><td>{{AUDIENCE:x-num}}</td><td>{{PARTICIPANTS:x-num}} ({{PARTICIPATION}})</td>{{#PHISHING}}<td>{{SENT:x-num}}</td><td data-testid="campaign-click-rate">{{CLICKS:x-num}} ({{CLICK_RATE}})</td><td>{{CREDENTIALS:x-num}} ({{CREDENTIAL_RATE}})</td><td>{{REPORTS:x-num}} ({{REPORT_RATE}})</td>{{/PHISHING}}{{#NOT_PHISHING}}<td>—</td><td>—</td><td>—</td><td>—</td>{{/NOT_PHISHING}}<td>{{#DELETE}}<!--cp-if-{{MARK}}:second_factor--><a class="fr-btn fr-btn--tertiary fr-btn--sm" href="{{URL}}" data-testid="campaign-withdraw">Retirer<span class="fr-sr-only"> la campagne {{TITLE}}</span></a><!--/cp-if-{{MARK}}:second_factor-->{{/DELETE}}</td></tr>{{/CAMPAIGN}}</tbody>
</table></div>{{/HAS_CAMPAIGNS}}
{{#WITHDRAWN}}<h3 class="fr-h5 fr-mt-3w" id="campagnes-retirees">Campagnes retirées</h3>
<p>Une campagne n'est jamais supprimée : retirée, elle ne compte plus mais reste ici et dans le journal.</p>
<div class="fr-table fr-table--no-caption"><table data-testid="training-withdrawn-campaigns">
  <caption>Campagnes retirées</caption>
  <thead><tr><th scope="col">Date</th><th scope="col">Campagne</th><th scope="col">Type</th><th scope="col">Retirée le</th><th scope="col">Par</th><th scope="col">Motif du retrait</th></tr></thead>
  <tbody>{{#GONE}}<tr><td>{{DATE}}</td><td>{{TITLE}}</td><td>{{KIND}}</td><td>{{AT}}</td><td>{{BY}}</td><td>{{REASON}}</td></tr>{{/GONE}}</tbody>
</table></div>{{/WITHDRAWN}}
