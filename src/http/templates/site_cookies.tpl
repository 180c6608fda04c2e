{{%AUTOESCAPE context="HTML"}}<h1>Gestion des cookies</h1>
<p>{{SITE_NAME}} ne dépose aucun cookie de mesure d'audience, de publicité ou de réseau social, et ne fait appel à aucun service tiers : aucun consentement ne vous est donc demandé.</p>
<div class="fr-table">
<table>
  <caption>Ce que {{SITE_NAME}} garde dans votre navigateur</caption>
  <thead><tr><th scope="col">Nom</th><th scope="col">Rôle</th><th scope="col">Durée</th></tr></thead>
  <tbody>
    <tr><td>Cookie de session</td><td>Vous garder connecté après la connexion ; strictement nécessaire au service, exempté de consentement</td><td>Jusqu'à la déconnexion ou la fermeture du navigateur, au plus 12 heures</td></tr>
    <tr><td>Thème d'affichage (stockage local du navigateur)</td><td>Retenir le thème clair, sombre ou système choisi dans les paramètres d'affichage ; n'est jamais envoyé au serveur</td><td>Jusqu'à ce que vous le changiez ou effaciez les données du site</td></tr>
  </tbody>
</table>
</div>
<p>Vous pouvez effacer ces données à tout moment dans les réglages de votre navigateur ; il vous faudra alors vous connecter de nouveau.</p>
