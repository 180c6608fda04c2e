// Renders the API documentation page with the local copy of Swagger UI (swagger-ui-dist,
// served under /static/api/). A separate file: the CSP allows no inline script.
// Swagger UI has no translations: its own layout is replaced by a smaller one (no second
// <main> — the page's layout has one —, no servers list nor « Authorize » button: one server,
// and the API is tried with a token from « Mon compte »), and the words it writes itself are
// relabelled in French as they appear.
(function () {
  var node = document.getElementById('cp-api-docs');
  if (!node || typeof window.SwaggerUIBundle !== 'function') return;
  node.textContent = '';

  // Swagger UI's own words (exact texts of its elements) and their French.
  var FRENCH = {
    'default': 'Autres opérations',
    'Servers': 'Serveurs',
    'Authorize': 'Autoriser',
    'Parameters': 'Paramètres',
    'No parameters': 'Aucun paramètre',
    'Responses': 'Réponses',
    'Response content type': 'Type de contenu de la réponse',
    'Request body': 'Corps de la requête',
    'required': 'obligatoire',
    'Name': 'Nom',
    'Links': 'Liens',
    'No links': 'Aucun lien',
    'Media type': 'Type de média',
    'Controls Accept header.': 'Définit l\'en-tête Accept.',
    'Example Value': 'Exemple',
    'Example': 'Exemple',
    'Example :': 'Exemple :',
    '(query)': '(requête)',
    '(path)': '(chemin)',
    '(header)': '(en-tête)',
    '(body)': '(corps)',
    'Default value': 'Valeur par défaut',
    'Available values': 'Valeurs possibles',
    'Responses:': 'Réponses :',
    'Response body': 'Corps de la réponse',
    'Response headers': 'En-têtes de la réponse',
    'Undocumented': 'Non documentée',
    'Loading...': 'Chargement…',
    'JSON Schema dialect:': 'Dialecte JSON Schema :',
    'JSON Schema dialect': 'Dialecte JSON Schema',
    'Schema': 'Schéma',
    'Schemas': 'Schémas',
    'Models': 'Modèles',
    'Examples': 'Exemples',
    'Example Description': 'Description de l\'exemple',
    'Try it out': 'Essayer',
    'Cancel': 'Annuler',
    'Execute': 'Exécuter',
    'Clear': 'Effacer',
    'Expand all': 'Tout déplier',
    'Collapse all': 'Tout replier',
    'Filter by tag': 'Filtrer par thème',
    'Download': 'Télécharger',
    'Headers:': 'En-têtes :',
    'Deprecated': 'Obsolète',
    'Terms of service': 'Conditions d\'utilisation',
    'Contact the developer': 'Contacter l\'équipe',
    'No operations defined in spec!': 'Aucune opération décrite.',
    'Failed to load API definition.': 'La description de l\'API n\'a pas pu être chargée.',
  };
  var TITLES = { 'Copy to clipboard': 'Copier', 'Expand operation': 'Déplier l\'opération',
    'Collapse operation': 'Replier l\'opération' };

  // Where a parameter goes, written « (query) » in three text nodes.
  var PLACES = { query: 'requête', path: 'chemin', header: 'en-tête', cookie: 'cookie' };

  function relabel(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      var t = n.nodeValue.trim();
      var parent = n.parentNode;
      if (parent && parent.classList && parent.classList.contains('parameter__in') &&
          Object.prototype.hasOwnProperty.call(PLACES, t) && PLACES[t] !== t) {
        n.nodeValue = n.nodeValue.replace(t, PLACES[t]);
        continue;
      }
      if (t && Object.prototype.hasOwnProperty.call(FRENCH, t) && FRENCH[t] !== t) {
        n.nodeValue = n.nodeValue.replace(t, FRENCH[t]);
      }
    }
    if (root.querySelectorAll) {
      root.querySelectorAll('[title],[aria-label]').forEach(function (e) {
        ['title', 'aria-label'].forEach(function (a) {
          var v = e.getAttribute(a);
          if (v && Object.prototype.hasOwnProperty.call(TITLES, v)) e.setAttribute(a, TITLES[v]);
        });
      });
    }
  }
  new MutationObserver(function (changes) {
    changes.forEach(function (c) {
      if (c.type === 'characterData') relabel(c.target.parentNode || c.target);
      c.addedNodes.forEach(function (a) { relabel(a.nodeType === 3 ? a.parentNode : a); });
    });
  }).observe(node, { childList: true, subtree: true, characterData: true });

  // The layout: the description, the filter and the operations, without <main>.
  function CarepilotLayoutPlugin(system) {
    return {
      components: {
        CarepilotLayout: function CarepilotLayout(props) {
          // Swagger UI's own React (its system carries it).
          var React = (system && system.React) || props.getSystem().React;
          var h = React.createElement;
          var get = props.getComponent;
          var status = props.specSelectors.loadingStatus();
          if (status !== 'success') {
            return h('div', { className: 'swagger-ui' }, h('p', null, status === 'failed'
              ? 'La description de l\'API n\'a pas pu être chargée.' : 'Chargement de la documentation…'));
          }
          var Row = get('Row');
          var Col = get('Col');
          var cell = function (C) { return h(Row, null, h(Col, { mobile: 12, desktop: 12 }, h(C, null))); };
          return h('div', { className: 'swagger-ui' },
            h(get('SvgAssets'), null),
            h('div', { className: 'information-container wrapper' }, cell(get('InfoContainer', true))),
            h(get('FilterContainer', true), null),
            h('div', { id: 'operations', className: 'wrapper' },
              cell(get('operations', true)), cell(get('Models', true))));
        },
      },
    };
  }

  window.SwaggerUIBundle({
    url: node.getAttribute('data-url'),
    domNode: node,
    deepLinking: false,
    validatorUrl: null,
    tryItOutEnabled: false,
    supportedSubmitMethods: [],
    defaultModelsExpandDepth: 0,
    docExpansion: 'list',
    plugins: [CarepilotLayoutPlugin],
    layout: 'CarepilotLayout',
  });
}());
