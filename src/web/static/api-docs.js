// Renders the API documentation page with the local copy of Swagger UI (swagger-ui-dist,
// served under /static/api/). A separate file: the CSP allows no inline script.
(function () {
  var node = document.getElementById('cp-api-docs');
  if (!node || typeof window.SwaggerUIBundle !== 'function') return;
  node.textContent = '';
  window.SwaggerUIBundle({
    url: node.getAttribute('data-url'),
    domNode: node,
    deepLinking: false,
    validatorUrl: null,
    tryItOutEnabled: false,
    supportedSubmitMethods: [],
    defaultModelsExpandDepth: 0,
    docExpansion: 'list',
  });
}());
