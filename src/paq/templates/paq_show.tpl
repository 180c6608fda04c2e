{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w" data-testid="paq-action-title">{{TITLE}}</h1>
<ul class="fr-badges-group fr-mb-2w">
  <li><p class="fr-badge fr-badge--{{STATUS_BADGE}} fr-badge--no-icon" data-testid="paq-status">{{STATUS}}</p></li>
  <li><p class="fr-badge fr-badge--{{PRIORITY_BADGE}} fr-badge--no-icon">Priorité {{PRIORITY}}</p></li>
  {{#OVERDUE}}<li><p class="fr-badge fr-badge--error" data-testid="paq-overdue">En retard</p></li>{{/OVERDUE}}
  {{#CYBER}}<li><p class="fr-badge fr-badge--purple-glycine">Cyber</p></li>{{/CYBER}}
</ul>
{{#WITHDRAWN}}<div class="fr-alert fr-alert--info fr-mb-3w" data-testid="paq-withdrawn">
  <h2 class="fr-alert__title">Action retirée</h2>
  <p>Retirée le {{WITHDRAWN_AT}} par {{WITHDRAWN_BY}}. Motif du retrait : {{REASON}}. Elle ne compte plus et ne peut plus être modifiée.</p>
</div>{{/WITHDRAWN}}
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="paq-errors"><h2 class="fr-alert__title">La modification n'a pas été enregistrée</h2><ul>{{#ERROR}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul></div>{{/HAS_ERRORS}}
<div class="fr-table fr-table--no-caption">
  <table>
    <caption>Fiche de l'action</caption>
    <tbody>
      <tr><th scope="row">Description</th><td>{{DESCRIPTION_TEXT}}</td></tr>
      <tr><th scope="row">Origine</th><td data-testid="paq-source">{{SOURCE}}{{#SOURCE_LINK}} (<a href="{{URL}}" data-testid="paq-source-link">{{SOURCE_REF}}</a>){{/SOURCE_LINK}}{{#SOURCE_TEXT}} ({{SOURCE_REF}}){{/SOURCE_TEXT}}</td></tr>
      <tr><th scope="row">Pilote</th><td>{{OWNER}}</td></tr>
      <tr><th scope="row">Échéance</th><td>{{DUE:x-num}}</td></tr>
      <tr><th scope="row">Avancement</th><td data-testid="paq-progress">{{PROGRESS}} %</td></tr>
      <tr><th scope="row">Créée le</th><td>{{CREATED}} par {{CREATED_BY}}</td></tr>
      <tr><th scope="row">Mise à jour le</th><td>{{UPDATED:x-num}}</td></tr>
    </tbody>
  </table>
</div>
<p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="{{BASE}}">Retour au PAQ</a> <a class="fr-link fr-ml-2w" href="{{BASE}}/tableau">Vue tableau</a></p>
<h2 class="fr-h4 fr-mt-4w">Notes de suivi</h2>
{{#NO_NOTE}}<p>Aucune note pour l'instant.</p>{{/NO_NOTE}}
<ul data-testid="paq-notes">{{#NOTE}}<li class="fr-mb-1w"><p class="fr-mb-0">{{TEXT}}</p><p class="fr-hint-text">{{AT}} — {{BY}}</p></li>{{/NOTE}}</ul>
{{#EDIT}}<form method="post" action="{{BASE}}/{{ID}}/notes" class="fr-mb-4w" data-testid="paq-note-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group{{#ERR_note}} fr-input-group--error{{/ERR_note}}">
    <label class="fr-label" for="note">Ajouter une note</label>
    <textarea class="fr-input" id="note" name="note" rows="3" maxlength="5000">{{F_NOTE:pre_escape}}</textarea>
    {{#ERR_note}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_note}}
  </div>
  <button class="fr-btn fr-btn--secondary" type="submit">Ajouter la note</button>
</form>
<h2 class="fr-h4">Modifier l'action</h2>
<p class="fr-hint-text">Passer une action au statut « Terminée » porte son avancement à 100 %.</p>
<form method="post" action="{{BASE}}/{{ID}}" data-testid="paq-edit-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group{{#ERR_title}} fr-input-group--error{{/ERR_title}}">
    <label class="fr-label" for="title">Titre *</label>
    <input class="fr-input" type="text" id="title" name="title" value="{{F_TITLE}}" required maxlength="300"{{#ERR_title}} aria-describedby="title-error"{{/ERR_title}}>
    {{#ERR_title}}<p id="title-error" class="fr-error-text">{{MSG}}</p>{{/ERR_title}}
  </div>
  <div class="fr-input-group{{#ERR_description}} fr-input-group--error{{/ERR_description}}">
    <label class="fr-label" for="description">Description</label>
    <textarea class="fr-input" id="description" name="description" rows="4">{{F_DESCRIPTION:pre_escape}}</textarea>
    {{#ERR_description}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_description}}
  </div>
  <div class="fr-input-group{{#ERR_owner}} fr-input-group--error{{/ERR_owner}}">
    <label class="fr-label" for="owner">Pilote</label>
    <input class="fr-input" type="text" id="owner" name="owner" value="{{F_OWNER}}" maxlength="200">
    {{#ERR_owner}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_owner}}
  </div>
  <div class="fr-input-group{{#ERR_due}} fr-input-group--error{{/ERR_due}}">
    <label class="fr-label" for="due">Échéance</label>
    <input class="fr-input" type="date" id="due" name="due" value="{{F_DUE}}">
    {{#ERR_due}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_due}}
  </div>
  <div class="fr-select-group{{#ERR_priority}} fr-select-group--error{{/ERR_priority}}">
    <label class="fr-label" for="priority">Priorité</label>
    <select class="fr-select" id="priority" name="priority">{{#PRIORITY_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/PRIORITY_OPT}}</select>
    {{#ERR_priority}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_priority}}
  </div>
  <div class="fr-select-group{{#ERR_status}} fr-select-group--error{{/ERR_status}}">
    <label class="fr-label" for="status">Statut</label>
    <select class="fr-select" id="status" name="status" data-testid="paq-status-select">{{#STATUS_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_OPT}}</select>
    {{#ERR_status}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_status}}
  </div>
  <div class="fr-input-group{{#ERR_progress}} fr-input-group--error{{/ERR_progress}}">
    <label class="fr-label" for="progress">Avancement (%)</label>
    <input class="fr-input" type="number" id="progress" name="progress" value="{{F_PROGRESS}}" min="0" max="100" step="1" data-testid="paq-progress-input">
    {{#ERR_progress}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_progress}}
  </div>
  <div class="fr-checkbox-group fr-mb-3w">
    <input type="checkbox" id="cyber" name="cyber"{{#CYBER_CHECKED}} checked{{/CYBER_CHECKED}}>
    <label class="fr-label" for="cyber">Action de cybersécurité</label>
  </div>
  <button class="fr-btn" type="submit" data-testid="paq-save">Enregistrer</button>
</form>
<!--cp-if-{{MARK}}:second_factor--><p class="fr-mt-4w"><a class="fr-btn fr-btn--tertiary fr-btn--sm" href="{{BASE}}/{{ID}}/retirer" data-testid="paq-withdraw">Retirer l'action</a></p><!--/cp-if-{{MARK}}:second_factor-->{{/EDIT}}
