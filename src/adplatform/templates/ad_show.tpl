{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Audit Active Directory du {{DATE}}</h1>
<ul class="fr-badges-group fr-mb-2w">
  <li><p class="fr-badge fr-badge--{{STATE_BADGE}} fr-badge--no-icon" data-testid="ad-state" data-state="{{STATE_ID}}">{{STATE}}</p></li>
  {{#INCOMPLETE}}<li><p class="fr-badge fr-badge--warning" data-testid="ad-incomplete">Audit incomplet</p></li>{{/INCOMPLETE}}
</ul>
{{#PENDING}}<meta http-equiv="refresh" content="5">
<div class="fr-alert fr-alert--info fr-mb-3w" data-testid="ad-pending"><h2 class="fr-alert__title">Analyse en attente ou en cours</h2><p>La collecte est analysée en tâche de fond ; cette page se met à jour toutes les 5 secondes. <a href="{{URL}}">Actualiser</a></p></div>{{/PENDING}}
{{#FAILED}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="ad-failed"><h2 class="fr-alert__title">L'analyse a échoué</h2><p>{{ERROR}}</p><p>Aucune preuve n'a été enregistrée. Corrigez la collecte et déposez-la de nouveau.</p></div>{{/FAILED}}
{{#PAQ_ERROR}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="ad-paq-error"><p>{{MESSAGE}}</p></div>{{/PAQ_ERROR}}
<div class="fr-table fr-table--no-caption">
  <table>
    <caption>Fiche de l'audit</caption>
    <tbody>
      <tr><th scope="row">Origine</th><td>{{SOURCE}}</td></tr>
      <tr><th scope="row">Niveau ANSSI</th><td data-testid="ad-level">{{LEVEL}}</td></tr>
      <tr><th scope="row">Constats</th><td data-testid="ad-counts">{{COUNTS}}</td></tr>
      <tr><th scope="row">Fichier</th><td>{{SIZE:x-plural=octet/octets}}, empreinte SHA-256 <code>{{SHA256}}</code></td></tr>
      <tr><th scope="row">Déposé le</th><td>{{CREATED}} par {{CREATED_BY}}</td></tr>
      {{#EVIDENCE}}<tr><th scope="row">Preuve</th><td><a href="{{EVIDENCE_URL}}" data-testid="ad-evidence">Preuve « audit de sécurité Active Directory »</a></td></tr>{{/EVIDENCE}}
    </tbody>
  </table>
</div>
{{#ADS}}<p><a class="fr-link fr-icon-download-line fr-link--icon-left" href="{{PDF_URL}}" data-testid="ad-ads-pdf">Télécharger le rapport ADS (PDF)</a></p>{{/ADS}}
{{#RESULT}}<ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mb-2w">
  <li><a class="fr-btn fr-btn--secondary fr-icon-download-line" href="{{REPORT_URL}}" data-testid="ad-report-html">Télécharger le rapport (HTML)</a></li>
  <li><a class="fr-btn fr-btn--tertiary fr-icon-download-line" href="{{JSON_URL}}" data-testid="ad-report-json">Télécharger le résultat (JSON)</a></li>
  {{#COMPARE}}<li><a class="fr-btn fr-btn--tertiary fr-icon-git-commit-line" href="{{COMPARE_URL}}" data-testid="ad-compare">Comparer avec l'audit précédent</a></li>{{/COMPARE}}
</ul>
{{#PARTIAL}}<div class="fr-alert fr-alert--warning fr-mb-3w" data-testid="ad-partial"><h2 class="fr-alert__title">Collecte partielle</h2><p>Des règles n'ont pas pu être évaluées. Le niveau retenu, {{LEVEL}}, est le plus bas que ce qui n'a pas pu être vérifié laisse possible{{#BETWEEN}} (le niveau réel est entre {{FLOOR}} et {{CEILING}}){{/BETWEEN}} ; le score ne compte que les règles évaluées. Parties absentes de la collecte : {{MISSING}}.</p></div>{{/PARTIAL}}
<p>{{#SCORE_KNOWN}}Score global {{SCORE}}/100 (plus bas, meilleur). {{/SCORE_KNOWN}}{{RULES_FAILED:x-plural=règle/règles}} en échec sur {{RULES_TOTAL}}, {{RULES_SKIPPED}} non {{RULES_SKIPPED:x-agree=évaluée/évaluées}}. Chemins de contrôle vers le Tier 0 : {{EXPOSED_USERS:x-plural=utilisateur/utilisateurs}} et {{EXPOSED_COMPUTERS:x-plural=ordinateur/ordinateurs}} non privilégiés.</p>
<h2 class="fr-h4">Constats</h2>
{{#NO_FINDING}}<p>Aucune règle en échec.</p>{{/NO_FINDING}}
{{#FINDING}}<div class="fr-card fr-card--no-arrow fr-mb-2w" id="constat-{{RULE}}" data-testid="ad-finding" data-rule="{{RULE}}">
  <div class="fr-card__body"><div class="fr-card__content">
    <h3 class="fr-card__title">{{TITLE}}</h3>
    <p class="fr-card__desc"><span class="fr-badge fr-badge--sm fr-badge--{{SEVERITY_BADGE}} fr-badge--no-icon" data-testid="ad-severity">{{SEVERITY}}</span> <span data-testid="ad-finding-level">{{FINDING_LEVEL}}</span> — {{COUNT:x-plural=élément/éléments}} {{COUNT:x-agree=concerné/concernés}}. {{DETAIL}}</p>
    <div class="fr-card__end" data-testid="ad-finding-end">
      <p><strong>Correction :</strong> {{REMEDIATION}}</p>
      <section class="fr-accordion">
        <h4 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="false" aria-controls="pourquoi-{{RULE}}">Pourquoi c'est important</button></h4>
        <div class="fr-collapse" id="pourquoi-{{RULE}}"><p class="fr-text--sm">{{RATIONALE}}</p></div>
      </section>
      {{#SENT}}<p class="fr-mt-2w"><a class="fr-link fr-icon-check-line fr-link--icon-left" href="{{ACTION_URL}}" data-testid="ad-paq-existing">Action du PAQ déjà créée : la voir</a></p>{{/SENT}}
      {{#NOT_SENT}}<form method="post" action="{{PAQ_URL}}" class="fr-mt-2w" data-testid="ad-paq-form">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div class="fr-col-12 fr-col-md-4"><div class="fr-input-group"><label class="fr-label" for="owner-{{RULE}}">Pilote</label><input class="fr-input" type="text" id="owner-{{RULE}}" name="owner" value="RSSI" maxlength="200"></div></div>
          <div class="fr-col-12 fr-col-md-4"><div class="fr-input-group"><label class="fr-label" for="due-{{RULE}}">Échéance</label><input class="fr-input" type="date" id="due-{{RULE}}" name="due" value="{{DUE}}"></div></div>
          <div class="fr-col-12 fr-col-md-4"><button class="fr-btn fr-btn--secondary fr-mb-3v" type="submit" data-testid="ad-paq-send">Envoyer au PAQ</button></div>
        </div>
      </form>{{/NOT_SENT}}
    </div>
  </div></div>
</div>{{/FINDING}}{{/RESULT}}
<p class="fr-mt-3w"><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="{{BASE}}">Retour aux audits</a></p>
