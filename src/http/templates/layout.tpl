{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="fr" data-fr-scheme="system">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
<meta name="format-detection" content="telephone=no">
<link rel="stylesheet" href="/static/dsfr/dsfr.min.css">
<link rel="stylesheet" href="/static/dsfr/utility/icons/icons.min.css">
<link rel="stylesheet" href="/static/app/carepilot.css">
{{#STATE_OPERATOR}}<link rel="icon" href="/static/dsfr/favicon/favicon.svg" type="image/svg+xml">{{/STATE_OPERATOR}}{{#NOT_STATE_OPERATOR}}<link rel="icon" href="/static/app/favicon.svg" type="image/svg+xml">{{/NOT_STATE_OPERATOR}}
<title>{{TITLE}} — {{SITE_NAME}}</title>
</head>
<body>
<div class="fr-skiplinks">
  <nav class="fr-container" role="navigation" aria-label="Accès rapide">
    <ul class="fr-skiplinks__list">
      <li><a class="fr-link" href="#contenu">Contenu</a></li>
      <li><a class="fr-link" href="#navigation">Menu</a></li>
      <li><a class="fr-link" href="#footer">Pied de page</a></li>
    </ul>
  </nav>
</div>
<header role="banner" class="fr-header">
  <div class="fr-header__body">
    <div class="fr-container">
      <div class="fr-header__body-row">
        <div class="fr-header__brand fr-enlarge-link">
          <div class="fr-header__brand-top">
            {{#STATE_OPERATOR}}<div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div>{{/STATE_OPERATOR}}
            <div class="fr-header__navbar">
              <button class="fr-btn--search fr-btn" data-fr-opened="false" aria-controls="header-search-modal" title="Rechercher">Rechercher</button>
              <button class="fr-btn--menu fr-btn" data-fr-opened="false" aria-controls="menu-modal" aria-haspopup="menu" id="button-menu" title="Menu">Menu</button>
            </div>
          </div>
          <div class="fr-header__service">
            <a href="/" title="Accueil — {{SITE_NAME}}"><p class="fr-header__service-title">{{SITE_NAME}}</p></a>
            <p class="fr-header__service-tagline">Cybersécurité des établissements de santé — programme CaRE</p>
          </div>
        </div>
          <div class="fr-header__tools">
            <!--cp-if-{{MARK}}:signed_in--><div class="fr-header__tools-links">
              <ul class="fr-btns-group">
                <li><a class="fr-btn fr-icon-account-circle-line" href="/compte" data-testid="account-link">cp-user-{{MARK}}</a></li>
                <li><form method="post" action="/deconnexion"><input type="hidden" name="csrf" value="cp-csrf-{{MARK}}"><button class="fr-btn fr-icon-logout-box-r-line" type="submit" data-testid="logout">Se déconnecter</button></form></li>
              </ul>
            </div><!--/cp-if-{{MARK}}:signed_in-->
            <div class="fr-header__search fr-modal" id="header-search-modal">
              <div class="fr-container fr-container-lg--fluid">
                <button class="fr-btn--close fr-btn" aria-controls="header-search-modal" title="Fermer">Fermer</button>
                <form method="get" action="/connaissances" role="search" data-testid="header-search">
                  <div class="fr-search-bar" id="header-search">
                    <label class="fr-label" for="header-search-input">Rechercher dans les ressources</label>
                    <input class="fr-input" placeholder="Rechercher dans les ressources" type="search" id="header-search-input" name="q" maxlength="300" data-testid="header-search-input">
                    <button class="fr-btn" title="Rechercher dans les ressources" type="submit" data-testid="header-search-submit">Rechercher</button>
                  </div>
                </form>
              </div>
            </div>
          </div>
      </div>
    </div>
  </div>
  <div class="fr-header__menu fr-modal" id="menu-modal" aria-labelledby="button-menu">
    <div class="fr-container">
      <button class="fr-btn--close fr-btn" aria-controls="menu-modal" title="Fermer">Fermer</button>
      <div class="fr-header__menu-links"></div>
      <nav class="fr-nav" id="navigation" role="navigation" aria-label="Menu principal">
        <ul class="fr-nav__list">
<!--cp-if-{{MARK}}:read-->          <li class="fr-nav__item"><a class="fr-nav__link" href="/"{{#NAV_accueil}} aria-current="page"{{/NAV_accueil}}>Accueil</a></li>
          <li class="fr-nav__item"><a class="fr-nav__link" href="/etablissements"{{#NAV_etablissements}} aria-current="page"{{/NAV_etablissements}}>Établissements</a></li>
          <li class="fr-nav__item"><a class="fr-nav__link" href="/tableau-de-bord"{{#NAV_tableau_de_bord}} aria-current="page"{{/NAV_tableau_de_bord}}>Tableau de bord</a></li>
          <li class="fr-nav__item"><a class="fr-nav__link" href="/retards"{{#NAV_retards}} aria-current="page"{{/NAV_retards}}>Retards</a></li>
          <li class="fr-nav__item"><a class="fr-nav__link" href="/financements"{{#NAV_financements}} aria-current="page"{{/NAV_financements}}>Financements</a></li><!--/cp-if-{{MARK}}:read-->
<!--cp-if-{{MARK}}:edit_registry-->          <li class="fr-nav__item"><a class="fr-nav__link" href="/import"{{#NAV_import}} aria-current="page"{{/NAV_import}}>Import FINESS</a></li><!--/cp-if-{{MARK}}:edit_registry-->
<!--cp-if-{{MARK}}:manage_users-->          <li class="fr-nav__item"><a class="fr-nav__link" href="/utilisateurs"{{#NAV_utilisateurs}} aria-current="page"{{/NAV_utilisateurs}}>Utilisateurs</a></li><!--/cp-if-{{MARK}}:manage_users-->
<!--cp-if-{{MARK}}:view_audit-->          <li class="fr-nav__item"><a class="fr-nav__link" href="/journal"{{#NAV_journal}} aria-current="page"{{/NAV_journal}}>Journal</a></li><!--/cp-if-{{MARK}}:view_audit-->
<!--cp-if-{{MARK}}:operate_platform-->          <li class="fr-nav__item"><a class="fr-nav__link" href="/administration/taches"{{#NAV_taches}} aria-current="page"{{/NAV_taches}}>Tâches</a></li><!--/cp-if-{{MARK}}:operate_platform-->
          <li class="fr-nav__item"><a class="fr-nav__link" href="/connaissances"{{#NAV_connaissances}} aria-current="page"{{/NAV_connaissances}}>Ressources</a></li>
<!--cp-if-{{MARK}}:signed_in-->          <li class="fr-nav__item"><a class="fr-nav__link" href="/documentation-api"{{#NAV_api}} aria-current="page"{{/NAV_api}}>Documentation de l'API</a></li><!--/cp-if-{{MARK}}:signed_in-->
        </ul>
      </nav>
    </div>
  </div>
</header>
<main id="contenu" role="main" tabindex="-1">
  <div class="fr-container fr-mb-8w">
    {{#HAS_BREADCRUMB}}
    <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
      <button class="fr-breadcrumb__button" aria-expanded="false" aria-controls="breadcrumb">Voir le fil d'Ariane</button>
      <div class="fr-collapse" id="breadcrumb">
        <ol class="fr-breadcrumb__list">
          {{#CRUMB}}<li><a class="fr-breadcrumb__link" href="{{HREF}}">{{LABEL}}</a></li>{{/CRUMB}}
          {{#CRUMB_CURRENT}}<li><a class="fr-breadcrumb__link" aria-current="page">{{LABEL}}</a></li>{{/CRUMB_CURRENT}}
        </ol>
      </div>
    </nav>
    {{/HAS_BREADCRUMB}}
    {{#HAS_FLASH}}<div class="fr-alert fr-alert--success fr-alert--sm fr-mt-2w" role="status"><p>{{FLASH}}</p></div>{{/HAS_FLASH}}
    {{#HAS_FLASH_ERROR}}<div class="fr-alert fr-alert--error fr-alert--sm fr-mt-2w" role="alert"><p>{{FLASH_ERROR}}</p></div>{{/HAS_FLASH_ERROR}}
    {{CONTENT:none}}
  </div>
</main>
<footer class="fr-footer" role="contentinfo" id="footer">
  <div class="fr-container">
    <div class="fr-footer__body">
      <div class="fr-footer__brand fr-enlarge-link">
        {{#STATE_OPERATOR}}<p class="fr-logo">République<br>Française</p>{{/STATE_OPERATOR}}
        {{#NOT_STATE_OPERATOR}}<a class="fr-footer__brand-link" href="/" title="Retour à l'accueil — {{SITE_NAME}}"><span class="cp-brand">{{SITE_NAME}}</span></a>{{/NOT_STATE_OPERATOR}}
      </div>
      <div class="fr-footer__content">
        <p class="fr-footer__content-desc">carepilot aide les établissements de santé à conduire et prouver leur mise en conformité cyber (instruction DNS/2025/12, programme CaRE), et leurs tutelles à suivre leur territoire.</p>
      </div>
    </div>
    <div class="fr-footer__bottom">
      <ul class="fr-footer__bottom-list">
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/plan-du-site" data-testid="footer-plan">Plan du site</a></li>
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/accessibilite" data-testid="footer-accessibilite">Accessibilité : partiellement conforme</a></li>
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/mentions-legales" data-testid="footer-mentions">Mentions légales</a></li>
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/donnees-personnelles" data-testid="footer-donnees">Données personnelles</a></li>
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/gestion-des-cookies" data-testid="footer-cookies">Gestion des cookies</a></li>
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/documentation-api" data-testid="footer-api">Documentation de l'API</a></li>
        <li class="fr-footer__bottom-item"><button type="button" class="fr-footer__bottom-link fr-icon-theme-fill fr-btn--icon-left" aria-controls="fr-theme-modal" data-fr-opened="false" data-testid="display-settings">Paramètres d'affichage</button></li>
        <li class="fr-footer__bottom-item"><span class="fr-footer__bottom-link">Version {{VERSION}}</span></li>
      </ul>
      <div class="fr-footer__bottom-copy"><p>Données de démonstration signalées « démo ». Contenus sous licence etalab-2.0 sauf mention contraire.</p></div>
    </div>
  </div>
</footer>
<dialog id="fr-theme-modal" class="fr-modal" aria-labelledby="fr-theme-modal-title">
  <div class="fr-container fr-container--fluid fr-container-md">
    <div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-6 fr-col-lg-4">
        <div class="fr-modal__body">
          <div class="fr-modal__header">
            <button type="button" class="fr-btn--close fr-btn" aria-controls="fr-theme-modal" title="Fermer">Fermer</button>
          </div>
          <div class="fr-modal__content">
            <h2 id="fr-theme-modal-title" class="fr-modal__title">Paramètres d'affichage</h2>
            <div id="fr-display" class="fr-display">
              <fieldset class="fr-fieldset" id="display-fieldset">
                <legend class="fr-fieldset__legend--regular fr-fieldset__legend" id="display-fieldset-legend">Choisissez un thème pour personnaliser l'apparence du site.</legend>
                <div class="fr-fieldset__element">
                  <div class="fr-radio-group fr-radio-rich">
                    <input value="light" type="radio" id="fr-radios-theme-light" name="fr-radios-theme">
                    <label class="fr-label" for="fr-radios-theme-light">Thème clair</label>
                    <div class="fr-radio-rich__pictogram"><svg aria-hidden="true" class="fr-artwork" viewBox="0 0 80 80" width="80px" height="80px"><use class="fr-artwork-decorative" href="/static/dsfr/artwork/pictograms/environment/sun.svg#artwork-decorative"></use><use class="fr-artwork-minor" href="/static/dsfr/artwork/pictograms/environment/sun.svg#artwork-minor"></use><use class="fr-artwork-major" href="/static/dsfr/artwork/pictograms/environment/sun.svg#artwork-major"></use></svg></div>
                  </div>
                </div>
                <div class="fr-fieldset__element">
                  <div class="fr-radio-group fr-radio-rich">
                    <input value="dark" type="radio" id="fr-radios-theme-dark" name="fr-radios-theme">
                    <label class="fr-label" for="fr-radios-theme-dark">Thème sombre</label>
                    <div class="fr-radio-rich__pictogram"><svg aria-hidden="true" class="fr-artwork" viewBox="0 0 80 80" width="80px" height="80px"><use class="fr-artwork-decorative" href="/static/dsfr/artwork/pictograms/environment/moon.svg#artwork-decorative"></use><use class="fr-artwork-minor" href="/static/dsfr/artwork/pictograms/environment/moon.svg#artwork-minor"></use><use class="fr-artwork-major" href="/static/dsfr/artwork/pictograms/environment/moon.svg#artwork-major"></use></svg></div>
                  </div>
                </div>
                <div class="fr-fieldset__element">
                  <div class="fr-radio-group fr-radio-rich">
                    <input value="system" type="radio" id="fr-radios-theme-system" name="fr-radios-theme">
                    <label class="fr-label" for="fr-radios-theme-system">Système <span class="fr-hint-text">Utilise les paramètres système</span></label>
                    <div class="fr-radio-rich__pictogram"><svg aria-hidden="true" class="fr-artwork" viewBox="0 0 80 80" width="80px" height="80px"><use class="fr-artwork-decorative" href="/static/dsfr/artwork/pictograms/system/system.svg#artwork-decorative"></use><use class="fr-artwork-minor" href="/static/dsfr/artwork/pictograms/system/system.svg#artwork-minor"></use><use class="fr-artwork-major" href="/static/dsfr/artwork/pictograms/system/system.svg#artwork-major"></use></svg></div>
                  </div>
                </div>
              </fieldset>
            </div>
          </div>
        </div>
      </div>
    </div>
  </div>
</dialog>
<script type="module" src="/static/dsfr/dsfr.module.min.js"></script>
<script nomodule src="/static/dsfr/dsfr.nomodule.min.js"></script>
</body>
</html>
