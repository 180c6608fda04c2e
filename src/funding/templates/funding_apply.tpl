{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Candidater à un appel à financement</h1>
<p data-testid="funding-apply-candidate">Candidat : {{CANDIDATE}}.</p>
{{#EXISTING}}<div class="fr-alert fr-alert--info fr-mb-3w" data-testid="funding-existing"><h2 class="fr-alert__title">Candidature déjà déposée : {{CALL}}</h2><p>Une seule candidature par candidat et par appel : la vôtre a été déposée le {{ON}} (état : {{STATE}}). <a href="{{URL}}" data-testid="funding-existing-link">Ouvrir la candidature n° {{ID}}</a></p></div>{{/EXISTING}}
{{#OTHER_CALL}}<p><a class="fr-link" href="{{URL}}" data-testid="funding-other-call">Candidater à l'appel {{LABEL}}</a></p>{{/OTHER_CALL}}
{{#NO_OTHER_CALL}}<p data-testid="funding-no-other-call">Aucun autre appel ne reçoit de candidatures aujourd'hui.</p>{{/NO_OTHER_CALL}}
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="funding-errors"><h2 class="fr-alert__title">La candidature n'a pas été déposée</h2><ul>{{#ERROR}}<li>{{#TO}}<a href="#{{ID}}">{{/TO}}{{MESSAGE}}{{#TO}}</a>{{/TO}}</li>{{/ERROR}}</ul></div>{{/HAS_ERRORS}}
{{#NO_CALL}}<p data-testid="funding-no-call">Aucun appel ne reçoit de candidatures aujourd'hui.</p>{{/NO_CALL}}
{{#FORM}}<p class="fr-hint-text">Les champs marqués d'un astérisque (*) sont obligatoires.</p>
<form method="post" action="{{ACTION}}" data-testid="funding-apply-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-select-group{{#ERR_APPLY_CALL_ID}} fr-select-group--error{{/ERR_APPLY_CALL_ID}}">
    <label class="fr-label" for="call">Appel *</label>
    <select class="fr-select" id="call" name="call" data-testid="funding-call">{{#CALL_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CALL_OPT}}</select>
    {{#ERR_APPLY_CALL_ID}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_APPLY_CALL_ID}}
  </div>
  <fieldset class="fr-fieldset{{#ERR_APPLY_ESTABLISHMENTS}} fr-fieldset--error{{/ERR_APPLY_ESTABLISHMENTS}}{{#ERR_APPLY_AS_GHT}} fr-fieldset--error{{/ERR_APPLY_AS_GHT}}" id="establishments">
    <legend class="fr-fieldset__legend">Établissements couverts *{{#AS_GHT}} <span class="fr-hint-text">le GHT dépose une seule candidature pour tous ses établissements</span>{{/AS_GHT}}</legend>
    {{#EST}}<div class="fr-fieldset__element"><div class="fr-checkbox-group"><input type="checkbox" id="est-{{FINESS}}" name="est_{{FINESS}}" value="1"{{#CHECKED}} checked{{/CHECKED}}><label class="fr-label" for="est-{{FINESS}}">{{NAME}} ({{FINESS}})</label></div></div>{{/EST}}
    {{#SELF}}<div class="fr-fieldset__element"><p>{{NAME}} ({{FINESS}})</p></div>{{/SELF}}
    {{#ERR_APPLY_ESTABLISHMENTS}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_APPLY_ESTABLISHMENTS}}
    {{#ERR_APPLY_AS_GHT}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_APPLY_AS_GHT}}
  </fieldset>
  <div class="fr-input-group{{#ERR_APPLY_CONTACTS}} fr-input-group--error{{/ERR_APPLY_CONTACTS}}">
    <label class="fr-label" for="contacts">Contacts * <span class="fr-hint-text">un par ligne : nom, fonction et adresse électronique</span></label>
    <textarea class="fr-input{{#ERR_APPLY_CONTACTS}} fr-input--error{{/ERR_APPLY_CONTACTS}}" id="contacts" name="contacts" rows="3" data-testid="funding-contacts">{{V_CONTACTS:pre_escape}}</textarea>
    {{#ERR_APPLY_CONTACTS}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_APPLY_CONTACTS}}
  </div>
  <fieldset class="fr-fieldset{{#ERR_APPLY_PREREQUISITES}} fr-fieldset--error{{/ERR_APPLY_PREREQUISITES}}" id="prerequisites">
    <legend class="fr-fieldset__legend">Prérequis *</legend>
    {{#PREREQ}}<div class="fr-fieldset__element"><div class="fr-input-group{{#P_ERROR}} fr-input-group--error{{/P_ERROR}}">
      <label class="fr-label" for="prereq_{{FID}}">{{ID}} — {{LABEL}} <span class="fr-hint-text">votre justification : {{PIECES}}</span></label>
      <input class="fr-input{{#P_ERROR}} fr-input--error{{/P_ERROR}}" type="text" id="prereq_{{FID}}" name="prereq_{{FID}}" value="{{V}}" data-testid="funding-prereq-{{FID}}"{{#P_ERROR}} aria-describedby="prereq_{{FID}}-error"{{/P_ERROR}}>
      {{#P_MESSAGE}}<p class="fr-error-text" id="prereq_{{FID}}-error" data-testid="funding-prereq-error-{{FID}}">{{MSG}}</p>{{/P_MESSAGE}}
    </div></div>{{/PREREQ}}
    {{#ERR_APPLY_PREREQUISITES}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_APPLY_PREREQUISITES}}
  </fieldset>
  <div class="fr-input-group{{#ERR_APPLY_AMOUNT_REQUESTED}} fr-input-group--error{{/ERR_APPLY_AMOUNT_REQUESTED}}">
    <label class="fr-label" for="amount_requested">Montant demandé * <span class="fr-hint-text">en euros, par exemple 200 000 € ; plafond : {{CEILING}}</span></label>
    <input class="fr-input{{#ERR_APPLY_AMOUNT_REQUESTED}} fr-input--error{{/ERR_APPLY_AMOUNT_REQUESTED}}" type="text" id="amount_requested" name="amount_requested" value="{{V_AMOUNT}}" data-testid="funding-amount">
    {{#ERR_APPLY_AMOUNT_REQUESTED}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_APPLY_AMOUNT_REQUESTED}}
  </div>
  <ul class="fr-btns-group fr-btns-group--inline-md"><li><button class="fr-btn" type="submit" data-testid="funding-apply-submit">Déposer la candidature</button></li></ul>
</form>{{/FORM}}
