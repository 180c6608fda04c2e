{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w" data-testid="stage-heading">{{TITLE}}</h1>
<p>Incident : <a class="fr-link" href="/etablissements/{{FINESS}}/incidents/{{ID}}">{{INCIDENT}}</a></p>
<p class="fr-badge fr-badge--{{BADGE}}" data-testid="stage-state" data-state="{{STATE_ID}}">{{STATE}}</p>
{{#FROZEN}}<div class="fr-callout fr-mt-2w" data-testid="stage-frozen"><p class="fr-callout__text">Cette étape a été transmise au CERT Santé le {{SUBMITTED}} (référence du portail {{REFERENCE}}). Elle est figée et ne peut plus être modifiée ; empreinte SHA-256 du contenu transmis : {{DIGEST}}.</p></div>{{/FROZEN}}
{{#EXPORTS}}<p data-testid="stage-exports"><a class="fr-link fr-icon-download-line fr-link--icon-left" href="/etablissements/{{FINESS}}/incidents/{{ID}}/declaration/{{STAGE}}/pdf" data-testid="stage-pdf">Document PDF de cette étape</a> <a class="fr-link fr-ml-2w" href="/etablissements/{{FINESS}}/incidents/{{ID}}/declaration/{{STAGE}}/json" data-testid="stage-json">Export JSON selon le formulaire (à coller ou joindre)</a>{{#DRAFT_EXPORT}} <span class="fr-hint-text">Brouillon : le contenu enregistré, pas encore transmis.</span>{{/DRAFT_EXPORT}}</p>{{/EXPORTS}}
{{#NOT_STARTED}}<p data-testid="stage-not-started">Cette étape n'est pas encore rédigée.{{#PREFILLED}} Les rubriques sont pré-remplies à partir du registre de l'incident{{#FROM_STAGE}} et de la {{SINCE}} transmise{{/FROM_STAGE}} : vérifiez-les et complétez-les, puis enregistrez le brouillon.{{/PREFILLED}}</p>{{/NOT_STARTED}}
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="stage-errors">
  <h2 class="fr-alert__title">{{ERRORS_TITLE}}</h2>
  <ul>{{#ERROR}}<li data-field="{{FIELD}}">{{MESSAGE}}</li>{{/ERROR}}</ul>
</div>{{/HAS_ERRORS}}
{{#DIFFERENCES}}<h2 class="fr-h4 fr-mt-4w" data-testid="stage-differences-heading">Changements depuis la {{SINCE}}</h2>
<p class="fr-text--sm">Rubriques du formulaire officiel dont le contenu diffère de la {{SINCE}} transmise le {{SINCE_AT}}.</p>
{{#NO_CHANGE}}<p data-testid="stage-no-change">Aucune rubrique n'a changé depuis la {{SINCE}}.</p>{{/NO_CHANGE}}
{{#HAS_CHANGES}}<div class="fr-table fr-table--no-caption"><table data-testid="stage-differences" data-since="{{SINCE_STAGE}}">
  <caption>Changements depuis la {{SINCE}}</caption>
  <thead><tr><th scope="col">Rubrique</th><th scope="col">Changement</th><th scope="col">Avant</th><th scope="col">Après</th></tr></thead>
  <tbody>{{#CHANGE}}<tr data-testid="stage-difference" data-field="{{FIELD}}" data-change="{{KIND}}"><th scope="row">{{LABEL}}</th><td>{{KIND_LABEL}}</td><td>{{BEFORE}}</td><td>{{AFTER}}</td></tr>{{/CHANGE}}</tbody>
</table></div>{{/HAS_CHANGES}}{{/DIFFERENCES}}
{{#EDIT}}<form method="post" action="/etablissements/{{FINESS}}/incidents/{{ID}}/declaration/{{STAGE}}" data-testid="stage-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <p class="fr-hint-text">Les rubriques marquées d'un astérisque (*) sont requises pour transmettre cette étape ; le brouillon s'enregistre sans elles.</p>{{/EDIT}}
  {{#SECTION}}<fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">{{LABEL}}</legend>
    {{#SHOW}}<div class="fr-fieldset__element"><p class="fr-mb-1w"><strong>{{LABEL}}</strong> : {{VALUE}}</p></div>{{/SHOW}}
    {{#FIELD}}<div class="fr-fieldset__element"><div class="fr-input-group{{#INVALID}} fr-input-group--error{{/INVALID}}"><label class="fr-label" for="st-{{NAME}}">{{LABEL}}</label>
      {{#DATE}}<input class="fr-input{{#INVALID}} fr-input--error{{/INVALID}}" type="date" id="st-{{NAME}}" name="{{NAME}}" value="{{VALUE}}" data-testid="stage-{{NAME}}"{{#INVALID}} aria-describedby="st-{{NAME}}-error"{{/INVALID}}>{{/DATE}}
      {{#TEXT}}<textarea class="fr-input{{#INVALID}} fr-input--error{{/INVALID}}" id="st-{{NAME}}" name="{{NAME}}" rows="2" maxlength="4000" data-testid="stage-{{NAME}}"{{#INVALID}} aria-describedby="st-{{NAME}}-error"{{/INVALID}}>{{VALUE:pre_escape}}</textarea>{{/TEXT}}
      {{#INVALID}}<p class="fr-error-text" id="st-{{NAME}}-error" data-testid="stage-error-{{NAME}}">{{ERROR}}</p>{{/INVALID}}</div></div>{{/FIELD}}
  </fieldset>{{/SECTION}}
{{#EDIT}}  <button class="fr-btn" type="submit" data-testid="stage-save">Enregistrer le brouillon</button>
</form>
{{#SUBMIT}}<h2 class="fr-h4 fr-mt-4w">Marquer l'étape comme transmise</h2>
<p>Une fois l'étape transmise sur le portail de signalement, indiquez la date et la référence données par le portail : l'étape est alors figée.</p>
<form method="post" action="/etablissements/{{FINESS}}/incidents/{{ID}}/declaration/{{STAGE}}/transmission" data-testid="stage-submit-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group{{#AT_INVALID}} fr-input-group--error{{/AT_INVALID}}"><label class="fr-label" for="st-at">Date et heure de la transmission * <span class="fr-hint-text">heure de Paris, telle qu'affichée par l'horloge</span></label>
    <input class="fr-input" type="datetime-local" id="st-at" name="submitted_local" value="{{F_AT}}" data-testid="stage-submitted-at">
    {{#AT_INVALID}}<p class="fr-error-text" data-testid="stage-error-submitted_at">{{ERROR}}</p>{{/AT_INVALID}}</div>
  <div class="fr-select-group"><label class="fr-label" for="st-season">Heure d'été ou d'hiver <span class="fr-hint-text">à préciser seulement pour une heure entre 2 h et 3 h la nuit du passage à l'heure d'hiver (fin octobre), qui a lieu deux fois</span></label>
    <select class="fr-select" id="st-season" name="submitted_season" data-testid="stage-season">{{#SEASON}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SEASON}}</select></div>
  <div class="fr-input-group{{#REF_INVALID}} fr-input-group--error{{/REF_INVALID}}"><label class="fr-label" for="st-ref">Référence du portail de signalement *</label>
    <input class="fr-input" type="text" id="st-ref" name="portal_reference" maxlength="200" value="{{F_REFERENCE}}" data-testid="stage-reference">
    {{#REF_INVALID}}<p class="fr-error-text" data-testid="stage-error-portal_reference">{{ERROR}}</p>{{/REF_INVALID}}</div>
  <button class="fr-btn fr-btn--secondary" type="submit" data-testid="stage-submit">Marquer comme transmise</button>
</form>{{/SUBMIT}}{{/EDIT}}
<p class="fr-mt-2w"><a class="fr-link" href="/etablissements/{{FINESS}}/incidents/{{ID}}">Retour à l'incident</a></p>
