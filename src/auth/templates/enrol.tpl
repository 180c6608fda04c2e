{{%AUTOESCAPE context="HTML"}}<div class="fr-grid-row fr-grid-row--center fr-mt-6w">
<div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
<h1>Activer la double authentification</h1>
{{#REQUIRED}}<div class="fr-alert fr-alert--info fr-mb-3w"><p>Votre rôle impose un second facteur : activez-le pour accéder à carepilot. L'instruction DNS/2025/12 demande la même chose aux établissements.</p></div>{{/REQUIRED}}
<ol>
  <li>Ouvrez une application d'authentification (FreeOTP, Aegis, Google Authenticator, Microsoft Authenticator…).</li>
  <li>Scannez ce QR code, ou saisissez la clé à la main.</li>
  <li>Saisissez le code à 6 chiffres affiché.</li>
</ol>
<p><img src="data:image/svg+xml;base64,{{QR_BASE64}}" alt="QR code d'enrôlement pour {{EMAIL}}" width="220" height="220" data-testid="totp-qr"></p>
<p>Clé : <code data-testid="totp-secret">{{SECRET}}</code> <span class="fr-hint-text">(TOTP, SHA-1, 6 chiffres, 30 secondes)</span></p>
{{#ERROR}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="code-error"><p>{{MESSAGE}}</p></div>{{/ERROR}}
<form method="post" action="/connexion/enrolement" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="suite" value="{{SUITE}}">
  <div class="fr-input-group">
    <label class="fr-label" for="code">Code à 6 chiffres</label>
    <input class="fr-input" type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" data-testid="totp-code">
  </div>
  <button class="fr-btn" type="submit" data-testid="totp-submit">Activer</button>
</form>
</div></div>
