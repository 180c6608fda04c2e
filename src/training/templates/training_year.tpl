{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Formation du personnel en {{YEAR}} — {{NAME}}</h1>
{{#CURRENT}}<p data-testid="training-current">Enregistré : {{TRAINED:x-plural=personne formée/personnes formées}} sur {{STAFF:x-num}}, soit <strong>{{SHARE}}</strong>.</p>{{/CURRENT}}
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="training-errors"><h2 class="fr-alert__title">La couverture n'a pas été enregistrée</h2><ul>{{#ERROR}}<li><a href="#{{ANCHOR}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul></div>{{/HAS_ERRORS}}
{{#CAN_WRITE}}<p class="fr-hint-text">Par catégorie : l'effectif, le nombre de <strong>personnes distinctes</strong> formées au moins une fois dans l'année (au plus l'effectif), et parmi elles celles qui ont suivi une formation initiale et celles qui ont suivi une formation continue (une personne peut compter dans les deux). Les noms des catégories sont modifiables ; une ligne vide est ignorée, un nombre vide vaut 0.</p>
<form method="post" action="{{ACTION}}" data-testid="training-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-table"><table>
    <caption>Catégories de personnel</caption>
    <thead><tr><th scope="col">Catégorie</th><th scope="col">Effectif</th><th scope="col">Personnes formées</th><th scope="col">dont formation initiale</th><th scope="col">dont formation continue</th></tr></thead>
    <tbody>{{#ROW}}<tr data-testid="training-row-{{I}}">
      <td><label class="fr-sr-only" for="name_{{I}}">Catégorie, ligne {{N}}</label><input class="fr-input{{#ERR_NAME}} fr-input--error{{/ERR_NAME}}" type="text" id="name_{{I}}" name="name_{{I}}" value="{{V_NAME}}" maxlength="100">{{#ERR_NAME}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_NAME}}</td>
      <td><label class="fr-sr-only" for="headcount_{{I}}">Effectif, ligne {{N}}</label><input class="fr-input{{#ERR_HEADCOUNT}} fr-input--error{{/ERR_HEADCOUNT}}" type="text" inputmode="numeric" id="headcount_{{I}}" name="headcount_{{I}}" value="{{V_HEADCOUNT}}" data-testid="headcount-{{I}}">{{#ERR_HEADCOUNT}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_HEADCOUNT}}</td>
      <td><label class="fr-sr-only" for="trained_{{I}}">Personnes formées, ligne {{N}}</label><input class="fr-input{{#ERR_TRAINED}} fr-input--error{{/ERR_TRAINED}}" type="text" inputmode="numeric" id="trained_{{I}}" name="trained_{{I}}" value="{{V_TRAINED}}" data-testid="trained-{{I}}">{{#ERR_TRAINED}}<p class="fr-error-text" data-testid="error-trained-{{I}}">{{MSG}}</p>{{/ERR_TRAINED}}</td>
      <td><label class="fr-sr-only" for="initial_{{I}}">Formation initiale, ligne {{N}}</label><input class="fr-input{{#ERR_INITIAL}} fr-input--error{{/ERR_INITIAL}}" type="text" inputmode="numeric" id="initial_{{I}}" name="initial_{{I}}" value="{{V_INITIAL}}" data-testid="initial-{{I}}">{{#ERR_INITIAL}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_INITIAL}}</td>
      <td><label class="fr-sr-only" for="continuing_{{I}}">Formation continue, ligne {{N}}</label><input class="fr-input{{#ERR_CONTINUING}} fr-input--error{{/ERR_CONTINUING}}" type="text" inputmode="numeric" id="continuing_{{I}}" name="continuing_{{I}}" value="{{V_CONTINUING}}" data-testid="continuing-{{I}}">{{#ERR_CONTINUING}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_CONTINUING}}</td>
    </tr>{{/ROW}}</tbody>
  </table></div>
  <ul class="fr-btns-group fr-btns-group--inline-md">
    <li><button class="fr-btn" type="submit" data-testid="training-submit">Enregistrer</button></li>
    <li><a class="fr-btn fr-btn--secondary" href="{{BASE}}">Annuler</a></li>
  </ul>
</form>{{/CAN_WRITE}}
{{#READ_ONLY}}<div class="fr-table"><table>
  <caption>Catégories de personnel</caption>
  <thead><tr><th scope="col">Catégorie</th><th scope="col">Effectif</th><th scope="col">Formées</th><th scope="col">dont initiale</th><th scope="col">dont continue</th><th scope="col">Part formée</th></tr></thead>
  <tbody>{{#RO_ROW}}<tr><td>{{CATEGORY_NAME}}</td><td>{{HEADCOUNT:x-num}}</td><td>{{TRAINED:x-num}}</td><td>{{INITIAL:x-num}}</td><td>{{CONTINUING:x-num}}</td><td>{{SHARE}}</td></tr>{{/RO_ROW}}</tbody>
</table></div>{{/READ_ONLY}}
