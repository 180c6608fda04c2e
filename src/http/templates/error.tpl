{{%AUTOESCAPE context="HTML"}}<div class="fr-my-7w fr-mt-md-12w fr-mb-md-10w fr-grid-row fr-grid-row--gutters fr-grid-row--middle fr-grid-row--center">
  <div class="fr-py-0 fr-col-12 fr-col-md-6">
    <h1>{{HEADING}}</h1>
    <p class="fr-text--sm fr-mb-3w">Erreur {{STATUS}}</p>
    <p class="fr-text--lead fr-mb-3w">{{MESSAGE}}</p>
    {{#SECOND_FACTOR}}<div class="fr-alert fr-alert--warning fr-mb-3w" data-testid="second-factor-needed">
      <h2 class="fr-alert__title">Double authentification nécessaire</h2>
      <p>Activez la double authentification dans <a href="/compte">Mon compte</a>, puis reconnectez-vous pour effectuer cette action.</p>
    </div>{{/SECOND_FACTOR}}
    {{#HAS_FIELDS}}<ul>{{#FIELD}}<li>{{MESSAGE}}</li>{{/FIELD}}</ul>{{/HAS_FIELDS}}
    <ul class="fr-btns-group fr-btns-group--inline-md">
      <li><a class="fr-btn" href="/">Page d'accueil</a></li>
      <li><a class="fr-btn fr-btn--secondary" href="/etablissements">Liste des établissements</a></li>
    </ul>
  </div>
</div>
