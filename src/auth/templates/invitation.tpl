{{%AUTOESCAPE context="HTML"}}<div class="fr-grid-row fr-grid-row--center fr-mt-6w">
<div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Créer votre compte</h1>
<p>Invitation pour <strong>{{EMAIL}}</strong> — {{ROLE}}, {{SCOPE}}.</p>
<p class="fr-hint-text">Choisissez un mot de passe d'au moins 12 caractères ; une phrase de passe est recommandée. Les mots de passe courants sont refusés.</p>
{{#ERROR}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert"><p>{{MESSAGE}}</p></div>{{/ERROR}}
<form method="post" action="/invitation/{{TOKEN}}" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group"><label class="fr-label" for="password">Mot de passe</label><input class="fr-input" type="password" id="password" name="password" autocomplete="new-password"></div>
  <div class="fr-input-group"><label class="fr-label" for="confirm">Confirmation</label><input class="fr-input" type="password" id="confirm" name="confirm" autocomplete="new-password"></div>
  <button class="fr-btn" type="submit">Créer mon compte</button>
</form>
</div></div>
