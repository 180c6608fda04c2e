{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Comparaison des audits d'exposition</h1>
{{#NO_PREVIOUS}}<p data-testid="exposure-no-previous">Aucun audit d'exposition terminé avant celui du {{NEW_DATE}} : rien à comparer.</p>{{/NO_PREVIOUS}}
{{#COMPARISON}}<p data-testid="exposure-diff-summary">Audit du {{NEW_DATE}} (score {{NEW_SCORE}}) comparé à l'audit précédent, du <a href="{{OLD_URL}}">{{OLD_DATE}}</a> (score {{OLD_SCORE}}) : <strong>{{TREND}}</strong>.</p>
{{#SCOPE_DIFFERS}}<div class="fr-alert fr-alert--warning fr-mb-3w" data-testid="exposure-scope-differs"><h2 class="fr-alert__title">Les deux audits ne couvrent pas les mêmes adresses</h2><p>{{SCOPE_TEXT}}</p></div>{{/SCOPE_DIFFERS}}
<h2 class="fr-h4">Nouvelles expositions ({{N_OPENED:x-num}})</h2>
<p>Ports ouverts dans cet audit qui ne l'étaient pas lors du précédent.</p>
{{#NONE_OPENED}}<p data-testid="exposure-none-opened">Aucune nouvelle exposition.</p>{{/NONE_OPENED}}
{{#HAS_OPENED}}<div class="fr-table">
  <table data-testid="exposure-opened">
    <caption>Nouvelles expositions</caption>
    <thead><tr><th scope="col">Hôte</th><th scope="col">Port</th><th scope="col">Service et version</th></tr></thead>
    <tbody>{{#OPENED_ROW}}
      <tr><td>{{ADDRESS}}</td><td>{{PORT_TEXT}}</td><td>{{SERVICE}}</td></tr>{{/OPENED_ROW}}
    </tbody>
  </table>
</div>{{/HAS_OPENED}}
<h2 class="fr-h4">Expositions fermées ({{N_CLOSED:x-num}})</h2>
<p>Ports ouverts lors de l'audit précédent et fermés dans celui-ci, sur des hôtes que les deux audits ont visés.</p>
{{#NONE_CLOSED}}<p data-testid="exposure-none-closed">Aucune exposition fermée.</p>{{/NONE_CLOSED}}
{{#HAS_CLOSED}}<div class="fr-table">
  <table data-testid="exposure-closed">
    <caption>Expositions fermées</caption>
    <thead><tr><th scope="col">Hôte</th><th scope="col">Port</th><th scope="col">Service et version lors de l'audit précédent</th></tr></thead>
    <tbody>{{#CLOSED_ROW}}
      <tr><td>{{ADDRESS}}</td><td>{{PORT_TEXT}}</td><td>{{SERVICE}}</td></tr>{{/CLOSED_ROW}}
    </tbody>
  </table>
</div>{{/HAS_CLOSED}}
{{#SCOPE_DIFFERS}}<h2 class="fr-h4">Non couvert par ce scan ({{N_NOT_COVERED:x-num}})</h2>
<p>Ports ouverts lors de l'audit précédent sur des hôtes que ce scan n'a pas visés : ni ouverts ni fermés, ils ne sont pas comparés.</p>
{{#NONE_NOT_COVERED}}<p>Aucun port.</p>{{/NONE_NOT_COVERED}}
{{#HAS_NOT_COVERED}}<div class="fr-table">
  <table data-testid="exposure-not-covered">
    <caption>Ports non couverts par ce scan</caption>
    <thead><tr><th scope="col">Hôte</th><th scope="col">Port</th><th scope="col">Service et version lors de l'audit précédent</th></tr></thead>
    <tbody>{{#NOT_COVERED_ROW}}
      <tr><td>{{ADDRESS}}</td><td>{{PORT_TEXT}}</td><td>{{SERVICE}}</td></tr>{{/NOT_COVERED_ROW}}
    </tbody>
  </table>
</div>{{/HAS_NOT_COVERED}}
{{/SCOPE_DIFFERS}}<h2 class="fr-h4">Versions changées ({{N_CHANGED:x-num}})</h2>
<p>Ports ouverts dans les deux audits dont le produit ou la version détectés ont changé.</p>
{{#NONE_CHANGED}}<p data-testid="exposure-none-changed">Aucune version changée.</p>{{/NONE_CHANGED}}
{{#HAS_CHANGED}}<div class="fr-table">
  <table data-testid="exposure-changed">
    <caption>Versions changées</caption>
    <thead><tr><th scope="col">Hôte</th><th scope="col">Port</th><th scope="col">Lors de l'audit précédent</th><th scope="col">Dans cet audit</th></tr></thead>
    <tbody>{{#CHANGED_ROW}}
      <tr><td>{{ADDRESS}}</td><td>{{PORT_TEXT}}</td><td>{{BEFORE}}</td><td>{{AFTER}}</td></tr>{{/CHANGED_ROW}}
    </tbody>
  </table>
</div>{{/HAS_CHANGED}}
<h2 class="fr-h4">Nouveaux constats ({{N_NEW_FINDINGS:x-num}})</h2>
<p>Constats de cet audit absents de l'audit précédent, du plus grave au moins grave.</p>
{{#NONE_NEW_FINDINGS}}<p data-testid="exposure-none-new-findings">Aucun nouveau constat.</p>{{/NONE_NEW_FINDINGS}}
{{#HAS_NEW_FINDINGS}}<div class="fr-table">
  <table data-testid="exposure-new-findings">
    <caption>Nouveaux constats</caption>
    <thead><tr><th scope="col">Hôte</th><th scope="col">Port</th><th scope="col">Gravité</th><th scope="col">Constat</th></tr></thead>
    <tbody>{{#NEW_FINDING_ROW}}
      <tr><td>{{ADDRESS}}</td><td>{{PORT_TEXT}}</td><td><span class="fr-badge fr-badge--sm fr-badge--{{SEVERITY_BADGE}} fr-badge--no-icon">{{SEVERITY}}</span></td><td><strong>{{TITLE}}</strong><br>{{DETAIL}}</td></tr>{{/NEW_FINDING_ROW}}
    </tbody>
  </table>
</div>{{/HAS_NEW_FINDINGS}}
<h2 class="fr-h4">Constats résolus ({{N_RESOLVED_FINDINGS:x-num}})</h2>
<p>Constats de l'audit précédent qui ne sont plus relevés, sur des hôtes que les deux audits ont visés.</p>
{{#NONE_RESOLVED_FINDINGS}}<p data-testid="exposure-none-resolved-findings">Aucun constat résolu.</p>{{/NONE_RESOLVED_FINDINGS}}
{{#HAS_RESOLVED_FINDINGS}}<div class="fr-table">
  <table data-testid="exposure-resolved-findings">
    <caption>Constats résolus</caption>
    <thead><tr><th scope="col">Hôte</th><th scope="col">Port</th><th scope="col">Gravité</th><th scope="col">Constat</th></tr></thead>
    <tbody>{{#RESOLVED_FINDING_ROW}}
      <tr><td>{{ADDRESS}}</td><td>{{PORT_TEXT}}</td><td><span class="fr-badge fr-badge--sm fr-badge--{{SEVERITY_BADGE}} fr-badge--no-icon">{{SEVERITY}}</span></td><td><strong>{{TITLE}}</strong><br>{{DETAIL}}</td></tr>{{/RESOLVED_FINDING_ROW}}
    </tbody>
  </table>
</div>{{/HAS_RESOLVED_FINDINGS}}
{{/COMPARISON}}
<p class="fr-mt-3w"><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="{{AUDIT_URL}}">Retour à l'audit</a></p>
