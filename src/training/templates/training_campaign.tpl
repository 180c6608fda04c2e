{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Nouvelle campagne de sensibilisation — {{NAME}}</h1>
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="campaign-errors"><h2 class="fr-alert__title">La campagne n'a pas été enregistrée</h2><ul>{{#ERROR}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul></div>{{/HAS_ERRORS}}
<p class="fr-hint-text">Les champs marqués d'un astérisque (*) sont obligatoires. Les résultats d'hameçonnage ne concernent que les simulations d'hameçonnage ; laissez-les vides pour les autres types.</p>
<form method="post" action="{{BASE}}/campagnes" data-testid="campaign-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group{{#ERR_date}} fr-input-group--error{{/ERR_date}}">
    <label class="fr-label" for="date">Date *</label>
    <input class="fr-input" type="date" id="date" name="date" value="{{V_DATE}}" required data-testid="campaign-date">
    {{#ERR_date}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_date}}
  </div>
  <div class="fr-input-group{{#ERR_title}} fr-input-group--error{{/ERR_title}}">
    <label class="fr-label" for="title">Titre *</label>
    <input class="fr-input" type="text" id="title" name="title" value="{{V_TITLE}}" required maxlength="300" data-testid="campaign-title">
    {{#ERR_title}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_title}}
  </div>
  <div class="fr-select-group{{#ERR_kind}} fr-select-group--error{{/ERR_kind}}">
    <label class="fr-label" for="kind">Type *</label>
    <select class="fr-select" id="kind" name="kind" data-testid="campaign-kind">{{#KIND_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/KIND_OPT}}</select>
    {{#ERR_kind}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_kind}}
  </div>
  <div class="fr-input-group{{#ERR_audience}} fr-input-group--error{{/ERR_audience}}">
    <label class="fr-label" for="audience">Public visé <span class="fr-hint-text">catégories de personnel ou description</span></label>
    <input class="fr-input" type="text" id="audience" name="audience" value="{{V_AUDIENCE}}" maxlength="300">
    {{#ERR_audience}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_audience}}
  </div>
  <div class="fr-input-group{{#ERR_targeted}} fr-input-group--error{{/ERR_targeted}}">
    <label class="fr-label" for="targeted">Personnes ciblées</label>
    <input class="fr-input" type="text" inputmode="numeric" id="targeted" name="targeted" value="{{V_TARGETED}}">
    {{#ERR_targeted}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_targeted}}
  </div>
  <div class="fr-input-group{{#ERR_participants}} fr-input-group--error{{/ERR_participants}}">
    <label class="fr-label" for="participants">Participants</label>
    <input class="fr-input" type="text" inputmode="numeric" id="participants" name="participants" value="{{V_PARTICIPANTS}}">
    {{#ERR_participants}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_participants}}
  </div>
  <fieldset class="fr-fieldset">
    <legend class="fr-fieldset__legend">Résultats d'une simulation d'hameçonnage</legend>
    <div class="fr-input-group{{#ERR_emails_sent}} fr-input-group--error{{/ERR_emails_sent}}">
      <label class="fr-label" for="emails_sent">Courriels envoyés</label>
      <input class="fr-input" type="text" inputmode="numeric" id="emails_sent" name="emails_sent" value="{{V_EMAILS_SENT}}" data-testid="campaign-sent">
      {{#ERR_emails_sent}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_emails_sent}}
    </div>
    <div class="fr-input-group{{#ERR_clicks}} fr-input-group--error{{/ERR_clicks}}">
      <label class="fr-label" for="clicks">Clics sur le lien</label>
      <input class="fr-input" type="text" inputmode="numeric" id="clicks" name="clicks" value="{{V_CLICKS}}" data-testid="campaign-clicks">
      {{#ERR_clicks}}<p class="fr-error-text" data-testid="campaign-clicks-error">{{MSG}}</p>{{/ERR_clicks}}
    </div>
    <div class="fr-input-group{{#ERR_credentials}} fr-input-group--error{{/ERR_credentials}}">
      <label class="fr-label" for="credentials">Identifiants saisis</label>
      <input class="fr-input" type="text" inputmode="numeric" id="credentials" name="credentials" value="{{V_CREDENTIALS}}">
      {{#ERR_credentials}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_credentials}}
    </div>
    <div class="fr-input-group{{#ERR_reports}} fr-input-group--error{{/ERR_reports}}">
      <label class="fr-label" for="reports">Signalements</label>
      <input class="fr-input" type="text" inputmode="numeric" id="reports" name="reports" value="{{V_REPORTS}}">
      {{#ERR_reports}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_reports}}
    </div>
  </fieldset>
  <ul class="fr-btns-group fr-btns-group--inline-md">
    <li><button class="fr-btn" type="submit" data-testid="campaign-submit">Enregistrer la campagne</button></li>
    <li><a class="fr-btn fr-btn--secondary" href="{{BASE}}">Annuler</a></li>
  </ul>
</form>
