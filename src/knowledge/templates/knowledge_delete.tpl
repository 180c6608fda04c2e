{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Supprimer « {{TITLE}} » ?</h1>
<dl class="fr-mb-3w" data-testid="knowledge-delete-object">
  <dt class="fr-text--bold">Nature</dt><dd>{{KIND}}</dd>
  <dt class="fr-text--bold">Identifiant</dt><dd><code>{{ID}}</code></dd>
  {{#REGION}}<dt class="fr-text--bold">Portée</dt><dd>{{NAME}}</dd>{{/REGION}}
</dl>
{{#READ_ONLY}}<div class="fr-alert fr-alert--info fr-mb-3w" data-testid="knowledge-read-only"><p>Vous ne pouvez supprimer que les offres de votre région.</p></div>
<p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="{{BACK}}">Revenir à l'entrée</a></p>{{/READ_ONLY}}
{{#FORM}}<div class="fr-alert fr-alert--warning fr-mb-3w">
  <p>L'entrée disparaît de la recherche, des listes et des « Comment faire ? » ; une entrée livrée avec carepilot ne revient pas au redémarrage. Le journal garde son contenu.</p>
</div>
<form method="post" action="{{ACTION}}" data-testid="knowledge-delete-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <ul class="fr-btns-group fr-btns-group--inline-md">
    <li><button class="fr-btn" type="submit" data-testid="knowledge-delete-confirm">Confirmer la suppression</button></li>
    <li><a class="fr-btn fr-btn--secondary" href="{{BACK}}">Annuler</a></li>
  </ul>
</form>{{/FORM}}
