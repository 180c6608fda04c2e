{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Nouvelle action du PAQ — {{NAME}}</h1>
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="paq-errors"><h2 class="fr-alert__title">L'action n'a pas été enregistrée</h2><ul>{{#ERROR}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul></div>{{/HAS_ERRORS}}
<p class="fr-hint-text">Les champs marqués d'un astérisque (*) sont obligatoires. Une action est créée « À faire ».</p>
<form method="post" action="{{BASE}}" data-testid="paq-new-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group{{#ERR_title}} fr-input-group--error{{/ERR_title}}">
    <label class="fr-label" for="title">Titre *</label>
    <input class="fr-input" type="text" id="title" name="title" value="{{TITLE}}" required maxlength="300" data-testid="paq-title"{{#ERR_title}} aria-describedby="title-error"{{/ERR_title}}>
    {{#ERR_title}}<p id="title-error" class="fr-error-text">{{MSG}}</p>{{/ERR_title}}
  </div>
  <div class="fr-input-group{{#ERR_description}} fr-input-group--error{{/ERR_description}}">
    <label class="fr-label" for="description">Description</label>
    <textarea class="fr-input" id="description" name="description" rows="4">{{DESCRIPTION:pre_escape}}</textarea>
    {{#ERR_description}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_description}}
  </div>
  <div class="fr-select-group{{#ERR_source}} fr-select-group--error{{/ERR_source}}">
    <label class="fr-label" for="source">Origine</label>
    <select class="fr-select" id="source" name="source">{{#SOURCE_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SOURCE_OPT}}</select>
    {{#ERR_source}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_source}}
  </div>
  <div class="fr-input-group{{#ERR_source_ref}} fr-input-group--error{{/ERR_source_ref}}">
    <label class="fr-label" for="source_ref">Référence de l'origine <span class="fr-hint-text">par exemple le numéro de l'incident ou de l'exercice</span></label>
    <input class="fr-input" type="text" id="source_ref" name="source_ref" value="{{SOURCE_REF}}" maxlength="300">
    {{#ERR_source_ref}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_source_ref}}
  </div>
  <div class="fr-input-group{{#ERR_owner}} fr-input-group--error{{/ERR_owner}}">
    <label class="fr-label" for="owner">Pilote <span class="fr-hint-text">une personne ou une fonction</span></label>
    <input class="fr-input" type="text" id="owner" name="owner" value="{{OWNER}}" maxlength="200" data-testid="paq-owner">
    {{#ERR_owner}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_owner}}
  </div>
  <div class="fr-input-group{{#ERR_due}} fr-input-group--error{{/ERR_due}}">
    <label class="fr-label" for="due">Échéance</label>
    <input class="fr-input" type="date" id="due" name="due" value="{{DUE}}" data-testid="paq-due">
    {{#ERR_due}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_due}}
  </div>
  <div class="fr-select-group{{#ERR_priority}} fr-select-group--error{{/ERR_priority}}">
    <label class="fr-label" for="priority">Priorité</label>
    <select class="fr-select" id="priority" name="priority">{{#PRIORITY_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/PRIORITY_OPT}}</select>
    {{#ERR_priority}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_priority}}
  </div>
  <div class="fr-checkbox-group fr-mb-3w">
    <input type="checkbox" id="cyber" name="cyber"{{#CYBER_CHECKED}} checked{{/CYBER_CHECKED}}>
    <label class="fr-label" for="cyber">Action de cybersécurité</label>
  </div>
  <ul class="fr-btns-group fr-btns-group--inline-md">
    <li><button class="fr-btn" type="submit" data-testid="paq-submit">Créer l'action</button></li>
    <li><a class="fr-btn fr-btn--secondary" href="{{BASE}}">Annuler</a></li>
  </ul>
</form>
