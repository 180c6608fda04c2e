{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">{{HEADING}}</h1>
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert"><h2 class="fr-alert__title">Le formulaire contient des erreurs</h2><ul>{{#ERROR}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul></div>{{/HAS_ERRORS}}
<form method="post" action="{{ACTION}}" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <fieldset class="fr-fieldset">
    <legend class="fr-fieldset__legend">Identification</legend>
    <div class="fr-fieldset__element"><div class="fr-input-group{{#ERR_name}} fr-input-group--error{{/ERR_name}}">
      <label class="fr-label" for="name">Nom de l'établissement</label>
      <input class="fr-input" type="text" id="name" name="name" value="{{NAME}}" required maxlength="300"{{#ERR_name}} aria-describedby="name-error"{{/ERR_name}}>
      {{#ERR_name}}<p id="name-error" class="fr-error-text">{{MSG}}</p>{{/ERR_name}}
    </div></div>
    <div class="fr-fieldset__element"><div class="fr-input-group{{#ERR_finess_et}} fr-input-group--error{{/ERR_finess_et}}">
      <label class="fr-label" for="finess_et">FINESS géographique (ET) <span class="fr-hint-text">9 caractères, clé de contrôle comprise</span></label>
      <input class="fr-input" type="text" id="finess_et" name="finess_et" value="{{FINESS_ET}}" required maxlength="9" inputmode="text" autocomplete="off"{{#ERR_finess_et}} aria-describedby="finess_et-error"{{/ERR_finess_et}}>
      {{#ERR_finess_et}}<p id="finess_et-error" class="fr-error-text">{{MSG}}</p>{{/ERR_finess_et}}
    </div></div>
    <div class="fr-fieldset__element"><div class="fr-input-group{{#ERR_finess_ej}} fr-input-group--error{{/ERR_finess_ej}}">
      <label class="fr-label" for="finess_ej">FINESS juridique (EJ)</label>
      <input class="fr-input" type="text" id="finess_ej" name="finess_ej" value="{{FINESS_EJ}}" required maxlength="9" autocomplete="off"{{#ERR_finess_ej}} aria-describedby="finess_ej-error"{{/ERR_finess_ej}}>
      {{#ERR_finess_ej}}<p id="finess_ej-error" class="fr-error-text">{{MSG}}</p>{{/ERR_finess_ej}}
    </div></div>
    <div class="fr-fieldset__element"><div class="fr-select-group{{#ERR_type}} fr-select-group--error{{/ERR_type}}">
      <label class="fr-label" for="type">Type</label>
      <select class="fr-select" id="type" name="type" required>
        <option value="">Choisir un type</option>
        {{#TYPE_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/TYPE_OPT}}
      </select>
      {{#ERR_type}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_type}}
    </div></div>
    <div class="fr-fieldset__element"><div class="fr-select-group{{#ERR_department}} fr-select-group--error{{/ERR_department}}">
      <label class="fr-label" for="department">Département</label>
      <select class="fr-select" id="department" name="department" required>
        <option value="">Choisir un département</option>
        {{#DEPT_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/DEPT_OPT}}
      </select>
      {{#ERR_department}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_department}}
    </div></div>
    <div class="fr-fieldset__element"><div class="fr-input-group">
      <label class="fr-label" for="city">Commune</label>
      <input class="fr-input" type="text" id="city" name="city" value="{{CITY}}" maxlength="200">
    </div></div>
    <div class="fr-fieldset__element"><div class="fr-select-group{{#ERR_ght_id}} fr-select-group--error{{/ERR_ght_id}}">
      <label class="fr-label" for="ght_id">GHT</label>
      <select class="fr-select" id="ght_id" name="ght_id">
        <option value="">Aucun</option>
        {{#GHT_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/GHT_OPT}}
      </select>
      {{#ERR_ght_id}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_ght_id}}
    </div></div>
  </fieldset>
  <fieldset class="fr-fieldset{{#ERR_services}} fr-fieldset--error{{/ERR_services}}" id="services" aria-labelledby="services-legend">
    <legend class="fr-fieldset__legend" id="services-legend">Services de l'établissement</legend>
    {{#SERVICE_OPT}}<div class="fr-fieldset__element fr-fieldset__element--inline"><div class="fr-checkbox-group">
      <input type="checkbox" id="svc-{{VALUE}}" name="services" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}>
      <label class="fr-label" for="svc-{{VALUE}}">{{LABEL}}</label>
    </div></div>{{/SERVICE_OPT}}
    {{#ERR_services}}<div class="fr-messages-group"><p class="fr-message fr-message--error">{{MSG}}</p></div>{{/ERR_services}}
  </fieldset>
  <ul class="fr-btns-group fr-btns-group--inline-md">
    <li><button class="fr-btn" type="submit">Enregistrer</button></li>
    <li><a class="fr-btn fr-btn--secondary" href="{{CANCEL}}">Annuler</a></li>
  </ul>
</form>
