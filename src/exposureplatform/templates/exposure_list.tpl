{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Exposition sur internet — {{NAME}}</h1>
<p class="fr-text--lead">Déposez le résultat d'un scan de vos adresses publiques (nmap au format XML, ou masscan au format XML ou JSON) : il est analysé en tâche de fond, et le rapport devient la preuve « audit d'exposition sur internet » de l'établissement.</p>
{{#CAN_WRITE}}<h2 class="fr-h5">Déposer un scan</h2>
<form method="post" action="{{BASE}}" enctype="multipart/form-data" data-testid="exposure-upload-form" class="fr-mb-3w">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-upload-group fr-mb-2w{{#UPLOAD_ERROR}} fr-upload-group--error{{/UPLOAD_ERROR}}">
    <label class="fr-label" for="exposure-file">Fichiers de scan *<span class="fr-hint-text">Un fichier, ou plusieurs d'une même campagne (analysés ensemble comme un seul audit) : sorties nmap -oX, masscan -oX ou -oJ, au plus {{MAX_SIZE}} en tout.</span></label>
    <input class="fr-upload" type="file" id="exposure-file" name="file" required multiple accept=".xml,.json" data-max-bytes="{{MAX_BYTES}}" data-label="Fichier de scan" data-label-many="Fichiers de scan"{{#UPLOAD_ERROR}} aria-invalid="true" aria-describedby="exposure-file-error"{{/UPLOAD_ERROR}}>
    {{#UPLOAD_ERROR}}<p class="fr-error-text" id="exposure-file-error" role="alert" data-testid="exposure-upload-error">{{MESSAGE}}</p>{{/UPLOAD_ERROR}}
  </div>
  <button class="fr-btn fr-icon-upload-line fr-btn--icon-left" type="submit" data-testid="exposure-upload-submit">Déposer et analyser</button>
</form>{{/CAN_WRITE}}
<h2 class="fr-h4">Régularité des audits (objectif {{OBJECTIVE}})</h2>
<p>Des audits successifs doivent être espacés d'au moins {{MIN_DAYS}} jours et d'au plus {{MAX_DAYS}} jours. Choisissez la période à vérifier (par défaut, les 365 derniers jours).</p>
<form method="get" action="{{BASE}}" class="fr-mb-2w" data-testid="exposure-period-form">
  <fieldset class="fr-fieldset">
    <legend class="fr-fieldset__legend fr-text--regular">Période vérifiée</legend>
    <div class="fr-fieldset__element fr-fieldset__element--inline">
      <div class="fr-input-group{{#ERR_FROM}} fr-input-group--error{{/ERR_FROM}}">
        <label class="fr-label" for="exposure-period-from">Début de période</label>
        <input class="fr-input{{#ERR_FROM}} fr-input--error{{/ERR_FROM}}" type="date" id="exposure-period-from" name="du" value="{{FROM_VALUE}}" data-testid="exposure-period-from"{{#ERR_FROM}} aria-invalid="true" aria-describedby="exposure-period-from-error"{{/ERR_FROM}}>
        {{#ERR_FROM}}<p class="fr-error-text" id="exposure-period-from-error" data-testid="exposure-period-from-error">{{MESSAGE}}</p>{{/ERR_FROM}}
      </div>
    </div>
    <div class="fr-fieldset__element fr-fieldset__element--inline">
      <div class="fr-input-group{{#ERR_TO}} fr-input-group--error{{/ERR_TO}}">
        <label class="fr-label" for="exposure-period-to">Fin de période</label>
        <input class="fr-input{{#ERR_TO}} fr-input--error{{/ERR_TO}}" type="date" id="exposure-period-to" name="au" value="{{TO_VALUE}}" data-testid="exposure-period-to"{{#ERR_TO}} aria-invalid="true" aria-describedby="exposure-period-to-error"{{/ERR_TO}}>
        {{#ERR_TO}}<p class="fr-error-text" id="exposure-period-to-error" data-testid="exposure-period-to-error">{{MESSAGE}}</p>{{/ERR_TO}}
      </div>
    </div>
    <div class="fr-fieldset__element fr-fieldset__element--inline">
      <button class="fr-btn fr-btn--secondary" type="submit" data-testid="exposure-period-submit">Vérifier cette période</button>
    </div>
  </fieldset>
</form>
{{#PERIOD_OK}}<p data-testid="exposure-period">Période du {{FROM}} au {{TO}}.</p>
{{/PERIOD_OK}}{{#PERIOD_INVALID}}<p data-testid="exposure-period-invalid">La période saisie n'est pas valide : corrigez le champ signalé. Aucune vérification n'est faite.</p>
{{/PERIOD_INVALID}}{{#COVERED}}<div class="fr-alert fr-alert--success fr-alert--sm fr-mb-2w" data-testid="exposure-series" data-covered="1"><p>La période est couverte : les audits respectent l'intervalle.</p></div>{{/COVERED}}
{{#NOT_COVERED}}<div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w" data-testid="exposure-series" data-covered="0"><p>La période n'est pas couverte : {{REASON}}.</p></div>{{/NOT_COVERED}}
<h2 class="fr-h4">Audits de l'établissement</h2>
{{#NO_AUDIT}}<p data-testid="exposure-empty">Aucun audit d'exposition pour l'instant.</p>{{/NO_AUDIT}}
{{#HAS_AUDITS}}<div class="fr-table">
  <table data-testid="exposure-table">
    <caption>Audits d'exposition sur internet</caption>
    <thead><tr><th scope="col">Date</th><th scope="col">Fichier</th><th scope="col">Score</th><th scope="col">Constats</th><th scope="col">Intervalle</th><th scope="col">État</th></tr></thead>
    <tbody>
      {{#AUDIT}}<tr data-testid="exposure-row" data-state="{{STATE_ID}}">
        <td><a href="{{URL}}" data-testid="exposure-scan-date">Analyse du {{SCAN_DAY}}{{#SCAN_TO}} au {{SCAN_TO_DAY}}{{/SCAN_TO}}</a>{{#UPLOADED_OTHER_DAY}}<br><span class="fr-text--xs">déposée le {{UPLOAD_DAY}}</span>{{/UPLOADED_OTHER_DAY}}{{#SCAN_UNDATED}}<br><span class="fr-text--xs">jour du dépôt (scan non daté)</span>{{/SCAN_UNDATED}}{{#WITHDRAWN}}<br><span class="fr-text--xs" data-testid="exposure-row-withdrawn">retiré le {{W_AT}} : {{W_REASON}}</span>{{/WITHDRAWN}}</td>
        <td>{{FILE}}</td>
        <td data-testid="exposure-score">{{SCORE}}</td>
        <td>{{COUNTS}}</td>
        <td data-testid="exposure-interval">{{INTERVAL}}</td>
        <td><span class="fr-badge fr-badge--sm fr-badge--{{STATE_BADGE}} fr-badge--no-icon">{{STATE}}</span></td>
      </tr>{{/AUDIT}}
    </tbody>
  </table>
</div>{{/HAS_AUDITS}}
<script src="/static/app/upload.js"></script>
