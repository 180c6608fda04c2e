{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Continuité d'activité — {{GROUP_NAME}}</h1>
<p>{{#IS_GHT}}Pour un GHT{{/IS_GHT}}{{#IS_LEGAL_ENTITY}}Pour une entité juridique de plusieurs établissements{{/IS_LEGAL_ENTITY}}, les plans de continuité fondés sur des bilans d'impact sur l'activité (BIA) doivent couvrir des établissements représentant au moins {{THRESHOLD}} de l'activité cumulée (objectif D2.O1.C du domaine 2 du programme CaRE), et des plans testés autant (objectif D2.O1.D). Chaque établissement pèse selon son poids d'activité ; un établissement sans poids déclaré n'est jamais compté. Un PCRI ne tient pas lieu de PCRA (FAQ D2.O1.C).</p>
<p class="fr-text--sm">Mesure du poids d'activité : {{MEASURE}}. Source : {{SOURCE}}.</p>
<div class="fr-grid-row fr-grid-row--gutters fr-mb-3w">
<div class="fr-col-12 fr-col-md-6"><div class="fr-callout" data-testid="ght-coverage-bia" data-state="{{BIA_STATE_CODE}}">
  <h2 class="fr-callout__title">Plans fondés sur des BIA (D2.O1.C)</h2>
  <p class="fr-callout__text" data-testid="ght-coverage-bia-text">{{BIA_STATE}}</p>
</div></div>
<div class="fr-col-12 fr-col-md-6"><div class="fr-callout" data-testid="ght-coverage-tested" data-state="{{TESTED_STATE_CODE}}">
  <h2 class="fr-callout__title">Plans testés (D2.O1.D)</h2>
  <p class="fr-callout__text" data-testid="ght-coverage-tested-text">{{TESTED_STATE}}</p>
</div></div>
</div>
{{#WITHOUT_WEIGHT}}<div class="fr-alert fr-alert--warning fr-mb-3w" data-testid="ght-without-weight"><p>{{WITHOUT_COUNT:x-plural=établissement/établissements}} sans poids d'activité déclaré : {{#UNSETTLED}}la part de l'activité cumulée couverte ne peut pas être établie tant que ce poids manque.{{/UNSETTLED}}{{#SETTLED}}le verdict tient quel que soit ce poids, mais la part exacte de l'activité cumulée ne sera connue qu'avec lui.{{/SETTLED}}</p></div>{{/WITHOUT_WEIGHT}}
{{#OUTSIDE_SCOPE}}<div class="fr-alert fr-alert--info fr-mb-3w" data-testid="ght-outside-scope"><p>{{OUTSIDE_TEXT}}</p></div>{{/OUTSIDE_SCOPE}}
{{#NO_MEMBER}}<p data-testid="ght-no-member">Aucun établissement de ce GHT n'est visible.</p>{{/NO_MEMBER}}
<div class="fr-table"><table data-testid="ght-members">
  <caption>Établissements {{#IS_GHT}}du GHT{{/IS_GHT}}{{#IS_LEGAL_ENTITY}}de l'entité juridique{{/IS_LEGAL_ENTITY}}, leur poids d'activité et leur couverture</caption>
  <thead><tr><th scope="col">Établissement</th><th scope="col">Poids d'activité</th><th scope="col">Couvert par des plans fondés sur des BIA</th><th scope="col">Couvert par des plans testés</th>{{#CAN_EDIT}}<th scope="col">Modifier le poids</th>{{/CAN_EDIT}}</tr></thead>
  <tbody>{{#MEMBER}}<tr data-testid="ght-member" data-finess="{{M_FINESS}}"><th scope="row"><a href="{{M_URL}}">{{M_NAME}}</a></th><td data-testid="ght-member-weight">{{M_WEIGHT}}{{#M_NO_WEIGHT}}<p class="fr-badge fr-badge--warning fr-badge--sm">Non déclaré</p>{{#M_OTHER_MEASURE}}<p class="fr-text--sm fr-mb-0">déclaré dans une autre mesure : à déclarer de nouveau</p>{{/M_OTHER_MEASURE}}{{/M_NO_WEIGHT}}</td><td data-testid="ght-member-bia">{{M_BIA}}<p class="fr-text--sm fr-mb-0">{{M_BIA_REASON}}</p></td><td data-testid="ght-member-tested">{{M_TESTED}}<p class="fr-text--sm fr-mb-0">{{M_TESTED_REASON}}</p></td>{{#M_FORM}}<td>
<form method="post" action="{{F_ACTION}}" data-testid="ght-weight-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="groupe" value="{{F_GROUP}}">
  <div class="fr-input-group{{#F_INVALID}} fr-input-group--error{{/F_INVALID}}"><label class="fr-label" for="w_{{F_ID}}">Poids d'activité <span class="fr-hint-text">{{MEASURE_HINT}}</span></label>
    <input class="fr-input" type="text" inputmode="decimal" id="w_{{F_ID}}" name="activity_weight" value="{{F_VALUE}}" required data-testid="ght-weight-input">
    {{#F_INVALID}}<p class="fr-error-text" data-testid="ght-weight-error">{{F_ERROR}}</p>{{/F_INVALID}}</div>
  <button class="fr-btn fr-btn--sm fr-btn--secondary fr-mt-1w" type="submit" data-testid="ght-weight-submit">Enregistrer</button>
</form></td>{{/M_FORM}}</tr>{{/MEMBER}}</tbody>
</table></div>
