{{%AUTOESCAPE context="HTML"}}<div class="fr-grid-row fr-grid-row--center fr-mt-6w">
<div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
<h1>Second facteur</h1>
<p>Saisissez le code à 6 chiffres affiché par votre application d'authentification pour {{EMAIL}}.</p>
{{#ERROR}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="code-error"><p>{{MESSAGE}}</p></div>{{/ERROR}}
<form method="post" action="/connexion/code" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="suite" value="{{SUITE}}">
  <div class="fr-input-group">
    <label class="fr-label" for="code">Code à usage unique</label>
    <input class="fr-input" type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" data-testid="totp-code">
  </div>
  <button class="fr-btn" type="submit" data-testid="totp-submit">Valider</button>
</form>
<section class="fr-accordion fr-mt-4w">
<h2 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="false" aria-controls="acc-recovery" data-testid="recovery-toggle">Utiliser un code de secours</button></h2>
<div class="fr-collapse" id="acc-recovery">
<form method="post" action="/connexion/code" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="suite" value="{{SUITE}}">
  <div class="fr-input-group">
    <label class="fr-label" for="recovery">Code de secours <span class="fr-hint-text">format xxxx-xxxx-xxxx, utilisable une seule fois</span></label>
    <input class="fr-input" type="text" id="recovery" name="recovery" autocomplete="off" data-testid="recovery-code">
  </div>
  <button class="fr-btn fr-btn--secondary" type="submit">Valider le code de secours</button>
</form>
</div>
</section>
</div></div>
