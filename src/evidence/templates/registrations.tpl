{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Inscriptions auprès de l'ANSSI</h1>
<p class="fr-text--lead">{{NAME}} (FINESS {{FINESS}})</p>
<p>L'action prioritaire 3 de l'instruction DNS/2025/12 demande l'inscription de l'établissement au Club SSI de l'ANSSI et à son service SILENE (audits mensuels de l'exposition sur internet). Chaque inscription déclarée ici est une preuve : elle rend l'obligation correspondante satisfaite sur la <a href="/etablissements/{{FINESS}}/conformite">page de conformité</a>. Une inscription erronée se retire avec un motif ; elle reste dans l'historique des preuves.</p>
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="registration-errors">
  <h2 class="fr-alert__title">L'inscription n'a pas été enregistrée</h2>
  <ul>{{#ERROR}}<li data-field="{{FIELD}}">{{MESSAGE}}</li>{{/ERROR}}</ul>
</div>{{/HAS_ERRORS}}
<div class="fr-grid-row fr-grid-row--gutters fr-mb-3w">
{{#SERVICE}}<div class="fr-col-12 fr-col-md-6"><div class="fr-card fr-card--no-arrow" data-testid="registration-{{SERVICE_CODE}}"><div class="fr-card__body"><div class="fr-card__content">
  <h2 class="fr-card__title">{{SERVICE_LABEL}}</h2>
  {{#NOT_REGISTERED}}<p class="fr-card__desc"><span class="fr-badge fr-badge--warning" data-testid="registration-state">Pas encore inscrit</span></p>{{/NOT_REGISTERED}}
  {{#NOT_APPLICABLE}}<p class="fr-card__desc"><span class="fr-badge fr-badge--info" data-testid="registration-state">Non applicable</span></p><p class="fr-card__desc" data-testid="registration-not-applicable">{{WHY}}</p>{{/NOT_APPLICABLE}}
  {{#WITHDRAWN}}<p class="fr-card__desc" data-testid="registration-withdrawn">Inscription du {{DATE}} retirée le {{WITHDRAWN_AT}} par {{WITHDRAWN_BY}}, motif : {{REASON}}. <a class="fr-link" href="/etablissements/{{FINESS}}/preuves/{{EVIDENCE_ID}}">Voir la preuve retirée n° {{EVIDENCE_ID}}</a></p>{{/WITHDRAWN}}
  {{#REGISTERED}}<div class="fr-card__desc"><p><span class="fr-badge fr-badge--success" data-testid="registration-state">Inscrit</span></p>
  <dl>
    <dt class="fr-text--bold">Date d'inscription</dt><dd data-testid="registration-date">{{DATE}}</dd>
    <dt class="fr-text--bold">Fonction du contact inscrit</dt><dd>{{ROLE}}</dd>
    <dt class="fr-text--bold">Référence ANSSI</dt><dd data-testid="registration-reference">{{REFERENCE}}</dd>
    <dt class="fr-text--bold">Justificatif</dt><dd>{{#DOC}}<a href="/etablissements/{{FINESS}}/preuves/{{EVIDENCE_ID}}/documents/{{DOC_ID}}" download>{{FILE_NAME}}</a> ({{SIZE}})<br><span class="fr-text--xs">SHA-256 <code class="cp-sha256">{{SHA256}}</code></span>{{/DOC}}{{#NO_DOC}}aucun{{/NO_DOC}}</dd>
    <dt class="fr-text--bold">Déclarée par</dt><dd>{{CREATED_BY}}, le {{CREATED_AT}}</dd>
  </dl>
  <p><a class="fr-link" href="/etablissements/{{FINESS}}/preuves/{{EVIDENCE_ID}}">Voir la preuve n° {{EVIDENCE_ID}}</a></p>
  {{#CAN_WITHDRAW}}<!--cp-if-{{MARK}}:second_factor--><p><a class="fr-btn fr-btn--tertiary fr-btn--sm" data-testid="registration-withdraw" href="/etablissements/{{FINESS}}/preuves/{{EVIDENCE_ID}}/retirer">Retirer cette inscription</a></p><!--/cp-if-{{MARK}}:second_factor--><!--cp-if-{{MARK}}:no_second_factor--><p class="fr-hint-text">Le retrait d'une inscription demande la double authentification : activez-la dans <a href="/compte">Mon compte</a>, puis reconnectez-vous.</p><!--/cp-if-{{MARK}}:no_second_factor-->{{/CAN_WITHDRAW}}
  </div>{{/REGISTERED}}
</div></div></div></div>{{/SERVICE}}
</div>
{{#FORM}}<!--cp-if-{{MARK}}:edit_records--><h2 class="fr-h4">Déclarer une inscription</h2>
<p class="fr-hint-text">Les champs marqués d'un astérisque sont obligatoires. Justificatif : le courriel ou l'attestation d'inscription de l'ANSSI, en PDF, PNG ou JPEG, 5 Mio au plus.</p>
<form method="post" action="/etablissements/{{FINESS}}/inscriptions-anssi" enctype="multipart/form-data" data-testid="registration-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-select-group{{#ERR_SERVICE}} fr-select-group--error{{/ERR_SERVICE}}">
    <label class="fr-label" for="reg-service">Service de l'ANSSI *</label>
    <select class="fr-select{{#ERR_SERVICE}} fr-select--error{{/ERR_SERVICE}}" id="reg-service" name="service" required>{{#SERVICE_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SERVICE_OPT}}</select>
    {{#ERR_SERVICE}}<p class="fr-error-text" id="reg-service-error">{{ERR_MESSAGE}}</p>{{/ERR_SERVICE}}
  </div>
  <div class="fr-input-group{{#ERR_DATE}} fr-input-group--error{{/ERR_DATE}}">
    <label class="fr-label" for="reg-date">Date d'inscription *</label>
    <input class="fr-input{{#ERR_DATE}} fr-input--error{{/ERR_DATE}}" type="date" id="reg-date" name="date" value="{{DATE_VALUE}}" max="{{MAX_DATE}}" required{{#ERR_DATE}} aria-describedby="reg-date-error"{{/ERR_DATE}}>
    {{#ERR_DATE}}<p class="fr-error-text" id="reg-date-error">{{ERR_MESSAGE}}</p>{{/ERR_DATE}}
  </div>
  <div class="fr-select-group{{#ERR_ROLE}} fr-select-group--error{{/ERR_ROLE}}">
    <label class="fr-label" for="reg-role">Fonction du contact inscrit *<span class="fr-hint-text">Liste : {{ROLES_SOURCE}}.</span></label>
    <select class="fr-select{{#ERR_ROLE}} fr-select--error{{/ERR_ROLE}}" id="reg-role" name="contact_role" required><option value="">Choisir une fonction</option>{{#ROLE_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/ROLE_OPT}}</select>
    {{#ERR_ROLE}}<p class="fr-error-text" id="reg-role-error">{{ERR_MESSAGE}}</p>{{/ERR_ROLE}}
  </div>
  <div class="fr-input-group{{#ERR_REFERENCE}} fr-input-group--error{{/ERR_REFERENCE}}">
    <label class="fr-label" for="reg-reference">Référence ANSSI *<span class="fr-hint-text">L'identifiant ou la référence donnés par l'ANSSI lors de l'inscription.</span></label>
    <input class="fr-input{{#ERR_REFERENCE}} fr-input--error{{/ERR_REFERENCE}}" type="text" id="reg-reference" name="anssi_reference" value="{{REFERENCE_VALUE}}" maxlength="200" required>
    {{#ERR_REFERENCE}}<p class="fr-error-text" id="reg-reference-error">{{ERR_MESSAGE}}</p>{{/ERR_REFERENCE}}
  </div>
  <div class="fr-upload-group fr-mb-3w{{#ERR_DOCUMENT}} fr-upload-group--error{{/ERR_DOCUMENT}}">
    <label class="fr-label" for="reg-document">Justificatif *<span class="fr-hint-text">PDF, PNG ou JPEG, 5 Mio au plus.</span></label>
    <input class="fr-upload" type="file" id="reg-document" name="document" required accept=".pdf,.png,.jpg,.jpeg" data-max-bytes="5242880" data-label="Justificatif">
    {{#ERR_DOCUMENT}}<p class="fr-error-text" id="reg-document-error">{{ERR_MESSAGE}}</p>{{/ERR_DOCUMENT}}
  </div>
  <button class="fr-btn" type="submit">Déclarer l'inscription</button>
</form><!--/cp-if-{{MARK}}:edit_records-->{{/FORM}}
<p class="fr-mt-3w"><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/etablissements/{{FINESS}}">Retour à l'établissement</a></p>
<script src="/static/app/upload.js"></script>
