{{%AUTOESCAPE context="HTML"}}<h1>Données personnelles</h1>
<p>Le responsable du traitement est l'organisme qui exploite {{SITE_NAME}}. Le traitement repose sur l'exécution d'une mission d'intérêt public (article 6, paragraphe 1, point e, du règlement général sur la protection des données).</p>
<h2>Données traitées</h2>
<div class="fr-table">
<table>
  <caption>Données personnelles traitées par {{SITE_NAME}}</caption>
  <thead><tr><th scope="col">Données</th><th scope="col">Finalité</th><th scope="col">Durée de conservation</th></tr></thead>
  <tbody>
    <tr><td>Compte : adresse électronique, nom, rôle, établissement ou territoire</td><td>Ouvrir l'accès au service selon le rôle</td><td>Jusqu'à la désactivation du compte</td></tr>
    <tr><td>Mot de passe (empreinte seulement), clé du second facteur, codes de secours (empreintes)</td><td>Authentifier l'utilisateur</td><td>Jusqu'au changement ou à la désactivation du compte</td></tr>
    <tr><td>Session : identifiant aléatoire, dates de connexion et de dernière activité</td><td>Maintenir la connexion</td><td>Au plus 12 heures, moins après une inactivité</td></tr>
    <tr><td>Journal : auteur, date et objet de chaque modification, connexions et échecs de connexion</td><td>Tracer les modifications des preuves et la sécurité des comptes</td><td>Durée fixée par l'organisme exploitant pour ses journaux de sécurité</td></tr>
    <tr><td>Auteur des preuves, des actions et des commentaires</td><td>Attribuer les preuves de conformité</td><td>Autant que la preuve elle-même</td></tr>
  </tbody>
</table>
</div>
<p>Aucune donnée n'est transmise à un tiers ni utilisée à des fins commerciales ou de mesure d'audience. Seules les personnes habilitées de l'organisme exploitant y accèdent.</p>
<h2>Vos droits</h2>
<p>Vous pouvez accéder aux données qui vous concernent, les faire rectifier, demander la limitation de leur traitement ou vous y opposer, en vous adressant au délégué à la protection des données de l'organisme exploitant. Si vous estimez, après l'avoir contacté, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission nationale de l'informatique et des libertés (CNIL).</p>
<p>Voir aussi la page <a href="/gestion-des-cookies">Gestion des cookies</a>.</p>
