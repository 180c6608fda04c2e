{{%AUTOESCAPE context="HTML"}}<h1>Mentions légales</h1>
<h2>Éditeur</h2>
<p>{{SITE_NAME}} est édité par l'organisme qui exploite cette instance (agence régionale de santé, groupement ou opérateur désigné par le ministère chargé de la santé). Son représentant légal est le directeur de publication.</p>
<h2>Hébergement</h2>
<p>Le service est hébergé sur l'infrastructure de l'organisme exploitant, par un hébergeur certifié pour les données de santé lorsque des données de santé y sont déposées.</p>
<h2>Finalité du service</h2>
<p>{{SITE_NAME}} aide les établissements de santé à conduire et à prouver leur mise en conformité en cybersécurité (instruction DNS/2025/12, programme CaRE), et leurs tutelles à suivre leur territoire.</p>
<h2>Licences et réutilisation</h2>
<p>Les contenus éditoriaux sont publiés sous licence ouverte etalab-2.0 sauf mention contraire. Le répertoire des établissements provient du fichier national des établissements sanitaires et sociaux (FINESS), publié sous licence ouverte. L'interface utilise le système de design de l'État (DSFR) et, pour la documentation de l'API, Swagger UI (licence Apache 2.0).</p>
<h2>Accessibilité</h2>
<p>Voir la <a href="/accessibilite">déclaration d'accessibilité</a>.</p>
<h2>Données personnelles et cookies</h2>
<p>Voir les pages <a href="/donnees-personnelles">Données personnelles</a> et <a href="/gestion-des-cookies">Gestion des cookies</a>.</p>
<h2>Sécurité</h2>
<p>Une vulnérabilité se signale au responsable de la sécurité de l'organisme exploitant ; elle ne doit pas être exploitée au-delà de ce qui est nécessaire pour la démontrer.</p>
