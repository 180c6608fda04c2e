{{%AUTOESCAPE context="HTML"}}<link rel="stylesheet" href="/static/api/swagger-ui.css">
<link rel="stylesheet" href="/static/app/api-docs.css">
<h1>Documentation de l'API</h1>
<p>L'API JSON de {{SITE_NAME}} (<code>/api/v1</code>) s'utilise avec un jeton d'accès créé depuis la page <a href="/compte">Mon compte</a>. La description complète se télécharge au format OpenAPI 3 : <a href="/api/v1/openapi.json" data-testid="openapi-download">openapi.json</a>.</p>
<div id="cp-api-docs" class="cp-api-docs" data-url="/api/v1/openapi.json" data-testid="api-docs"><p>Chargement de la documentation…</p></div>
<script src="/static/api/swagger-ui-bundle.js"></script>
<script src="/static/app/api-docs.js"></script>
