{{%AUTOESCAPE context="HTML"}}<h1>Déclaration d'accessibilité</h1>
<p>L'organisme qui exploite {{SITE_NAME}} s'engage à rendre ses services numériques accessibles, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.</p>
<p>Cette déclaration d'accessibilité s'applique à {{SITE_NAME}}, version {{VERSION}}.</p>
<h2>État de conformité</h2>
<p data-testid="conformity-status">{{SITE_NAME}} est <strong>partiellement conforme</strong> avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.2, en raison des non-conformités et des dérogations énumérées ci-dessous.</p>
<h2>Résultats des tests</h2>
<p>L'évaluation est une autoévaluation : aucun audit complet par un organisme extérieur n'a encore été mené. À chaque version, les tests automatiques ouvrent les pages principales dans un navigateur et les contrôlent avec le moteur de règles <code>axe-core</code> (critères WCAG 2.1 de niveaux A et AA) : aucune violation grave ou critique n'y est relevée. Le taux de conformité au RGAA sera publié après l'audit complet.</p>
<h2>Contenus non accessibles</h2>
<h3>Non-conformités</h3>
<ul>
  <li>La documentation de l'API est affichée par un composant tiers (Swagger UI) dont les contrôles dépliables ne suivent pas tous le système de design de l'État ; la description de l'API reste téléchargeable au format OpenAPI.</li>
  <li>Les graphiques des tableaux de bord ont une alternative textuelle par tableau de valeurs ; leurs couleurs n'ont pas toutes été vérifiées pour les daltonismes.</li>
</ul>
<h3>Dérogations pour charge disproportionnée</h3>
<p>Aucune.</p>
<h3>Contenus non soumis à l'obligation d'accessibilité</h3>
<ul>
  <li>Les documents déposés par les utilisateurs comme preuves (plans de continuité, attestations, rapports d'audit …) : ils sont produits hors de {{SITE_NAME}}.</li>
  <li>Les fichiers tableurs exportés (CSV, Excel), destinés à un traitement dans un autre logiciel.</li>
</ul>
<h2>Établissement de cette déclaration</h2>
<p>Cette déclaration a été établie le 1<sup>er</sup> décembre 2026.</p>
<h3>Technologies utilisées pour la réalisation du site</h3>
<ul><li>HTML5</li><li>CSS</li><li>JavaScript (système de design de l'État, DSFR)</li></ul>
<h3>Environnement de test</h3>
<p>Navigateur Chromium piloté par Playwright, moteur de règles <code>axe-core</code>. La navigation au clavier et au lecteur d'écran reste à vérifier lors de l'audit complet.</p>
<h3>Pages ayant fait l'objet de la vérification de conformité</h3>
<ul>
  <li><a href="/">Accueil</a></li>
  <li><a href="/connexion">Connexion</a></li>
  <li><a href="/etablissements">Établissements</a></li>
  <li><a href="/tableau-de-bord">Tableau de bord</a></li>
  <li>Conformité, preuves, plan d'actions, exercices, questionnaire de maturité, formation et budget d'un établissement</li>
  <li><a href="/plan-du-site">Plan du site</a></li>
</ul>
<h2>Retour d'information et contact</h2>
<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez le responsable de {{SITE_NAME}} dans votre organisation (agence régionale de santé ou établissement) pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.</p>
<h2>Voies de recours</h2>
<p>Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu ou à une fonctionnalité du site, que vous nous le signalez et que vous ne parvenez pas à obtenir une réponse de notre part, vous êtes en droit de faire parvenir vos doléances ou une demande de saisine au Défenseur des droits. Plusieurs moyens sont à votre disposition :</p>
<ul>
  <li>écrire un message au Défenseur des droits (formulaire en ligne sur defenseurdesdroits.fr) ;</li>
  <li>contacter le délégué du Défenseur des droits dans votre région ;</li>
  <li>envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>
</ul>
