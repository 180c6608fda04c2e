{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Preuves — {{NAME}}</h1>
<p class="fr-text--lead">Les faits enregistrés ici (exercices, audits, plans, BIA, déclarations…) alimentent le calcul de <a href="/etablissements/{{FINESS}}/conformite">la conformité</a>.</p>
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="evidence-errors">
  <h2 class="fr-alert__title">La preuve n'a pas été enregistrée</h2>
  <ul>{{#ERROR}}<li data-field="{{FIELD}}">{{MESSAGE}}</li>{{/ERROR}}</ul>
</div>{{/HAS_ERRORS}}
<h2 class="fr-h4" id="preuves-enregistrees">Preuves enregistrées</h2>
{{#NO_RECORD}}<p>Aucune preuve enregistrée pour cet établissement.</p>{{/NO_RECORD}}
{{#HAS_RECORDS}}<div class="fr-table fr-table--no-caption">
  <table data-testid="evidence-table" aria-labelledby="preuves-enregistrees">
    <thead><tr><th scope="col">N°</th><th scope="col">Type</th><th scope="col">Date</th><th scope="col">Détails</th><th scope="col">Saisie par</th><th scope="col">Action</th></tr></thead>
    <tbody>
      {{#RECORD}}<tr>
        <td><a href="/etablissements/{{FINESS}}/preuves/{{ID}}" title="Preuve n° {{ID}} et ses documents">{{ID}}</a></td><td>{{TYPE}}</td><td>{{DATE}}</td><td>{{DETAILS}}</td><td>{{CREATED_BY}}</td>
        <td>{{#SOURCE}}<a class="fr-link fr-text--sm" href="{{URL}}" data-testid="source-{{ID}}">Voir {{LABEL}}<span class="fr-sr-only"> (preuve n° {{ID}} modifiable seulement depuis sa page d'origine)</span></a>{{/SOURCE}}{{#CAN_WITHDRAW}}<!--cp-if-{{MARK}}:second_factor--><a class="fr-btn fr-btn--tertiary fr-btn--sm" href="/etablissements/{{FINESS}}/preuves/{{ID}}/retirer" data-testid="withdraw-{{ID}}">Retirer<span class="fr-sr-only"> la preuve n° {{ID}}</span></a><!--/cp-if-{{MARK}}:second_factor-->{{/CAN_WITHDRAW}}</td>
      </tr>{{/RECORD}}
    </tbody>
  </table>
</div>{{/HAS_RECORDS}}
{{#WITHDRAWN}}<h2 class="fr-h4 fr-mt-4w" id="preuves-retirees">Preuves retirées</h2>
<p class="fr-hint-text">Une preuve n'est jamais supprimée : retirée avec un motif, elle ne compte plus pour la conformité et reste ici, ainsi que dans le journal.</p>
<div class="fr-table fr-table--no-caption">
  <table data-testid="withdrawn-table" aria-labelledby="preuves-retirees">
    <thead><tr><th scope="col">N°</th><th scope="col">Type</th><th scope="col">Date</th><th scope="col">Détails</th><th scope="col">Saisie par</th><th scope="col">Retirée le</th><th scope="col">Retirée par</th><th scope="col">Motif du retrait</th></tr></thead>
    <tbody>
      {{#GONE}}<tr>
        <td><a href="/etablissements/{{FINESS}}/preuves/{{ID}}">{{ID}}</a></td><td>{{TYPE}}</td><td>{{DATE}}</td><td>{{DETAILS}}</td><td>{{CREATED_BY}}</td><td>{{WITHDRAWN_AT}}</td><td>{{WITHDRAWN_BY}}</td><td>{{REASON}}</td>
      </tr>{{/GONE}}
    </tbody>
  </table>
</div>{{/WITHDRAWN}}
{{#FORMS}}<h2 class="fr-h4 fr-mt-4w">Ajouter une preuve</h2>
<p class="fr-hint-text">Les champs marqués d'un astérisque (*) sont obligatoires. La date ne peut pas être postérieure à aujourd'hui ({{TODAY_FR}}).</p>
<div class="cp-evidence-forms">
{{#TYPE_FORM}}<section class="fr-accordion fr-mb-2w" id="form-{{TYPE}}">
  <h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="{{EXPANDED}}" aria-controls="acc-form-{{TYPE}}">{{LABEL}}</button></h3>
  <div class="{{COLLAPSE}}" id="acc-form-{{TYPE}}">
  <div class="fr-pl-2w">
    <form method="post" action="/etablissements/{{FINESS}}/preuves" data-type="{{TYPE}}">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <input type="hidden" name="type" value="{{TYPE}}">
      <div class="fr-input-group">
        <label class="fr-label" for="{{TYPE}}-date">Date *</label>
        <input class="fr-input" type="date" id="{{TYPE}}-date" name="date" value="{{DATE}}" max="{{TODAY}}" required>
      </div>
      {{#FIELD}}{{#F_DATE}}<div class="fr-input-group">
        <label class="fr-label" for="{{TYPE}}-{{NAME}}">{{LABEL}}{{#REQUIRED}} *{{/REQUIRED}}</label>
        <input class="fr-input" type="date" id="{{TYPE}}-{{NAME}}" name="{{NAME}}" value="{{VALUE}}"{{#REQUIRED}} required{{/REQUIRED}}>
      </div>{{/F_DATE}}{{#F_BOOL}}<div class="fr-checkbox-group fr-mb-2w">
        <input type="checkbox" id="{{TYPE}}-{{NAME}}" name="{{NAME}}"{{#CHECKED}} checked{{/CHECKED}}>
        <label class="fr-label" for="{{TYPE}}-{{NAME}}">{{LABEL}}</label>
      </div>{{/F_BOOL}}{{#F_NUMBER}}<div class="fr-input-group">
        <label class="fr-label" for="{{TYPE}}-{{NAME}}">{{LABEL}}{{#REQUIRED}} *{{/REQUIRED}}</label>
        <input class="fr-input" type="number" id="{{TYPE}}-{{NAME}}" name="{{NAME}}" value="{{VALUE}}" step="{{STEP}}"{{#NON_NEGATIVE}} min="0"{{/NON_NEGATIVE}}{{#REQUIRED}} required{{/REQUIRED}}>
      </div>{{/F_NUMBER}}{{#F_TEXT}}<div class="fr-input-group">
        <label class="fr-label" for="{{TYPE}}-{{NAME}}">{{LABEL}}{{#REQUIRED}} *{{/REQUIRED}}</label>
        <input class="fr-input" type="text" id="{{TYPE}}-{{NAME}}" name="{{NAME}}" value="{{VALUE}}"{{#REQUIRED}} required{{/REQUIRED}}>
      </div>{{/F_TEXT}}{{#F_SELECT}}<div class="fr-select-group">
        <label class="fr-label" for="{{TYPE}}-{{NAME}}">{{LABEL}}{{#REQUIRED}} *{{/REQUIRED}}</label>
        <select class="fr-select" id="{{TYPE}}-{{NAME}}" name="{{NAME}}"{{#REQUIRED}} required{{/REQUIRED}}>
          <option value="">— choisir —</option>
          {{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OPTION}}
        </select>
      </div>{{/F_SELECT}}{{/FIELD}}
      <button class="fr-btn" type="submit">Enregistrer</button>
    </form>
  </div>
  </div>
</section>{{/TYPE_FORM}}
</div>{{/FORMS}}
