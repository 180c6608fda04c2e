{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Audit d'exposition sur internet du {{DATE}}</h1>
<p data-testid="exposure-scan-date">Analyse du {{SCAN_DAY}}{{#SCAN_TO}} au {{SCAN_TO_DAY}}{{/SCAN_TO}}{{#UPLOADED_OTHER_DAY}}, déposée le {{UPLOAD_DAY}}{{/UPLOADED_OTHER_DAY}}{{#SCAN_UNDATED}} (jour du dépôt : le fichier de scan n'indique pas quand le scan a été lancé){{/SCAN_UNDATED}}.</p>
<ul class="fr-badges-group fr-mb-2w">
  <li><p class="fr-badge fr-badge--{{STATE_BADGE}} fr-badge--no-icon" data-testid="exposure-state" data-state="{{STATE_ID}}">{{STATE}}</p></li>
</ul>
{{#PENDING}}<meta http-equiv="refresh" content="5">
<div class="fr-alert fr-alert--info fr-mb-3w" data-testid="exposure-pending"><h2 class="fr-alert__title">Analyse en attente ou en cours</h2><p>Le scan est analysé en tâche de fond ; cette page se met à jour toutes les 5 secondes. <a href="{{URL}}">Actualiser</a></p></div>{{/PENDING}}
{{#FAILED}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="exposure-failed"><h2 class="fr-alert__title">L'analyse a échoué</h2><p>{{ERROR}}</p><p>Aucune preuve n'a été enregistrée. Corrigez le scan et déposez-le de nouveau.</p></div>{{/FAILED}}
{{#WITHDRAWN}}<div class="fr-alert fr-alert--info fr-mb-3w" data-testid="exposure-withdrawn"><h2 class="fr-alert__title">Audit retiré</h2><p>Retiré le {{W_AT}} par {{W_BY}} ; motif : {{W_REASON}}. Il reste consultable avec son rapport, mais ne compte plus dans la série des audits, dans les comparaisons ni dans la conformité.</p></div>{{/WITHDRAWN}}
{{#PAQ_ERROR}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="exposure-paq-error"><p>{{MESSAGE}}</p></div>{{/PAQ_ERROR}}
<div class="fr-table fr-table--no-caption">
  <table>
    <caption>Fiche de l'audit</caption>
    <tbody>
      {{#ONE_FILE}}<tr><th scope="row">Fichier de scan</th><td>{{FILE}}</td></tr>{{/ONE_FILE}}{{#MANY_FILES}}<tr><th scope="row">Fichiers de scan ({{N_FILES:x-num}})</th><td><ul data-testid="exposure-files">{{#SCAN_FILE}}<li>{{FILE_NAME}} ({{FILE_FORMAT}}, {{FILE_SIZE:x-plural=octet/octets}})</li>{{/SCAN_FILE}}</ul></td></tr>{{/MANY_FILES}}
      <tr><th scope="row">Score d'exposition</th><td><span data-testid="exposure-score">{{SCORE}}</span>{{#SCORE_POINTS}} {{SCORE_POINTS:x-agree=point/points}} <span class="fr-hint-text" data-testid="exposure-score-scale">({{SCORE_SCALE}})</span>{{/SCORE_POINTS}}</td></tr>
      <tr><th scope="row">Constats</th><td data-testid="exposure-counts">{{COUNTS}}</td></tr>
      <tr><th scope="row">Taille</th><td>{{SIZE:x-plural=octet/octets}}, empreinte SHA-256 <code>{{SHA256}}</code></td></tr>
      <tr><th scope="row">Déposé le</th><td>{{CREATED}} par {{CREATED_BY}}</td></tr>
      {{#EVIDENCE}}<tr><th scope="row">Preuve</th><td><a href="{{EVIDENCE_URL}}" data-testid="exposure-evidence">Preuve « audit d'exposition sur internet »</a></td></tr>{{/EVIDENCE}}
    </tbody>
  </table>
</div>
{{#CAN_WITHDRAW}}<p class="fr-text--sm"><a class="fr-link fr-icon-delete-line fr-link--icon-left" href="{{WITHDRAW_URL}}" data-testid="exposure-withdraw">Retirer cet audit</a> <span class="fr-hint-text">un scan déposé par erreur ou en double : l'audit est gardé, avec le motif, hors de la série et de la conformité</span></p>{{/CAN_WITHDRAW}}
{{#RESULT}}<ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mb-2w">
  <li><a class="fr-btn fr-btn--secondary fr-icon-download-line" href="{{REPORT_URL}}" data-testid="exposure-report-html">Télécharger le rapport (HTML)</a></li>
  <li><a class="fr-btn fr-btn--tertiary fr-icon-download-line" href="{{JSON_URL}}" data-testid="exposure-report-json">Télécharger le résultat (JSON)</a></li>
  {{#COMPARE}}<li><a class="fr-btn fr-btn--tertiary fr-icon-git-commit-line" href="{{COMPARE_URL}}" data-testid="exposure-compare">Comparer avec l'audit précédent</a></li>{{/COMPARE}}
</ul>
<p data-testid="exposure-host-counts">{{HOSTS:x-plural=hôte lu/hôtes lus}} dans le scan, dont {{HOSTS_OPEN:x-num}} {{HOSTS_OPEN:x-agree=exposé/exposés}} (au moins un port ouvert) ; {{PORTS:x-plural=port ouvert/ports ouverts}}.</p>
{{#UNREADABLE}}<div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w" data-testid="exposure-unreadable"><p>{{UNREADABLE_LINES:x-plural=ligne illisible ignorée/lignes illisibles ignorées}} {{#ONE_FILE}}dans le fichier de scan{{/ONE_FILE}}{{#SEVERAL_FILES}}dans les fichiers de scan{{/SEVERAL_FILES}}.</p></div>{{/UNREADABLE}}
{{#PRIVATE_IGNORED}}<div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w" data-testid="exposure-private-ignored"><p>{{IGNORED:x-plural=hôte à adresse non publique ignoré/hôtes à adresse non publique ignorés}} : une adresse non publique (privée ou réservée à la documentation) n'est pas joignable depuis internet ; ces hôtes ne comptent ni dans les constats ni dans le score.</p></div>{{/PRIVATE_IGNORED}}
<h2 class="fr-h4">Constats par hôte et par port</h2>
{{#NO_FINDING}}<p data-testid="exposure-no-finding">Aucun constat.</p>{{/NO_FINDING}}
{{#HAS_FINDINGS}}<div class="fr-table">
  <table data-testid="exposure-findings">
    <caption>Constats</caption>
    <thead><tr><th scope="col">Hôte</th><th scope="col">Port</th><th scope="col">Gravité</th><th scope="col">Constat</th><th scope="col">Plan d'action</th></tr></thead>
    <tbody>
      {{#FINDING}}<tr data-testid="exposure-finding" data-rule="{{RULE}}" id="constat-{{INDEX}}">
        <td>{{ADDRESS}}</td>
        <td>{{PORT_TEXT}}</td>
        <td><span class="fr-badge fr-badge--sm fr-badge--{{SEVERITY_BADGE}} fr-badge--no-icon" data-testid="exposure-severity">{{SEVERITY}}</span></td>
        <td><strong>{{TITLE}}</strong><br>{{DETAIL}}<br><span class="fr-text--sm">Correction : {{REMEDIATION}}</span></td>
        <td>{{#SENT}}<a class="fr-link fr-icon-check-line fr-link--icon-left" href="{{ACTION_URL}}" data-testid="exposure-paq-existing">Action du PAQ créée</a>{{/SENT}}{{#NOT_SENT}}<form method="post" action="{{PAQ_URL}}" data-testid="exposure-paq-form">
          <input type="hidden" name="csrf" value="{{CSRF}}">
          <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit" data-testid="exposure-paq-send">Envoyer au PAQ</button>
        </form>{{/NOT_SENT}}</td>
      </tr>{{/FINDING}}
    </tbody>
  </table>
</div>{{/HAS_FINDINGS}}
<h2 class="fr-h4">Ports ouverts</h2>
<p>Chaque port ouvert de chaque hôte, avec le service reconnu : ceux qui portent un constat d'abord, du plus grave au moins grave, puis les autres.</p>
{{#NO_OPEN_PORT}}<p data-testid="exposure-no-open-port">Aucun port ouvert.</p>{{/NO_OPEN_PORT}}
{{#HAS_OPEN_PORTS}}<div class="fr-table">
  <table data-testid="exposure-ports">
    <caption>Ports ouverts</caption>
    <thead><tr><th scope="col">Hôte</th><th scope="col">Port</th><th scope="col">Service et version</th><th scope="col">Constats</th></tr></thead>
    <tbody>
      {{#OPEN_PORT}}<tr data-testid="exposure-port" data-port="{{OPEN_PORT_TEXT}}">
        <td>{{OPEN_PORT_HOST}}</td>
        <td>{{OPEN_PORT_TEXT}}</td>
        <td>{{OPEN_PORT_SERVICE}}</td>
        <td>{{#PORT_FINDING}}<a href="#constat-{{PORT_FINDING_INDEX}}"><span class="fr-badge fr-badge--sm fr-badge--{{PORT_FINDING_BADGE}} fr-badge--no-icon">{{PORT_FINDING_SEVERITY}}</span> {{PORT_FINDING_TITLE}}</a>{{#PORT_FINDING_separator}}<br>{{/PORT_FINDING_separator}}{{/PORT_FINDING}}{{#PORT_NO_FINDING}}Aucun constat{{/PORT_NO_FINDING}}</td>
      </tr>{{/OPEN_PORT}}
    </tbody>
  </table>
</div>{{/HAS_OPEN_PORTS}}{{/RESULT}}
<p class="fr-mt-3w"><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="{{BASE}}">Retour aux audits d'exposition</a></p>
