{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Utilisateurs de mon périmètre</h1>
{{#INVITED}}<div class="fr-alert fr-alert--success fr-mb-3w" role="status"><p>Invitation envoyée à {{EMAIL}}. Le lien est valable 7 jours et ne sert qu'une fois.</p></div>{{/INVITED}}
<div class="fr-table"><table data-testid="users">
<caption>{{COUNT:x-plural=compte/comptes}}</caption>
<thead><tr><th scope="col">Adresse</th><th scope="col">Rôle</th><th scope="col">Périmètre</th><th scope="col">Double authentification</th><th scope="col">État</th><th scope="col">Action</th></tr></thead>
<tbody>{{#USER}}<tr data-testid="user-row"><td>{{EMAIL}}</td><td>{{ROLE}}</td><td>{{SCOPE}}</td><td>{{TOTP}}</td><td>{{STATE}}</td><td>{{#CAN_TOGGLE}}<form method="post" action="/utilisateurs/{{ID}}/{{TOGGLE_ACTION}}"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="fr-btn fr-btn--tertiary fr-btn--sm" type="submit">{{TOGGLE_LABEL}}</button></form>{{/CAN_TOGGLE}}</td></tr>{{/USER}}</tbody></table></div>

<h2 class="fr-mt-6w">Inviter un utilisateur</h2>
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert"><h3 class="fr-alert__title">L'invitation n'a pas été envoyée</h3><ul>{{#ERROR}}<li>{{MESSAGE}}</li>{{/ERROR}}</ul></div>{{/HAS_ERRORS}}
<form method="post" action="/utilisateurs/invitations" novalidate data-testid="invite-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group"><label class="fr-label" for="inv-email">Adresse électronique</label><input class="fr-input" type="email" id="inv-email" name="email" value="{{F_EMAIL}}"></div>
  <div class="fr-select-group"><label class="fr-label" for="inv-role">Rôle</label><select class="fr-select" id="inv-role" name="role">{{#ROLE_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/ROLE_OPT}}</select></div>
  <div class="fr-input-group"><label class="fr-label" for="inv-scope">Périmètre <span class="fr-hint-text">FINESS de l'établissement (rôles d'établissement), code du GHT, code de la région, ou vide pour le vôtre</span></label><input class="fr-input" type="text" id="inv-scope" name="scope" value="{{F_SCOPE}}"></div>
  <button class="fr-btn" type="submit">Inviter</button>
</form>

<h2 class="fr-mt-6w">Invitations en attente</h2>
{{#NO_PENDING}}<p data-testid="no-pending">Aucune invitation en attente.</p>{{/NO_PENDING}}
{{#HAS_PENDING}}<div class="fr-table"><table data-testid="pending-invitations">
<caption>{{PENDING_COUNT}}</caption>
<thead><tr><th scope="col">Adresse</th><th scope="col">Rôle</th><th scope="col">Périmètre</th><th scope="col">Valable jusqu'au</th><th scope="col">Action</th></tr></thead>
<tbody>{{#PENDING}}<tr data-testid="pending-row"><td>{{EMAIL}}</td><td>{{ROLE}}</td><td>{{SCOPE}}</td><td>{{EXPIRES}}</td><td><form method="post" action="/utilisateurs/invitations/{{ID}}/revoquer"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="fr-btn fr-btn--tertiary fr-btn--sm" type="submit">Révoquer</button></form></td></tr>{{/PENDING}}</tbody></table></div>{{/HAS_PENDING}}
