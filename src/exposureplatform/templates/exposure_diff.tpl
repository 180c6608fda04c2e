{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Comparaison des audits d'exposition</h1>
{{#NO_PREVIOUS}}<p data-testid="exposure-no-previous">Aucun audit d'exposition terminé avant celui du {{NEW_DATE}} : rien à comparer.</p>{{/NO_PREVIOUS}}
{{#COMPARISON}}<p data-testid="exposure-diff-summary">Audit du {{NEW_DATE}} (score {{NEW_SCORE}}) comparé à l'audit précédent, du <a href="{{OLD_URL}}">{{OLD_DATE}}</a> (score {{OLD_SCORE}}) : <strong>{{TREND}}</strong>.</p>
{{#SCOPE_DIFFERS}}<div class="fr-alert fr-alert--warning fr-mb-3w" data-testid="exposure-scope-differs"><h2 class="fr-alert__title">Les deux audits ne couvrent pas les mêmes adresses</h2><p>{{SCOPE_TEXT}}</p></div>{{/SCOPE_DIFFERS}}
<h2 class="fr-h4">Nouvelles expositions ({{N_OPENED:x-num}})</h2>
{{#NONE_OPENED}}<p>Aucune nouvelle exposition.</p>{{/NONE_OPENED}}
<ul data-testid="exposure-opened">{{#OPENED_ROW}}<li>{{ADDRESS}} port {{PORT_TEXT}} {{SERVICE}}</li>{{/OPENED_ROW}}</ul>
<h2 class="fr-h4">Expositions fermées ({{N_CLOSED:x-num}})</h2>
{{#NONE_CLOSED}}<p>Aucune exposition fermée.</p>{{/NONE_CLOSED}}
<ul data-testid="exposure-closed">{{#CLOSED_ROW}}<li>{{ADDRESS}} port {{PORT_TEXT}} {{SERVICE}}</li>{{/CLOSED_ROW}}</ul>
{{#SCOPE_DIFFERS}}<h2 class="fr-h4">Non couvert par ce scan ({{N_NOT_COVERED:x-num}})</h2>
<p>Ports ouverts lors de l'audit précédent sur des hôtes que ce scan n'a pas visés : ni ouverts ni fermés, ils ne sont pas comparés.</p>
{{#NONE_NOT_COVERED}}<p>Aucun port.</p>{{/NONE_NOT_COVERED}}
<ul data-testid="exposure-not-covered">{{#NOT_COVERED_ROW}}<li>{{ADDRESS}} port {{PORT_TEXT}} {{SERVICE}}</li>{{/NOT_COVERED_ROW}}</ul>
{{/SCOPE_DIFFERS}}<h2 class="fr-h4">Versions changées ({{N_CHANGED:x-num}})</h2>
{{#NONE_CHANGED}}<p>Aucune version changée.</p>{{/NONE_CHANGED}}
<ul data-testid="exposure-changed">{{#CHANGED_ROW}}<li>{{ADDRESS}} port {{PORT_TEXT}} : {{BEFORE}} devenu {{AFTER}}</li>{{/CHANGED_ROW}}</ul>
{{/COMPARISON}}
<p class="fr-mt-3w"><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="{{AUDIT_URL}}">Retour à l'audit</a></p>
