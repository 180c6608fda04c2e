{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">{{HEADING}}</h1>
<p class="fr-text--lead">{{NAME}} (FINESS {{FINESS}})</p>
<dl class="fr-mb-3w" data-testid="withdraw-object">
  {{#FACT}}<dt class="fr-text--bold">{{LABEL}}</dt><dd>{{VALUE}}</dd>
  {{/FACT}}
</dl>
{{#NOTHING}}<div class="fr-alert fr-alert--info fr-mb-3w" data-testid="withdraw-nothing"><p>{{MESSAGE}}</p></div>{{/NOTHING}}
{{#ALREADY}}<div class="fr-alert fr-alert--info fr-mb-3w" data-testid="withdraw-already">
  <h2 class="fr-alert__title">{{ALREADY_TITLE}}</h2>
  <p>Retrait le {{WITHDRAWN_AT}} par {{WITHDRAWN_BY}}. Motif du retrait : {{REASON}}</p>
</div>{{/ALREADY}}
{{#NO_SECOND_FACTOR}}<div class="fr-alert fr-alert--warning fr-mb-3w" role="alert" data-testid="withdraw-second-factor">
  <h2 class="fr-alert__title">Double authentification nécessaire</h2>
  <p>{{ACT}} demande la double authentification. Activez-la dans <a href="/compte">Mon compte</a>, puis reconnectez-vous.</p>
</div>{{/NO_SECOND_FACTOR}}
{{#FORM}}<div class="fr-alert fr-alert--warning fr-mb-3w">
  <p>{{CONSEQUENCE}} {{KEPT}}</p>
</div>
<form method="post" action="{{ACTION_URL}}" data-testid="withdraw-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group{{#INVALID}} fr-input-group--error{{/INVALID}}">
    <label class="fr-label" for="motif">Motif du retrait *
      <span class="fr-hint-text">{{EXAMPLES}}</span></label>
    <textarea class="fr-input{{#INVALID}} fr-input--error{{/INVALID}}" id="motif" name="motif" rows="3" maxlength="{{MAX}}" required{{#INVALID}} aria-describedby="motif-erreur"{{/INVALID}}>{{REASON:pre_escape}}</textarea>
    {{#INVALID}}<p class="fr-error-text" id="motif-erreur" data-field="reason">{{ERROR_MESSAGE}}</p>{{/INVALID}}
  </div>
  <ul class="fr-btns-group fr-btns-group--inline-md">
    <li><button class="fr-btn" type="submit">Confirmer le retrait</button></li>
    <li><a class="fr-btn fr-btn--secondary" href="{{BACK_URL}}">Annuler</a></li>
  </ul>
</form>{{/FORM}}
{{#BACK}}<p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="{{BACK_URL}}">{{BACK_LABEL}}</a></p>{{/BACK}}
