{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w" data-testid="establishment-name">{{NAME}}{{#DEMO}} <span class="fr-badge fr-badge--info fr-badge--no-icon">démo</span>{{/DEMO}}</h1>
<p class="fr-text--lead">{{TYPE}} — {{CATEGORY}}</p>
{{#MEDICO_SOCIAL}}<div class="fr-notice fr-notice--info fr-mb-3w"><div class="fr-container"><div class="fr-notice__body"><p class="fr-notice__title">Établissement médico-social : l'instruction DNS/2025/12 ne s'applique pas ; il peut néanmoins utiliser les offres du programme et enregistrer ses preuves.</p></div></div></div>{{/MEDICO_SOCIAL}}
<div class="fr-grid-row fr-grid-row--gutters">
  <div class="fr-col-12 fr-col-md-6">
    <h2 class="fr-h4">Identification</h2>
    <dl class="cp-dl">
      <dt>FINESS géographique (ET)</dt><dd data-testid="finess-et">{{FINESS_ET}}</dd>
      <dt>FINESS juridique (EJ)</dt><dd>{{FINESS_EJ}}</dd>
      <dt>Commune</dt><dd>{{CITY}}</dd>
      <dt>Département</dt><dd>{{DEPARTMENT}}</dd>
      <dt>Région</dt><dd>{{REGION}}</dd>
      <dt>GHT</dt><dd>{{GHT}}</dd>
    </dl>
  </div>
  <div class="fr-col-12 fr-col-md-6">
    <h2 class="fr-h4">Services</h2>
    {{#HAS_SERVICES}}<ul class="fr-tags-group">{{#SERVICE}}<li><p class="fr-tag">{{LABEL}}</p></li>{{/SERVICE}}</ul>{{/HAS_SERVICES}}
    {{#NO_SERVICES}}<p>Aucun service renseigné : les analyses d'impact (BIA) attendues ne peuvent pas être déterminées.</p>{{/NO_SERVICES}}
  </div>
</div>
<div class="fr-mt-4w">{{SUMMARY:none}}</div>
{{HISTORY:none}}
{{#CAN_WRITE}}<ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mt-4w"><li><a class="fr-btn fr-btn--secondary fr-icon-edit-line fr-btn--icon-left" href="/etablissements/{{FINESS_ET}}/modifier">Modifier</a></li></ul>{{/CAN_WRITE}}
<p class="fr-text--xs fr-mt-4w">Créé le {{CREATED_AT}} — mis à jour le {{UPDATED_AT}}</p>
