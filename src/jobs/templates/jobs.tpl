{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Tâches de fond</h1>
<p>Les tâches sont exécutées par chaque instance de la plateforme, une seule à la fois pour une tâche donnée. Une tâche en échec est réessayée automatiquement avec un délai croissant, puis reste ici avec son erreur jusqu'à ce qu'elle soit relancée.</p>
<ul class="fr-badges-group" data-testid="job-counts">
<li><p class="fr-badge fr-badge--info">{{PENDING_COUNT:x-num}} en attente</p></li>
<li><p class="fr-badge fr-badge--new">{{RUNNING_COUNT:x-num}} en cours</p></li>
<li><p class="fr-badge fr-badge--error">{{FAILED_COUNT:x-num}} en échec</p></li>
</ul>
<h2 class="fr-mt-4w">En échec</h2>
<div class="fr-table"><table data-testid="jobs-failed">
<caption>Tâches arrêtées après leur dernière tentative</caption>
<thead><tr><th scope="col">N°</th><th scope="col">Tâche</th><th scope="col">Objet</th><th scope="col">Tentatives</th><th scope="col">Arrêtée le</th><th scope="col">Erreur</th><th scope="col">Action</th></tr></thead>
<tbody>{{#FAILED}}<tr data-testid="job-failed"><td>{{ID}}</td><td>{{KIND}}</td><td>{{SUBJECT}}</td><td>{{ATTEMPTS:x-num}}</td><td>{{FINISHED}}</td><td>{{#NO_ERROR}}—{{/NO_ERROR}}{{#HAS_ERROR}}<p class="fr-text--sm fr-mb-1w" data-testid="job-error">{{ERROR_TEXT}}</p><section class="fr-accordion"><h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="false" aria-controls="job-error-{{ID}}">Détail technique</button></h3><div class="fr-collapse" id="job-error-{{ID}}"><code data-testid="job-error-detail">{{ERROR_DETAIL}}</code></div></section>{{/HAS_ERROR}}</td><td><form method="post" action="/administration/taches/{{ID}}/relancer"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">Relancer</button></form></td></tr>{{/FAILED}}
{{#NO_FAILED}}<tr><td colspan="7">Aucune tâche en échec.</td></tr>{{/NO_FAILED}}</tbody></table></div>
<h2 class="fr-mt-4w">En cours</h2>
<div class="fr-table"><table data-testid="jobs-running">
<caption>Tâches prises par une instance</caption>
<thead><tr><th scope="col">N°</th><th scope="col">Tâche</th><th scope="col">Objet</th><th scope="col">Tentative</th><th scope="col">Commencée le</th><th scope="col">Réservée jusqu'au</th></tr></thead>
<tbody>{{#RUNNING}}<tr data-testid="job-running"><td>{{ID}}</td><td>{{KIND}}</td><td>{{SUBJECT}}</td><td>{{ATTEMPTS:x-num}}</td><td>{{STARTED}}</td><td>{{LOCKED_UNTIL}}</td></tr>{{/RUNNING}}
{{#NO_RUNNING}}<tr><td colspan="6">Aucune tâche en cours.</td></tr>{{/NO_RUNNING}}</tbody></table></div>
<h2 class="fr-mt-4w">En attente</h2>
<div class="fr-table"><table data-testid="jobs-pending">
<caption>Tâches à exécuter, les plus proches d'abord</caption>
<thead><tr><th scope="col">N°</th><th scope="col">Tâche</th><th scope="col">Objet</th><th scope="col">Prévue le</th><th scope="col">Tentatives faites</th><th scope="col">Dernière erreur</th></tr></thead>
<tbody>{{#PENDING}}<tr data-testid="job-pending"><td>{{ID}}</td><td>{{KIND}}</td><td>{{SUBJECT}}</td><td>{{RUN_AT}}</td><td>{{ATTEMPTS:x-num}}</td><td>{{#NO_ERROR}}—{{/NO_ERROR}}{{#HAS_ERROR}}<p class="fr-text--sm fr-mb-1w" data-testid="job-error">{{ERROR_TEXT}}</p><section class="fr-accordion"><h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="false" aria-controls="job-error-{{ID}}">Détail technique</button></h3><div class="fr-collapse" id="job-error-{{ID}}"><code data-testid="job-error-detail">{{ERROR_DETAIL}}</code></div></section>{{/HAS_ERROR}}</td></tr>{{/PENDING}}
{{#NO_PENDING}}<tr><td colspan="6">Aucune tâche en attente.</td></tr>{{/NO_PENDING}}</tbody></table></div>
<h2 class="fr-mt-4w">Terminées ces 7 derniers jours</h2>
<div class="fr-table"><table data-testid="jobs-done">
<caption>Les plus récentes d'abord</caption>
<thead><tr><th scope="col">N°</th><th scope="col">Tâche</th><th scope="col">Objet</th><th scope="col">Tentatives</th><th scope="col">Terminée le</th></tr></thead>
<tbody>{{#DONE}}<tr data-testid="job-done"><td>{{ID}}</td><td>{{KIND}}</td><td>{{SUBJECT}}</td><td>{{ATTEMPTS:x-num}}</td><td>{{FINISHED}}</td></tr>{{/DONE}}
{{#NO_DONE}}<tr><td colspan="5">Aucune tâche terminée ces 7 derniers jours.</td></tr>{{/NO_DONE}}</tbody></table></div>
