{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Retirer la preuve n° {{ID}} : {{TYPE}} du {{DATE}}</h1>
<p class="fr-text--lead">{{NAME}} (FINESS {{FINESS}})</p>
<dl class="fr-mb-3w" data-testid="withdraw-object">
  <dt class="fr-text--bold">Preuve</dt><dd>n° {{ID}} — {{TYPE}} du {{DATE}}</dd>
  <dt class="fr-text--bold">Détails</dt><dd>{{DETAILS}}</dd>
  <dt class="fr-text--bold">Saisie par</dt><dd>{{CREATED_BY}}, le {{CREATED_AT}}</dd>
</dl>
{{#ALREADY}}<div class="fr-alert fr-alert--info fr-mb-3w" data-testid="withdraw-already">
  <h2 class="fr-alert__title">Cette preuve a déjà été retirée</h2>
  <p>Retirée le {{WITHDRAWN_AT}} par {{WITHDRAWN_BY}}. Motif du retrait : {{REASON}}</p>
</div>{{/ALREADY}}
{{#DERIVED}}<div class="fr-alert fr-alert--info fr-mb-3w" data-testid="withdraw-derived">
  <h2 class="fr-alert__title">Preuve produite par un module</h2>
  <p>Cette preuve vient <a href="{{URL}}">{{LABEL_OF}}</a> : elle ne se modifie et ne se retire que depuis cette page, pour que toutes les pages disent la même chose.</p>
</div>{{/DERIVED}}
{{#NO_SECOND_FACTOR}}<div class="fr-alert fr-alert--warning fr-mb-3w" role="alert" data-testid="withdraw-second-factor">
  <h2 class="fr-alert__title">Double authentification nécessaire</h2>
  <p>Le retrait d'une preuve demande la double authentification. Activez-la dans <a href="/compte">Mon compte</a>, puis reconnectez-vous.</p>
</div>{{/NO_SECOND_FACTOR}}
{{#FORM}}<div class="fr-alert fr-alert--warning fr-mb-3w">
  <p>Une preuve n'est jamais supprimée. Retirée, elle ne compte plus pour la conformité de l'établissement ; elle reste visible dans l'historique des preuves et dans le journal, avec le motif indiqué.</p>
</div>
<form method="post" action="/etablissements/{{FINESS}}/preuves/{{ID}}/retirer" data-testid="withdraw-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group{{#INVALID}} fr-input-group--error{{/INVALID}}">
    <label class="fr-label" for="motif">Motif du retrait *
      <span class="fr-hint-text">Par exemple : document remplacé, saisie erronée, exercice annulé.</span></label>
    <textarea class="fr-input{{#INVALID}} fr-input--error{{/INVALID}}" id="motif" name="motif" rows="3" maxlength="{{MAX}}" required{{#INVALID}} aria-describedby="motif-erreur"{{/INVALID}}>{{REASON:pre_escape}}</textarea>
    {{#INVALID}}<p class="fr-error-text" id="motif-erreur" data-field="reason">{{ERROR_MESSAGE}}</p>{{/INVALID}}
  </div>
  <ul class="fr-btns-group fr-btns-group--inline-md">
    <li><button class="fr-btn" type="submit">Confirmer le retrait</button></li>
    <li><a class="fr-btn fr-btn--secondary" href="/etablissements/{{FINESS}}/preuves">Annuler</a></li>
  </ul>
</form>{{/FORM}}
{{#BACK}}<p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/etablissements/{{FINESS}}/preuves">Retour aux preuves</a></p>{{/BACK}}
