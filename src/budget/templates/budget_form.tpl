{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Budget {{YEAR}} — {{NAME}}</h1>
{{#CURRENT}}<p data-testid="budget-current">Part déclarée consacrée au numérique et à la cybersécurité : <strong>{{SHARE}}</strong> {{#MEETS}}<span class="fr-badge fr-badge--success">seuil de 2 % atteint</span>{{/MEETS}}{{#BELOW}}<span class="fr-badge fr-badge--error">seuil de 2 % non atteint</span>{{/BELOW}}</p>{{/CURRENT}}
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="budget-errors"><h2 class="fr-alert__title">La déclaration n'a pas été enregistrée</h2><ul>{{#ERROR}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul></div>{{/HAS_ERRORS}}
{{#NOT_DECLARABLE}}<p data-testid="budget-not-declarable">Le budget {{YEAR}} se déclare une fois l'année commencée : l'année en cours est {{THIS_YEAR}}.</p>{{/NOT_DECLARABLE}}
{{#CAN_WRITE}}<!--cp-if-{{MARK}}:no_second_factor--><p class="fr-hint-text" data-testid="needs-second-factor">La déclaration du budget demande la double authentification : activez-la dans <a href="/compte">Mon compte</a>, puis reconnectez-vous.</p><!--/cp-if-{{MARK}}:no_second_factor--><!--cp-if-{{MARK}}:second_factor--><p class="fr-hint-text">Montants en euros, avec au plus deux décimales (par exemple 1&nbsp;250&nbsp;000,50&nbsp;€). Tous les champs marqués d'un astérisque (*) sont obligatoires.</p>
<form method="post" action="{{ACTION}}" data-testid="budget-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group{{#ERR_total_eur}} fr-input-group--error{{/ERR_total_eur}}">
    <label class="fr-label" for="total_eur">Budget total de l'établissement (€) *</label>
    <input class="fr-input" type="text" inputmode="decimal" id="total_eur" name="total_eur" value="{{TOTAL}}" required data-testid="budget-total"{{#ERR_total_eur}} aria-describedby="total_eur-error"{{/ERR_total_eur}}>
    {{#ERR_total_eur}}<p id="total_eur-error" class="fr-error-text">{{MSG}}</p>{{/ERR_total_eur}}
  </div>
  <div class="fr-input-group{{#ERR_digital_eur}} fr-input-group--error{{/ERR_digital_eur}}">
    <label class="fr-label" for="digital_eur">Budget numérique (hors cybersécurité) (€) * <span class="fr-hint-text">systèmes d'information, hors dépenses de cybersécurité, saisies ci-dessous</span></label>
    <input class="fr-input" type="text" inputmode="decimal" id="digital_eur" name="digital_eur" value="{{DIGITAL}}" required data-testid="budget-digital"{{#ERR_digital_eur}} aria-describedby="digital_eur-error"{{/ERR_digital_eur}}>
    {{#ERR_digital_eur}}<p id="digital_eur-error" class="fr-error-text">{{MSG}}</p>{{/ERR_digital_eur}}
  </div>
  <div class="fr-input-group{{#ERR_cyber_eur}} fr-input-group--error{{/ERR_cyber_eur}}">
    <label class="fr-label" for="cyber_eur">Budget cybersécurité (€) *</label>
    <input class="fr-input" type="text" inputmode="decimal" id="cyber_eur" name="cyber_eur" value="{{CYBER}}" required data-testid="budget-cyber"{{#ERR_cyber_eur}} aria-describedby="cyber_eur-error"{{/ERR_cyber_eur}}>
    {{#ERR_cyber_eur}}<p id="cyber_eur-error" class="fr-error-text">{{MSG}}</p>{{/ERR_cyber_eur}}
  </div>
  <div class="fr-input-group{{#ERR_declared_on}} fr-input-group--error{{/ERR_declared_on}}">
    <label class="fr-label" for="declared_on">Date de la déclaration <span class="fr-hint-text">laissée vide : aujourd'hui</span></label>
    <input class="fr-input" type="date" id="declared_on" name="declared_on" value="{{DECLARED_ON}}"{{#ERR_declared_on}} aria-describedby="declared_on-error"{{/ERR_declared_on}}>
    {{#ERR_declared_on}}<p id="declared_on-error" class="fr-error-text">{{MSG}}</p>{{/ERR_declared_on}}
  </div>
  {{#ERR_year}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_year}}
  <ul class="fr-btns-group fr-btns-group--inline-md">
    <li><button class="fr-btn" type="submit" data-testid="budget-submit">Enregistrer</button></li>
    <li><a class="fr-btn fr-btn--secondary" href="{{BASE}}">Annuler</a></li>
  </ul>
</form>
{{#CAN_DELETE}}<p class="fr-mt-3w"><a class="fr-btn fr-btn--tertiary" href="{{ACTION}}/retirer" data-testid="budget-withdraw">Retirer la déclaration {{YEAR}}</a></p>{{/CAN_DELETE}}<!--/cp-if-{{MARK}}:second_factor-->{{/CAN_WRITE}}
