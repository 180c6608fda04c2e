{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Mon compte</h1>
<dl class="cp-facts">
  <dt>Adresse électronique</dt><dd data-testid="account-email">{{EMAIL}}</dd>
  <dt>Rôle</dt><dd data-testid="account-role">{{ROLE}}</dd>
  <dt>Périmètre</dt><dd>{{SCOPE}}</dd>
  <dt>Double authentification</dt><dd>{{#TOTP_ON}}<span class="fr-badge fr-badge--success">activée</span> — {{CODES_LEFT:x-plural=code/codes}} de secours {{CODES_LEFT:x-agree=restant/restants}}{{/TOTP_ON}}{{#TOTP_OFF}}<span class="fr-badge fr-badge--warning">non activée</span> <a class="fr-link" href="/connexion/enrolement">Activer</a>{{/TOTP_OFF}}</dd>
</dl>
{{#TOTP_ON}}<form method="post" action="/compte/codes-de-secours"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit">Régénérer mes codes de secours</button></form>{{/TOTP_ON}}

<h2 class="fr-mt-6w">Changer de mot de passe</h2>
<p class="fr-hint-text">Au moins 12 caractères ; une phrase de passe est plus sûre et plus facile à retenir qu'un mot compliqué. Les mots de passe courants sont refusés.</p>
{{#PW_ERROR}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert"><p>{{MESSAGE}}</p></div>{{/PW_ERROR}}
<form method="post" action="/compte/mot-de-passe" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group"><label class="fr-label" for="current">Mot de passe actuel</label><input class="fr-input" type="password" id="current" name="current" autocomplete="current-password"></div>
  <div class="fr-input-group"><label class="fr-label" for="password">Nouveau mot de passe</label><input class="fr-input" type="password" id="password" name="password" autocomplete="new-password"></div>
  <div class="fr-input-group"><label class="fr-label" for="confirm">Confirmation</label><input class="fr-input" type="password" id="confirm" name="confirm" autocomplete="new-password"></div>
  <button class="fr-btn" type="submit">Changer le mot de passe</button>
</form>

<h2 class="fr-mt-6w">Abonnement au calendrier</h2>
<p>Une adresse secrète et personnelle permet à votre agenda (Outlook, Thunderbird, Google Agenda…) de s'abonner aux échéances de votre périmètre, sans connexion : échéances à venir avec rappels, obligations en retard, lien vers chaque page. Elle ne permet que la lecture ; ne la partagez pas. En créer une nouvelle révoque la précédente.</p>
{{#NEW_FEED}}<div class="fr-alert fr-alert--success fr-mb-3w" role="status"><p>Adresse d'abonnement créée. Copiez-la maintenant dans votre agenda : elle ne sera plus affichée.</p><p><code data-testid="new-feed">{{URL}}</code></p></div>{{/NEW_FEED}}
{{#FEED}}<p data-testid="feed">Abonnement actif (adresse commençant par <code>{{PREFIX}}…</code>), créé le {{CREATED}} ; dernier usage : {{USED}}.</p>
<form method="post" action="/compte/calendrier/revoquer"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="fr-btn fr-btn--tertiary fr-mb-2w" type="submit">Révoquer l'abonnement</button></form>{{/FEED}}
{{#NO_FEED}}<p data-testid="feed">Aucun abonnement actif.</p>{{/NO_FEED}}
<form method="post" action="/compte/calendrier"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="fr-btn fr-btn--secondary" type="submit">Créer une adresse d'abonnement</button></form>

<h2 class="fr-mt-6w">Récapitulatif hebdomadaire</h2>
<p>Chaque lundi matin, un courriel récapitule les échéances de votre périmètre dans les 30 prochains jours et les obligations passées en retard depuis le récapitulatif précédent (par obligation, en nombre d'établissements, pour un périmètre national ou régional).</p>
{{#DIGEST_ON}}<p data-testid="digest">Vous recevez le récapitulatif hebdomadaire.</p>
<form method="post" action="/compte/recapitulatif"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="weekly_digest" value="0"><button class="fr-btn fr-btn--secondary" type="submit">Ne plus recevoir le récapitulatif</button></form>{{/DIGEST_ON}}
{{#DIGEST_OFF}}<p data-testid="digest">Vous ne recevez pas le récapitulatif hebdomadaire.</p>
<form method="post" action="/compte/recapitulatif"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="weekly_digest" value="1"><button class="fr-btn fr-btn--secondary" type="submit">Recevoir le récapitulatif</button></form>{{/DIGEST_OFF}}

<h2 class="fr-mt-6w">Jetons d'API</h2>
{{#NEW_TOKEN}}<div class="fr-alert fr-alert--success fr-mb-3w" role="status"><p>Jeton créé. Copiez-le maintenant : il ne sera plus affiché.</p><p><code data-testid="new-token">{{VALUE}}</code></p></div>{{/NEW_TOKEN}}
{{#TOKEN_ERROR}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert"><p>{{MESSAGE}}</p></div>{{/TOKEN_ERROR}}
<div class="fr-table"><table data-testid="tokens">
<caption>Mes jetons</caption>
<thead><tr><th scope="col">Nom</th><th scope="col">Début</th><th scope="col">Rôle</th><th scope="col">Expire le</th><th scope="col">Dernier usage</th><th scope="col">État</th><th scope="col">Action</th></tr></thead>
<tbody>{{#TOKEN}}<tr><td>{{NAME}}</td><td><code>{{PREFIX}}…</code></td><td>{{ROLE}}</td><td>{{EXPIRES}}</td><td>{{USED}}</td><td>{{STATE}}</td><td>{{#ACTIVE}}<form method="post" action="/compte/jetons/{{ID}}/revoquer"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="fr-btn fr-btn--tertiary fr-btn--sm" type="submit">Révoquer</button></form>{{/ACTIVE}}</td></tr>{{/TOKEN}}
{{#NO_TOKEN}}<tr><td colspan="7">Aucun jeton.</td></tr>{{/NO_TOKEN}}</tbody></table></div>
{{#CAN_TOKEN}}<form method="post" action="/compte/jetons" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group"><label class="fr-label" for="token-name">Nom du jeton</label><input class="fr-input" type="text" id="token-name" name="name" maxlength="100"></div>
  <div class="fr-select-group"><label class="fr-label" for="token-role">Rôle (au plus le vôtre)</label><select class="fr-select" id="token-role" name="role">{{#ROLE_OPT}}<option value="{{VALUE}}">{{LABEL}}</option>{{/ROLE_OPT}}</select></div>
  <div class="fr-input-group"><label class="fr-label" for="token-days">Durée de validité (jours, 365 au plus)</label><input class="fr-input" type="number" id="token-days" name="days" min="1" max="365" value="90"></div>
  <button class="fr-btn fr-btn--secondary" type="submit">Créer un jeton</button>
</form>{{/CAN_TOKEN}}
