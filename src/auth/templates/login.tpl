{{%AUTOESCAPE context="HTML"}}<div class="fr-grid-row fr-grid-row--center fr-mt-6w">
<div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Connexion à carepilot</h1>
{{#ERROR}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="login-error"><p>{{MESSAGE}}</p></div>{{/ERROR}}
<form method="post" action="/connexion" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="suite" value="{{SUITE}}">
  <fieldset class="fr-fieldset">
    <legend class="fr-fieldset__legend">Identifiez-vous avec votre adresse électronique professionnelle</legend>
    <div class="fr-fieldset__element"><div class="fr-input-group">
      <label class="fr-label" for="email">Adresse électronique</label>
      <input class="fr-input" type="email" id="email" name="email" value="{{EMAIL}}" autocomplete="username" required data-testid="login-email">
    </div></div>
    <div class="fr-fieldset__element"><div class="fr-input-group">
      <label class="fr-label" for="password">Mot de passe</label>
      <input class="fr-input" type="password" id="password" name="password" autocomplete="current-password" required data-testid="login-password">
    </div></div>
  </fieldset>
  <button class="fr-btn" type="submit" data-testid="login-submit">Se connecter</button>
</form>
<p class="fr-text--sm fr-mt-3w">Pas encore de compte ? L'accès se fait sur invitation du responsable sécurité de votre établissement ou de votre ARS.</p>
</div></div>
