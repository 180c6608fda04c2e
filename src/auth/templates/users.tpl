{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Utilisateurs de mon périmètre</h1>
{{#INVITED}}<div class="fr-alert fr-alert--success fr-mb-3w" role="status"><p>Invitation envoyée à {{EMAIL}}. Le lien est valable 7 jours et ne sert qu'une fois.</p></div>{{/INVITED}}
<form method="get" action="/utilisateurs" class="fr-mb-3w" data-testid="user-filters">
<div class="fr-grid-row fr-grid-row--gutters">
<div class="fr-col-12 fr-col-md-3"><div class="fr-input-group"><label class="fr-label" for="u-q">Recherche <span class="fr-hint-text">Adresse électronique ou nom</span></label><input class="fr-input" type="search" id="u-q" name="q" value="{{F_Q}}"></div></div>
<div class="fr-col-12 fr-col-md-3"><div class="fr-select-group"><label class="fr-label" for="u-role">Rôle</label><select class="fr-select" id="u-role" name="role"><option value="">Tous les rôles</option>{{#FILTER_ROLE}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/FILTER_ROLE}}</select></div></div>
<div class="fr-col-12 fr-col-md-3"><div class="fr-select-group"><label class="fr-label" for="u-state">État</label><select class="fr-select" id="u-state" name="etat"><option value="">Tous les états</option>{{#FILTER_STATE}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/FILTER_STATE}}</select></div></div>
<div class="fr-col-12 fr-col-md-3"><div class="fr-select-group"><label class="fr-label" for="u-level">Périmètre</label><select class="fr-select" id="u-level" name="niveau"><option value="">Tous les périmètres</option>{{#FILTER_LEVEL}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/FILTER_LEVEL}}</select></div></div>
<div class="fr-col-12 fr-col-md-3"><div class="fr-input-group"><label class="fr-label" for="u-est">Établissement <span class="fr-hint-text">Numéro FINESS géographique</span></label><input class="fr-input" type="text" id="u-est" name="etablissement" value="{{F_FINESS}}"></div></div>
</div>
<button class="fr-btn fr-mt-2w" type="submit">Rechercher</button> <a class="fr-link fr-ml-2w" href="/utilisateurs">Effacer les filtres</a>
</form>
{{#UNKNOWN_ESTABLISHMENT}}<div class="fr-alert fr-alert--info fr-alert--sm fr-mb-2w" role="status"><p>Aucun établissement de votre périmètre ne porte ce numéro FINESS.</p></div>{{/UNKNOWN_ESTABLISHMENT}}
<div class="fr-table"><table data-testid="users">
<caption>{{COUNT:x-plural=compte/comptes}} — page {{PAGE}} sur {{PAGES:x-num}}</caption>
<thead><tr><th scope="col">Adresse</th><th scope="col">Rôle</th><th scope="col">Périmètre</th><th scope="col">Double authentification</th><th scope="col">Dernière connexion</th><th scope="col">État</th><th scope="col">Actions</th></tr></thead>
<tbody>{{#USER}}<tr data-testid="user-row"><td>{{EMAIL}}</td><td>{{ROLE}}</td><td>{{SCOPE}}</td><td>{{TOTP}}</td><td data-testid="last-sign-in">{{LAST_SIGN_IN}}</td><td>{{STATE}}</td><td>{{#CAN_ROLE}}<form method="post" action="/utilisateurs/{{ID}}/role" class="fr-mb-1w" data-testid="role-form"><input type="hidden" name="csrf" value="{{CSRF}}"><label class="fr-label" for="role-{{ID}}">Nouveau rôle</label><select class="fr-select" id="role-{{ID}}" name="role">{{#ROLE_CHOICE}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/ROLE_CHOICE}}</select><button class="fr-btn fr-btn--secondary fr-btn--sm fr-mt-1w" type="submit">Changer le rôle</button></form>{{/CAN_ROLE}}{{#CAN_RESET}}<form method="post" action="/utilisateurs/{{ID}}/second-facteur/reinitialiser" class="fr-mb-1w" data-testid="reset-form"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="fr-btn fr-btn--tertiary fr-btn--sm" type="submit">Réinitialiser la double authentification</button></form>{{/CAN_RESET}}{{#CAN_TOGGLE}}<form method="post" action="/utilisateurs/{{ID}}/{{TOGGLE_ACTION}}"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="fr-btn fr-btn--tertiary fr-btn--sm" type="submit">{{TOGGLE_LABEL}}</button></form>{{/CAN_TOGGLE}}</td></tr>{{/USER}}</tbody></table></div>
{{PAGINATION:none}}

<h2 class="fr-mt-6w" id="sans-rssi">Établissements sans responsable de la sécurité</h2>
<p data-testid="uncovered-count">{{UNCOVERED_COUNT}}</p>
{{#HAS_UNCOVERED}}<div class="fr-table"><table data-testid="uncovered">
<caption>Établissements de votre périmètre où aucun compte actif n'a le rôle de responsable de la sécurité des systèmes d'information</caption>
<thead><tr><th scope="col">FINESS</th><th scope="col">Établissement</th></tr></thead>
<tbody>{{#UNCOVERED}}<tr data-testid="uncovered-row"><td>{{FINESS}}</td><td><a href="/etablissements/{{FINESS}}">{{NAME}}</a></td></tr>{{/UNCOVERED}}</tbody></table></div>
{{UNCOVERED_PAGINATION:none}}{{/HAS_UNCOVERED}}

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
<caption>{{PENDING_COUNT:x-num}}</caption>
<thead><tr><th scope="col">Adresse</th><th scope="col">Rôle</th><th scope="col">Périmètre</th><th scope="col">Valable jusqu'au</th><th scope="col">Action</th></tr></thead>
<tbody>{{#PENDING}}<tr data-testid="pending-row"><td>{{EMAIL}}</td><td>{{ROLE}}</td><td>{{SCOPE}}</td><td>{{EXPIRES}}</td><td><form method="post" action="/utilisateurs/invitations/{{ID}}/revoquer"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="fr-btn fr-btn--tertiary fr-btn--sm" type="submit">Révoquer</button></form></td></tr>{{/PENDING}}</tbody></table></div>{{/HAS_PENDING}}
