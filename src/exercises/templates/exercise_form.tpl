{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">{{HEADING}}</h1>
<p class="fr-hint-text">{{NAME}} — les champs marqués d'un astérisque (*) sont obligatoires.</p>
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="exercise-errors">
  <h2 class="fr-alert__title">L'exercice n'a pas été enregistré</h2>
  <ul>{{#ERROR}}<li data-field="{{FIELD}}">{{MESSAGE}}</li>{{/ERROR}}</ul>
</div>{{/HAS_ERRORS}}
<form method="post" action="{{ACTION}}" data-testid="exercise-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group{{#ERR_title}} fr-input-group--error{{/ERR_title}}">
    <label class="fr-label" for="ex-title">Intitulé *</label>
    <input class="fr-input" type="text" id="ex-title" name="title" value="{{TITLE}}" maxlength="200" required data-testid="exercise-title">
    {{#ERR_title}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_title}}
  </div>
  <div class="fr-input-group{{#ERR_date}} fr-input-group--error{{/ERR_date}}">
    <label class="fr-label" for="ex-date">Date de l'exercice *</label>
    <input class="fr-input" type="date" id="ex-date" name="date" value="{{DATE}}" required data-testid="exercise-date">
    {{#ERR_date}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_date}}
  </div>
  <div class="fr-select-group{{#ERR_scenario}} fr-select-group--error{{/ERR_scenario}}">
    <label class="fr-label" for="ex-scenario">Scénario *</label>
    <select class="fr-select" id="ex-scenario" name="scenario" required data-testid="exercise-scenario">
      {{#SCENARIO}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SCENARIO}}
    </select>
    {{#ERR_scenario}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_scenario}}
  </div>
  <dl class="fr-text--sm fr-mb-3w" data-testid="scenario-descriptions">{{#KIT}}<dt><strong>{{LABEL}}</strong></dt><dd>{{DESCRIPTION}} L'exercice commence avec {{INJECTS:x-plural=stimulus prévu/stimuli prévus}}, à adapter.</dd>{{/KIT}}</dl>
  <fieldset class="fr-fieldset{{#ERR_format}} fr-fieldset--error{{/ERR_format}}">
    <legend class="fr-fieldset__legend">Format *</legend>
    <div class="fr-fieldset__element"><div class="fr-radio-group">
      <input type="radio" id="ex-format-table" name="format" value="table_top"{{#TABLE_TOP}} checked{{/TABLE_TOP}}>
      <label class="fr-label" for="ex-format-table">Sur table</label>
    </div></div>
    <div class="fr-fieldset__element"><div class="fr-radio-group">
      <input type="radio" id="ex-format-live" name="format" value="live"{{#LIVE}} checked{{/LIVE}}>
      <label class="fr-label" for="ex-format-live">Simulation grandeur réelle</label>
    </div></div>
    {{#ERR_format}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_format}}
  </fieldset>
  <div class="fr-input-group{{#ERR_objectives}} fr-input-group--error{{/ERR_objectives}}">
    <label class="fr-label" for="ex-objectives">Objectifs</label>
    <textarea class="fr-input" id="ex-objectives" name="objectives" rows="4">{{OBJECTIVES:pre_escape}}</textarea>
    {{#ERR_objectives}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_objectives}}
  </div>
  <fieldset class="fr-fieldset">
    <legend class="fr-fieldset__legend">Participants par fonction</legend>
    {{#PARTICIPANT}}<div class="fr-fieldset__element">
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-3"><div class="fr-input-group{{#ERR}} fr-input-group--error{{/ERR}}">
          <label class="fr-label" for="p-{{FN}}-count">{{LABEL}} : nombre</label>
          <input class="fr-input" type="number" min="0" max="10000" id="p-{{FN}}-count" name="p_{{FN}}_count" value="{{COUNT}}">
          {{#ERR}}<p class="fr-error-text">{{MSG}}</p>{{/ERR}}
        </div></div>
        <div class="fr-col-12 fr-col-md-9"><div class="fr-input-group">
          <label class="fr-label" for="p-{{FN}}-names">{{LABEL}} : noms (facultatif)</label>
          <input class="fr-input" type="text" id="p-{{FN}}-names" name="p_{{FN}}_names" value="{{NAMES}}">
        </div></div>
      </div>
    </div>{{/PARTICIPANT}}
  </fieldset>
  <ul class="fr-btns-group fr-btns-group--inline">
    <li><button class="fr-btn" type="submit" data-testid="exercise-submit">Enregistrer</button></li>
    <li><a class="fr-btn fr-btn--secondary" href="{{CANCEL}}">Annuler</a></li>
  </ul>
</form>
