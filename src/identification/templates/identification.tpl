{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Identification électronique des professionnels — {{NAME}}</h1>
<p>Qui se connecte à quoi, avec quel moyen d'identification : pour chaque population et chaque point d'accès, carepilot dit si le moyen en usage est conforme, et pourquoi. Un accès à distance exige une double authentification ; à compter du 1er janvier 2026, tout moyen doit être émis par l'ANS (CPS, e-CPS), atteindre le niveau eIDAS substantiel ou être homologué par l'établissement ; l'identifiant et le mot de passe seuls n'étaient tolérés pour un accès local que jusqu'à cette date (instruction DNS/2025/12, action prioritaire 6 ; référentiel d'identification électronique, arrêté du 28 mars 2022).</p>
{{#BAD_DATE}}<div class="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert" data-testid="identification-bad-date"><p>La date demandée n'est pas valide : la situation affichée est celle d'aujourd'hui.</p></div>{{/BAD_DATE}}
<form method="get" action="{{BASE}}" class="fr-mb-3w" data-testid="identification-as-of"><div class="fr-input-group{{#BAD_DATE}} fr-input-group--error{{/BAD_DATE}}"><label class="fr-label" for="date">Situation au <span class="fr-hint-text">laissée vide : aujourd'hui</span></label><input class="fr-input" type="date" id="date" name="date" value="{{AS_OF_VALUE}}"></div><button class="fr-btn fr-btn--tertiary" type="submit">Afficher</button></form>
<div class="fr-callout fr-mb-3w" data-testid="identification-coverage">
  <h2 class="fr-callout__title">Situation au {{AS_OF}}</h2>
  <p class="fr-callout__text">Part des accès couverts par un moyen de double authentification conforme : <strong data-testid="identification-share">{{SHARE}}</strong> ({{COVERED:x-num}} sur {{ACCESSES:x-plural=accès/accès}}). {{COMPLIANT:x-plural=croisement conforme/croisements conformes}}, {{PLANNED:x-plural=croisement planifié/croisements planifiés}}, {{NON_COMPLIANT:x-plural=croisement non conforme/croisements non conformes}}.{{#TARGET}} Fin de la trajectoire prévue le {{TARGET_DATE}}.{{/TARGET}}{{#NO_TRAJECTORY}} <span data-testid="identification-no-trajectory">Pas encore de trajectoire : planifiez un moyen conforme, avec sa date, pour chaque croisement non conforme.</span>{{/NO_TRAJECTORY}} <a href="{{COMPLIANCE_URL}}">Voir la conformité</a></p>
  {{#BLANKS}}<p class="fr-callout__text" data-testid="identification-blanks">Pas de trajectoire tant que la matrice n'est pas complète : {{BLANK_COUNT:x-plural=croisement reste/croisements restent}} à renseigner (un moyen d'identification, ou « Aucun accès » si la population n'utilise pas ce point d'accès).</p>
  <ul data-testid="identification-blank-list">{{#BLANK_CROSSING}}<li>{{BLANK_POP}} × {{BLANK_AP}}</li>{{/BLANK_CROSSING}}</ul>{{/BLANKS}}
</div>
{{#HISTORY}}<h2 class="fr-h4">Historique de la couverture</h2>
<figure class="fr-mb-4w" data-testid="identification-history">
<svg xmlns="http://www.w3.org/2000/svg" width="{{HW}}" height="{{HH}}" viewBox="0 0 {{HW}} {{HH}}" role="img" aria-labelledby="coverage-history-title coverage-history-desc">
  <title id="coverage-history-title">Part des accès couverts par un moyen de double authentification conforme</title>
  <desc id="coverage-history-desc">{{HSUMMARY}}</desc>
  {{#HTICK}}<line x1="{{HLEFT}}" y1="{{HTICK_Y}}" x2="{{HRIGHT_X}}" y2="{{HTICK_Y}}" stroke="#dddddd" stroke-width="1"></line><text x="{{HTICK_X}}" y="{{HTICK_TEXT_Y}}" text-anchor="end" font-size="12" fill="#3a3a3a">{{HTICK_LABEL}}</text>{{/HTICK}}
  {{#HXLABEL}}<text x="{{HXLABEL_X}}" y="{{HXLABEL_Y}}" text-anchor="middle" font-size="11" fill="#3a3a3a">{{HXLABEL_TEXT}}</text>{{/HXLABEL}}
  <polyline class="cp-coverage-line" points="{{HPOINTS}}" fill="none" stroke="#000091" stroke-width="2"></polyline>
  {{#HDOT}}<circle cx="{{HDOT_X}}" cy="{{HDOT_Y}}" r="3" fill="#000091"></circle>{{/HDOT}}
  <line x1="{{HLEFT}}" y1="{{HBASE_Y}}" x2="{{HRIGHT_X}}" y2="{{HBASE_Y}}" stroke="#161616" stroke-width="1"></line>
</svg>
<figcaption class="fr-text--sm">{{HSUMMARY}} Chaque point est la couverture laissée par la dernière modification de l'inventaire ce jour-là.</figcaption>
</figure>
<section class="fr-accordion fr-mb-4w">
<h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="false" aria-controls="acc-coverage-history">Valeurs de l'historique</button></h3>
<div class="fr-collapse" id="acc-coverage-history">
<div class="fr-table fr-table--sm"><table data-testid="identification-history-table">
  <caption>Couverture par la double authentification, jour par jour</caption>
  <thead><tr><th scope="col">Jour</th><th scope="col">Accès couverts</th><th scope="col">Accès</th><th scope="col">Part couverte</th></tr></thead>
  <tbody>{{#HROW}}<tr><th scope="row">{{HROW_DAY}}</th><td>{{HROW_COVERED:x-num}}</td><td>{{HROW_ACCESSES:x-num}}</td><td>{{HROW_SHARE}}</td></tr>{{/HROW}}</tbody>
</table></div>
</div>
</section>{{/HISTORY}}
{{#NO_INVENTORY}}<p data-testid="identification-empty">Aucune population ni aucun point d'accès saisis pour cet établissement.</p>{{/NO_INVENTORY}}
{{#HAS_MATRIX}}<h2>Matrice des populations et des points d'accès</h2>
<ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left"><li><a class="fr-btn fr-btn--tertiary fr-icon-download-line" href="{{BASE}}.xlsx{{#AS_OF_QUERY}}?date={{AS_OF_VALUE}}{{/AS_OF_QUERY}}" data-testid="identification-export-xlsx">Exporter la matrice (Excel)</a></li></ul>
<div class="fr-table"><table data-testid="identification-matrix">
  <caption>Moyen d'identification en usage par population et point d'accès, et sa conformité au {{AS_OF}}</caption>
  <thead><tr><th scope="col">Population (effectif)</th>{{#HEAD}}<th scope="col">{{AP_NAME}}<br><span class="fr-hint-text">{{AP_KIND}}, {{AP_LOCATION}}</span></th>{{/HEAD}}<th scope="col">Part couverte</th></tr></thead>
  <tbody>{{#MROW}}<tr><th scope="row">{{POP_LABEL}} ({{POP_HEADCOUNT:x-num}})</th>{{#MCELL}}<td data-testid="identification-cell" data-population="{{CELL_POP}}" data-access-point="{{CELL_AP}}" data-status="{{CELL_STATUS}}">{{#FILLED}}<p class="fr-badge fr-badge--sm {{BADGE_CLASS}}">{{STATUS_LABEL}}</p><p class="fr-text--sm fr-mb-0"><strong>{{MEANS_LABEL}}</strong>{{#ACCESS}} — {{CELL_COVERED:x-num}} sur {{CELL_HEADCOUNT:x-num}}{{/ACCESS}}</p><p class="fr-text--xs fr-mb-0" data-testid="identification-reason">{{REASON}}</p>{{#HOMOLOGATED}}<p class="fr-text--xs fr-mb-0">Homologation de {{H_MEANS}} : {{DECISION_LABEL}} le {{H_DATE}}{{#RESERVES}} — réserves : {{RESERVES_TEXT}}{{/RESERVES}}</p>{{/HOMOLOGATED}}{{/FILLED}}{{#BLANK}}<span class="fr-text--sm">non renseigné</span>{{/BLANK}}{{#EDIT_CELL}}<p class="fr-text--xs fr-mb-0"><a class="fr-link fr-link--sm" href="{{BASE}}?population={{CELL_POP}}&amp;acces={{CELL_AP}}#croisement" data-testid="identification-cell-edit">{{EDIT_VERB}}<span class="fr-sr-only"> le croisement {{EDIT_POP}} × {{EDIT_AP}}</span></a></p>{{/EDIT_CELL}}</td>{{/MCELL}}<td>{{POP_SHARE}}</td></tr>{{/MROW}}</tbody>
</table></div>{{/HAS_MATRIX}}
{{#TRAJECTORY}}<h2 class="fr-mt-4w" id="trajectoire">Trajectoire : étapes planifiées</h2>
<p>Les étapes qui mènent l'établissement à des moyens d'identification conformes, avec leur échéance et leur pilote ; chacune peut devenir une action du plan d'actions qualité (PAQ). {{#HAS_STEPS}}{{STEP_DONE_COUNT}} sur {{STEP_COUNT:x-plural=étape réalisée/étapes réalisées}}.{{/HAS_STEPS}}</p>
{{#STEP_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="identification-step-errors"><h3 class="fr-alert__title">{{STEP_ERRORS_TITLE}}</h3><ul>{{#STEP_ERROR}}<li><a href="#{{STEP_FIELD}}">{{STEP_MESSAGE}}</a></li>{{/STEP_ERROR}}</ul></div>{{/STEP_ERRORS}}
{{#NO_STEP}}<p data-testid="identification-no-step">Aucune étape planifiée.</p>{{/NO_STEP}}
{{#HAS_STEPS}}<div class="fr-table"><table data-testid="identification-steps">
  <caption>Étapes de la trajectoire, par échéance</caption>
  <thead><tr><th scope="col">Étape</th><th scope="col">Pilote</th><th scope="col">Échéance</th><th scope="col">Réalisation</th><th scope="col">PAQ</th></tr></thead>
  <tbody>{{#STEP_ROW}}<tr id="etape-{{STEP_ID}}" data-testid="identification-step" data-step="{{STEP_ID}}"><th scope="row">{{STEP_TITLE}}</th><td>{{STEP_OWNER}}</td><td>{{STEP_DUE}}</td><td>{{#STEP_IS_DONE}}<p class="fr-badge fr-badge--sm fr-badge--success">Réalisée le {{STEP_DONE_DATE}}</p>{{/STEP_IS_DONE}}{{#STEP_NOT_DONE}}<p class="fr-badge fr-badge--sm fr-badge--info">À réaliser</p>{{/STEP_NOT_DONE}}{{#STEP_DONE_FORM}}<form method="post" action="{{BASE}}/etapes/{{STEP_ID}}" data-testid="identification-step-done-form"><input type="hidden" name="csrf" value="{{CSRF}}"><div class="fr-input-group"><label class="fr-label" for="step_done_on_{{STEP_ID}}">Date de réalisation</label><input class="fr-input" type="date" id="step_done_on_{{STEP_ID}}" name="done_on" required data-testid="identification-step-done-on"></div><button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">Enregistrer la réalisation</button></form>{{/STEP_DONE_FORM}}</td><td>{{#STEP_IN_PAQ}}<a href="{{STEP_PAQ_URL}}" data-testid="identification-step-paq-link">Voir l'action du PAQ</a>{{/STEP_IN_PAQ}}{{#STEP_SEND}}<form method="post" action="{{BASE}}/etapes/{{STEP_ID}}/paq" data-testid="identification-step-paq-form"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit" data-testid="identification-step-paq">Envoyer au PAQ</button></form>{{/STEP_SEND}}</td></tr>{{/STEP_ROW}}</tbody>
</table></div>{{/HAS_STEPS}}
{{#STEP_FORM}}<h3 class="fr-h5">Ajouter une étape</h3>
<form method="post" action="{{BASE}}/etapes" data-testid="identification-step-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group{{#SERR_title}} fr-input-group--error{{/SERR_title}}">
    <label class="fr-label" for="step_title">Intitulé * <span class="fr-hint-text">par exemple « Déployer la e-CPS auprès des médecins »</span></label>
    <input class="fr-input" type="text" id="step_title" name="title" value="{{STEP_TITLE_VALUE}}" maxlength="300" required data-testid="identification-step-title">
    {{#SERR_title}}<p class="fr-error-text">{{MSG}}</p>{{/SERR_title}}
  </div>
  <div class="fr-input-group{{#SERR_owner}} fr-input-group--error{{/SERR_owner}}">
    <label class="fr-label" for="step_owner">Pilote</label>
    <input class="fr-input" type="text" id="step_owner" name="owner" value="{{STEP_OWNER_VALUE}}" maxlength="200" data-testid="identification-step-owner">
    {{#SERR_owner}}<p class="fr-error-text">{{MSG}}</p>{{/SERR_owner}}
  </div>
  <div class="fr-input-group{{#SERR_due}} fr-input-group--error{{/SERR_due}}">
    <label class="fr-label" for="step_due">Échéance * <span class="fr-hint-text">aujourd'hui ou plus tard pour une étape à réaliser</span></label>
    <input class="fr-input" type="date" id="step_due" name="due" value="{{STEP_DUE_VALUE}}" required data-testid="identification-step-due">
    {{#SERR_due}}<p class="fr-error-text">{{MSG}}</p>{{/SERR_due}}
  </div>
  <div class="fr-input-group{{#SERR_done_on}} fr-input-group--error{{/SERR_done_on}}">
    <label class="fr-label" for="step_done_on">Date de réalisation <span class="fr-hint-text">facultatif : pour une étape déjà réalisée</span></label>
    <input class="fr-input" type="date" id="step_done_on" name="done_on" value="{{STEP_DONE_VALUE}}" data-testid="identification-step-done">
    {{#SERR_done_on}}<p class="fr-error-text">{{MSG}}</p>{{/SERR_done_on}}
  </div>
  <button class="fr-btn" type="submit" data-testid="identification-step-submit">Ajouter l'étape</button>
</form>{{/STEP_FORM}}{{/TRAJECTORY}}
{{#HOSPICONNECT}}<h2 class="fr-mt-4w" id="hospiconnect">Objectifs HospiConnect</h2>
<p class="fr-text--sm">{{HC_SOURCE}}. Les objectifs calculés le sont à partir de la matrice au {{AS_OF}} ; les autres sont déclaratifs.</p>
{{#HC_YEAR}}<div class="fr-table fr-table--sm"><table data-testid="identification-hospiconnect" data-year="{{HC_YEAR_VALUE}}">
  <caption>Objectifs {{HC_YEAR_VALUE}}</caption>
  <thead><tr><th scope="col">Objectif</th><th scope="col">Statut</th><th scope="col">Explication</th><th scope="col">Preuve déclarée</th></tr></thead>
  <tbody>{{#HC_ROW}}<tr data-testid="identification-objective" data-objective="{{HC_ID}}" data-status="{{HC_STATUS}}"><th scope="row">{{HC_LABEL}}</th><td><p class="fr-badge fr-badge--sm {{HC_BADGE}}">{{HC_STATUS_LABEL}}</p></td><td>{{HC_REASON}}</td><td class="cp-cell-wrap">{{#HC_DECLARATION}}<a class="fr-link fr-link--download" href="{{HC_DOC_URL}}" download data-testid="identification-declaration-document">{{HC_DOC_NAME}}<span class="fr-link__detail">{{HC_DOC_SIZE}}, déclaré par {{HC_DECLARED_BY}} le {{HC_DECLARED_AT}}</span></a>{{#HC_WITHDRAW}}<a class="fr-link fr-link--sm" href="{{HC_WITHDRAW_URL}}" data-testid="identification-declaration-withdraw">Retirer la déclaration</a>{{/HC_WITHDRAW}}{{/HC_DECLARATION}}</td></tr>{{/HC_ROW}}</tbody>
</table></div>{{/HC_YEAR}}
{{#HAS_HC_WITHDRAWN}}<h3 class="fr-h6">Déclarations retirées ({{HC_WITHDRAWN_COUNT:x-num}})</h3>
<ul data-testid="identification-declarations-withdrawn">{{#HC_WITHDRAWN}}<li>{{HCW_LABEL}} — atteint le {{HCW_REACHED}}, déclaration retirée le {{HCW_AT}} : {{HCW_REASON}} (<a class="fr-link" href="{{HCW_DOC_URL}}" download>{{HCW_DOC_NAME}}</a>)</li>{{/HC_WITHDRAWN}}</ul>{{/HAS_HC_WITHDRAWN}}
{{#HC_FORM}}<h3 class="fr-h5 fr-mt-3w" id="declarer">Déclarer un objectif atteint</h3>
<p class="fr-text--sm">Pour un objectif que carepilot ne calcule pas depuis la matrice : la date à laquelle il a été atteint, ce qui le montre et le document qui le prouve.</p>
{{#HC_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="identification-declaration-errors"><h4 class="fr-alert__title">L'objectif n'a pas été déclaré</h4><ul>{{#HC_ERROR}}<li><a href="#{{HC_FIELD}}">{{HC_MESSAGE}}</a></li>{{/HC_ERROR}}</ul></div>{{/HC_ERRORS}}
<form method="post" action="{{BASE}}/declarations#declarer" enctype="multipart/form-data" data-testid="identification-declaration-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-select-group{{#HERR_objective}} fr-select-group--error{{/HERR_objective}}">
    <label class="fr-label" for="hc_objective">Objectif *</label>
    <select class="fr-select" id="hc_objective" name="objective" required data-testid="identification-declaration-objective"><option value="">Choisir</option>{{#HC_OBJECTIVE_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/HC_OBJECTIVE_OPTION}}</select>
    {{#HERR_objective}}<p class="fr-error-text">{{MSG}}</p>{{/HERR_objective}}
  </div>
  <div class="fr-input-group{{#HERR_reached_on}} fr-input-group--error{{/HERR_reached_on}}">
    <label class="fr-label" for="hc_reached_on">Date à laquelle l'objectif a été atteint *</label>
    <input class="fr-input" type="date" id="hc_reached_on" name="reached_on" value="{{HC_REACHED_VALUE}}" required data-testid="identification-declaration-reached">
    {{#HERR_reached_on}}<p class="fr-error-text">{{MSG}}</p>{{/HERR_reached_on}}
  </div>
  <div class="fr-input-group{{#HERR_justification}} fr-input-group--error{{/HERR_justification}}">
    <label class="fr-label" for="hc_justification">Justification * <span class="fr-hint-text">Ce qui montre que l'objectif est atteint (2 000 caractères au plus)</span></label>
    <textarea class="fr-input" id="hc_justification" name="justification" maxlength="2000" required data-testid="identification-declaration-justification">{{HC_JUSTIFICATION_VALUE:pre_escape}}</textarea>
    {{#HERR_justification}}<p class="fr-error-text">{{MSG}}</p>{{/HERR_justification}}
  </div>
  <div class="fr-upload-group{{#HERR_proof_document}} fr-input-group--error{{/HERR_proof_document}}">
    <label class="fr-label" for="hc_proof_document">Document de preuve * <span class="fr-hint-text">PDF, ODT, DOCX, XLSX, PNG, JPEG ou TXT, 5 Mio au plus</span></label>
    <input class="fr-upload" type="file" id="hc_proof_document" name="proof_document" accept=".pdf,.odt,.docx,.xlsx,.png,.jpg,.jpeg,.txt" required data-testid="identification-declaration-file">
    {{#HERR_proof_document}}<p class="fr-error-text">{{MSG}}</p>{{/HERR_proof_document}}
  </div>
  <button class="fr-btn fr-mt-2w" type="submit" data-testid="identification-declaration-submit">Déclarer l'objectif atteint</button>
</form>{{/HC_FORM}}{{/HOSPICONNECT}}
{{#DESFIRE}}<h2 class="fr-mt-4w" id="badges">Badges sans contact DESFire</h2>
<p>Pour les établissements qui utilisent des badges DESFire : le schéma de clés, le système de gestion des clés et les processus d'encodage et d'enrôlement (FAQ du programme CaRE).</p>
{{#DF_NONE}}<p data-testid="identification-desfire-none">Contrôle non renseigné.</p>{{/DF_NONE}}
{{#DF_VERDICT}}<div class="fr-mb-3w" data-testid="identification-desfire" data-status="{{DF_STATUS}}"><p class="fr-badge {{DF_BADGE}}">{{DF_STATUS_LABEL}}</p>
<p class="fr-mb-1w">Schéma de clés : {{DF_SCHEME}} ; système de gestion des clés propre : {{DF_KMS}} ; processus d'encodage et d'enrôlement définis : {{DF_PROCESSES}}.</p>
<ul data-testid="identification-desfire-reasons">{{#DF_REASON}}<li>{{DF_REASON_TEXT}}</li>{{/DF_REASON}}</ul></div>{{/DF_VERDICT}}
{{#DF_FORM}}{{#DF_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="identification-desfire-errors"><h3 class="fr-alert__title">Le contrôle des badges n'a pas été enregistré</h3><ul>{{#DF_ERROR}}<li><a href="#{{DF_FIELD}}">{{DF_MESSAGE}}</a></li>{{/DF_ERROR}}</ul></div>{{/DF_ERRORS}}
<form method="post" action="{{BASE}}/badges" data-testid="identification-desfire-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-select-group{{#DERR_key_scheme}} fr-select-group--error{{/DERR_key_scheme}}">
    <label class="fr-label" for="desfire_key_scheme">Schéma de clés des badges *</label>
    <select class="fr-select" id="desfire_key_scheme" name="key_scheme" required data-testid="identification-desfire-scheme"><option value="">Choisir</option>{{#DF_SCHEME_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/DF_SCHEME_OPTION}}</select>
    {{#DERR_key_scheme}}<p class="fr-error-text">{{MSG}}</p>{{/DERR_key_scheme}}
  </div>
  <fieldset class="fr-fieldset{{#DERR_own_kms}} fr-fieldset--error{{/DERR_own_kms}}" id="desfire_own_kms"><legend class="fr-fieldset__legend">Système de gestion des clés (KMS) propre à l'établissement *</legend>
    <div class="fr-fieldset__element fr-fieldset__element--inline"><div class="fr-radio-group"><input type="radio" id="desfire_kms_yes" name="own_kms" value="yes"{{#DF_KMS_YES}} checked{{/DF_KMS_YES}} data-testid="identification-desfire-kms-yes"><label class="fr-label" for="desfire_kms_yes">Oui</label></div></div>
    <div class="fr-fieldset__element fr-fieldset__element--inline"><div class="fr-radio-group"><input type="radio" id="desfire_kms_no" name="own_kms" value="no"{{#DF_KMS_NO}} checked{{/DF_KMS_NO}} data-testid="identification-desfire-kms-no"><label class="fr-label" for="desfire_kms_no">Non</label></div></div>
    {{#DERR_own_kms}}<p class="fr-error-text">{{MSG}}</p>{{/DERR_own_kms}}
  </fieldset>
  <fieldset class="fr-fieldset{{#DERR_processes_defined}} fr-fieldset--error{{/DERR_processes_defined}}" id="desfire_processes_defined"><legend class="fr-fieldset__legend">Processus d'encodage et d'enrôlement des badges définis *</legend>
    <div class="fr-fieldset__element fr-fieldset__element--inline"><div class="fr-radio-group"><input type="radio" id="desfire_proc_yes" name="processes_defined" value="yes"{{#DF_PROC_YES}} checked{{/DF_PROC_YES}} data-testid="identification-desfire-proc-yes"><label class="fr-label" for="desfire_proc_yes">Oui</label></div></div>
    <div class="fr-fieldset__element fr-fieldset__element--inline"><div class="fr-radio-group"><input type="radio" id="desfire_proc_no" name="processes_defined" value="no"{{#DF_PROC_NO}} checked{{/DF_PROC_NO}} data-testid="identification-desfire-proc-no"><label class="fr-label" for="desfire_proc_no">Non</label></div></div>
    {{#DERR_processes_defined}}<p class="fr-error-text">{{MSG}}</p>{{/DERR_processes_defined}}
  </fieldset>
  <button class="fr-btn" type="submit" data-testid="identification-desfire-submit">Enregistrer le contrôle des badges</button>
</form>{{/DF_FORM}}{{/DESFIRE}}
{{#CAN_WRITE}}<h2 class="fr-mt-4w">Compléter l'inventaire</h2>
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="identification-errors"><h3 class="fr-alert__title">{{ERRORS_TITLE}}</h3><ul>{{#ERROR}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul></div>{{/HAS_ERRORS}}
<div class="fr-grid-row fr-grid-row--gutters">
<div class="fr-col-12 fr-col-md-6">
<h3 class="fr-h5">Ajouter une population ou changer son effectif</h3>
<form method="post" action="{{BASE}}/populations" data-testid="identification-population-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-select-group{{#ERR_population}} fr-select-group--error{{/ERR_population}}">
    <label class="fr-label" for="population">Population *</label>
    <select class="fr-select" id="population" name="population" data-testid="identification-population" required><option value="">Choisir</option>{{#POP_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/POP_OPTION}}</select>
    {{#ERR_population}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_population}}
  </div>
  <div class="fr-input-group{{#ERR_headcount}} fr-input-group--error{{/ERR_headcount}}">
    <label class="fr-label" for="headcount">Effectif *</label>
    <input class="fr-input" type="text" inputmode="numeric" id="headcount" name="headcount" value="{{HEADCOUNT_VALUE}}" required data-testid="identification-headcount">
    {{#ERR_headcount}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_headcount}}
  </div>
  <button class="fr-btn" type="submit" data-testid="identification-population-submit">Enregistrer la population</button>
</form>
<h3 class="fr-h5 fr-mt-4w">Ajouter un point d'accès</h3>
<form method="post" action="{{BASE}}/points-acces" data-testid="identification-access-point-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group{{#ERR_name}} fr-input-group--error{{/ERR_name}}">
    <label class="fr-label" for="name">Nom * <span class="fr-hint-text">par exemple « Dossier patient informatisé », « VPN »</span></label>
    <input class="fr-input" type="text" id="name" name="name" value="{{NAME_VALUE}}" maxlength="200" required data-testid="identification-ap-name">
    {{#ERR_name}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_name}}
  </div>
  <div class="fr-select-group{{#ERR_access_kind}} fr-select-group--error{{/ERR_access_kind}}">
    <label class="fr-label" for="access_kind">Type de point d'accès *</label>
    <select class="fr-select" id="access_kind" name="access_kind" required data-testid="identification-ap-kind"><option value="">Choisir</option>{{#KIND_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/KIND_OPTION}}</select>
    {{#ERR_access_kind}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_access_kind}}
  </div>
  <div class="fr-select-group{{#ERR_location}} fr-select-group--error{{/ERR_location}}">
    <label class="fr-label" for="location">Accès *</label>
    <select class="fr-select" id="location" name="location" required data-testid="identification-ap-location"><option value="">Choisir</option>{{#LOCATION_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/LOCATION_OPTION}}</select>
    {{#ERR_location}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_location}}
  </div>
  <button class="fr-btn" type="submit" data-testid="identification-ap-submit">Ajouter le point d'accès</button>
</form>
</div>
<div class="fr-col-12 fr-col-md-6">
<h3 class="fr-h5" id="croisement">{{CELL_FORM_TITLE}}</h3>
{{#NO_CELL_FORM}}<p>Ajoutez d'abord une population et un point d'accès.</p>{{/NO_CELL_FORM}}
{{#CELL_FORM}}<form method="post" action="{{BASE}}/cellules" data-testid="identification-cell-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-select-group{{#CERR_population}} fr-select-group--error{{/CERR_population}}">
    <label class="fr-label" for="cell_population">Population *</label>
    <select class="fr-select" id="cell_population" name="population" required data-testid="identification-cell-population"><option value="">Choisir</option>{{#CPOP_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/CPOP_OPTION}}</select>
    {{#CERR_population}}<p class="fr-error-text">{{MSG}}</p>{{/CERR_population}}
  </div>
  <div class="fr-select-group{{#CERR_access_point}} fr-select-group--error{{/CERR_access_point}}">
    <label class="fr-label" for="cell_access_point">Point d'accès *</label>
    <select class="fr-select" id="cell_access_point" name="access_point" required data-testid="identification-cell-ap"><option value="">Choisir</option>{{#CAP_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/CAP_OPTION}}</select>
    {{#CERR_access_point}}<p class="fr-error-text">{{MSG}}</p>{{/CERR_access_point}}
  </div>
  <div class="fr-select-group{{#CERR_means}} fr-select-group--error{{/CERR_means}}">
    <label class="fr-label" for="cell_means">Moyen d'identification en usage *</label>
    <select class="fr-select" id="cell_means" name="means" required data-testid="identification-cell-means"><option value="">Choisir</option>{{#MEANS_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/MEANS_OPTION}}</select>
    {{#CERR_means}}<p class="fr-error-text">{{MSG}}</p>{{/CERR_means}}
  </div>
  <div class="fr-input-group{{#CERR_covered}} fr-input-group--error{{/CERR_covered}}">
    <label class="fr-label" for="cell_covered">Personnes couvertes par ce moyen * <span class="fr-hint-text">au plus l'effectif de la population ; vide ou 0 pour « Aucun accès »</span></label>
    <input class="fr-input" type="text" inputmode="numeric" id="cell_covered" name="covered" value="{{COVERED_VALUE}}" data-testid="identification-cell-covered">
    {{#CERR_covered}}<p class="fr-error-text">{{MSG}}</p>{{/CERR_covered}}
  </div>
  <div class="fr-select-group{{#CERR_planned_means}} fr-select-group--error{{/CERR_planned_means}}">
    <label class="fr-label" for="cell_planned_means">Moyen prévu <span class="fr-hint-text">facultatif : l'étape suivante de la trajectoire</span></label>
    <select class="fr-select" id="cell_planned_means" name="planned_means" data-testid="identification-cell-planned-means"><option value="">Aucun</option>{{#PLANNED_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/PLANNED_OPTION}}</select>
    {{#CERR_planned_means}}<p class="fr-error-text">{{MSG}}</p>{{/CERR_planned_means}}
  </div>
  <div class="fr-input-group{{#CERR_planned_date}} fr-input-group--error{{/CERR_planned_date}}">
    <label class="fr-label" for="cell_planned_date">Date prévue du passage</label>
    <input class="fr-input" type="date" id="cell_planned_date" name="planned_date" value="{{PLANNED_DATE_VALUE}}" data-testid="identification-cell-planned-date">
    {{#CERR_planned_date}}<p class="fr-error-text">{{MSG}}</p>{{/CERR_planned_date}}
  </div>
  <fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">Homologation <span class="fr-hint-text">facultatif : décision de la commission d'homologation de l'établissement ; elle ne vaut que pour le moyen homologué</span></legend>
  <div class="fr-fieldset__element"><div class="fr-select-group{{#CERR_homologation_means}} fr-select-group--error{{/CERR_homologation_means}}">
    <label class="fr-label" for="cell_homologation_means">Moyen homologué <span class="fr-hint-text">laissé sur « Le moyen en usage », l'homologation porte sur le moyen choisi plus haut</span></label>
    <select class="fr-select" id="cell_homologation_means" name="homologation_means" data-testid="identification-cell-h-means"><option value="">Le moyen en usage</option>{{#H_MEANS_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/H_MEANS_OPTION}}</select>
    {{#CERR_homologation_means}}<p class="fr-error-text">{{MSG}}</p>{{/CERR_homologation_means}}
  </div></div>
  <div class="fr-fieldset__element"><div class="fr-input-group{{#CERR_homologation_date}} fr-input-group--error{{/CERR_homologation_date}}">
    <label class="fr-label" for="cell_homologation_date">Date de la commission</label>
    <input class="fr-input" type="date" id="cell_homologation_date" name="homologation_date" value="{{H_DATE_VALUE}}" data-testid="identification-cell-h-date">
    {{#CERR_homologation_date}}<p class="fr-error-text">{{MSG}}</p>{{/CERR_homologation_date}}
  </div></div>
  <div class="fr-fieldset__element"><div class="fr-select-group{{#CERR_homologation_decision}} fr-select-group--error{{/CERR_homologation_decision}}">
    <label class="fr-label" for="cell_homologation_decision">Décision</label>
    <select class="fr-select" id="cell_homologation_decision" name="homologation_decision" data-testid="identification-cell-h-decision"><option value="">Aucune</option>{{#DECISION_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/DECISION_OPTION}}</select>
    {{#CERR_homologation_decision}}<p class="fr-error-text">{{MSG}}</p>{{/CERR_homologation_decision}}
  </div></div>
  <div class="fr-fieldset__element"><div class="fr-input-group{{#CERR_homologation_reserves}} fr-input-group--error{{/CERR_homologation_reserves}}">
    <label class="fr-label" for="cell_homologation_reserves">Réserves</label>
    <textarea class="fr-input" id="cell_homologation_reserves" name="homologation_reserves" rows="2" data-testid="identification-cell-h-reserves">{{H_RESERVES_VALUE:pre_escape}}</textarea>
    {{#CERR_homologation_reserves}}<p class="fr-error-text">{{MSG}}</p>{{/CERR_homologation_reserves}}
  </div></div>
  </fieldset>
  <p class="fr-text--sm" data-testid="identification-cell-replaces">L'enregistrement remplace le croisement en entier : moyen en usage, personnes couvertes, moyen et date prévus, homologation. Un champ laissé vide efface ce qui était enregistré ; pour modifier un croisement existant, ouvrez-le par son lien « Modifier » dans la matrice.</p>
  <button class="fr-btn" type="submit" data-testid="identification-cell-submit">Enregistrer le croisement</button>
</form>{{/CELL_FORM}}
</div>
</div>{{/CAN_WRITE}}
