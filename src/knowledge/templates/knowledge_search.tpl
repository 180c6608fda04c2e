{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">{{H1}}</h1>
<p class="fr-text--lead">{{INTRO}}</p>
<ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
{{#TAB}}  <li><a class="fr-btn{{#OFF}} fr-btn--tertiary{{/OFF}}" href="{{URL}}"{{#ON}} aria-current="page"{{/ON}} data-testid="knowledge-tab">{{LABEL}}</a></li>
{{/TAB}}<!--cp-if-{{MARK}}:edit_registry-->  <li><a class="fr-btn fr-btn--secondary" href="/connaissances/nouvelle" data-testid="knowledge-new">Ajouter une entrée</a></li>
  <li><a class="fr-btn fr-btn--tertiary" href="/connaissances/offres-regionales" data-testid="knowledge-regional">Offres régionales</a></li>
  <li><a class="fr-btn fr-btn--tertiary" href="/connaissances/fichier" data-testid="knowledge-file">Exporter ou importer</a></li><!--/cp-if-{{MARK}}:edit_registry-->
</ul>
<form method="get" action="{{ACTION}}" class="fr-mb-3w" data-testid="knowledge-search-form">
  {{#HIDDEN}}<input type="hidden" name="{{NAME}}" value="{{VALUE}}">{{/HIDDEN}}
  <div class="fr-search-bar fr-search-bar--lg{{#ERROR}} fr-input-group--error{{/ERROR}}" role="search">
    <label class="fr-label" for="knowledge-q">Rechercher</label>
    <input class="fr-input" type="search" id="knowledge-q" name="q" value="{{Q}}" placeholder="Rechercher : PCRI, sauvegarde hors ligne, badge…" maxlength="300" data-testid="knowledge-q">
    <button class="fr-btn" type="submit" title="Rechercher" data-testid="knowledge-submit">Rechercher</button>
  </div>
  {{#ERROR}}<p class="fr-error-text" id="q" data-testid="knowledge-error">{{MSG}}</p>{{/ERROR}}
</form>
{{#NO_WORDS}}<div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w" data-testid="knowledge-no-words"><p>Votre recherche ne contient aucun mot à chercher : toutes les entrées sont listées.</p></div>{{/NO_WORDS}}
<div class="fr-grid-row fr-grid-row--gutters">
  <div class="fr-col-12 fr-col-md-3">
    {{#FACET}}<p class="fr-text--bold fr-mb-1w">{{LABEL}}</p>
    <ul class="fr-tags-group">{{#VALUE}}<li><a class="fr-tag{{#ON}} fr-tag--icon-left fr-icon-check-line{{/ON}}" href="{{URL}}"{{#ON}} aria-current="true" title="Filtre actif : cliquez pour le retirer" data-testid="knowledge-facet-on"{{/ON}}>{{LABEL}} ({{COUNT:x-num}})</a></li>{{/VALUE}}</ul>{{/FACET}}
  </div>
  <div class="fr-col-12 fr-col-md-9">
    {{#ACTIVE}}<div class="fr-mb-2w" data-testid="knowledge-active-filters"><p class="fr-text--bold fr-mb-1w">Filtres actifs</p>
    <ul class="fr-tags-group">{{#FILTER}}<li><a class="fr-tag fr-tag--icon-left fr-icon-close-line" href="{{URL}}" aria-label="Retirer le filtre {{LABEL}}" data-testid="knowledge-active-filter">{{LABEL}}</a></li>{{/FILTER}}{{#ALL}}<li><a class="fr-link fr-link--sm" href="{{URL}}" data-testid="knowledge-clear-filters">Retirer tous les filtres</a></li>{{/ALL}}</ul></div>{{/ACTIVE}}
    {{#SOME}}<p data-testid="knowledge-total">{{TOTAL:x-plural=résultat/résultats}}</p>{{/SOME}}
    {{#BROAD}}<div class="fr-alert fr-alert--info fr-alert--sm fr-mb-2w" data-testid="knowledge-broad"><p>Recherche très large : seules les {{RANKED}} premières entrées trouvées sont classées par pertinence. Ajoutez un mot ou choisissez un filtre pour voir les plus pertinentes de toutes.</p></div>{{/BROAD}}
    {{#ANY_WORD}}<div class="fr-alert fr-alert--info fr-alert--sm fr-mb-2w" data-testid="knowledge-any-word"><p>Aucune entrée ne contient tous les mots de votre recherche : voici celles qui en contiennent une partie, celles qui en contiennent le plus d'abord.</p></div>{{/ANY_WORD}}
    {{#NONE}}<p data-testid="knowledge-total">Aucun résultat. Essayez d'autres mots ou retirez un filtre.</p>{{/NONE}}
    <ol class="fr-raw-list" data-testid="knowledge-hits">
    {{#HIT}}<li class="fr-mb-3w" data-testid="knowledge-hit">
      <h2 class="fr-h5 fr-mb-1w"><a href="{{URL}}">{{TITLE}}</a></h2>
      <p class="fr-mb-1w"><span class="fr-badge fr-badge--sm fr-badge--blue-cumulus">{{KIND}}</span> <span class="fr-badge fr-badge--sm">{{THEME}}</span>{{#OFFER}} <span class="fr-badge fr-badge--sm fr-badge--green-emeraude">{{REGION}}</span>{{/OFFER}}{{#DATE}} <span class="fr-badge fr-badge--sm fr-badge--purple-glycine">{{DATE}}</span>{{/DATE}}</p>
      {{#OFFER}}<p class="fr-text--sm fr-mb-1w">{{PROVIDER}} — {{OFFER_KIND}}</p>{{/OFFER}}
      <p class="fr-text--sm">{{#SEG}}{{#HIT_ON}}<mark>{{TEXT}}</mark>{{/HIT_ON}}{{#HIT_OFF}}{{TEXT}}{{/HIT_OFF}}{{/SEG}}</p>
    </li>{{/HIT}}
    </ol>
    {{#PAGES}}<nav role="navigation" class="fr-pagination" aria-label="Pagination">
      <ul class="fr-pagination__list">
        {{#PREV}}<li><a class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" href="{{URL}}">Page précédente</a></li>{{/PREV}}
        <li><a class="fr-pagination__link" aria-current="page" title="Page {{PAGE}}">Page {{PAGE}} sur {{PAGE_COUNT}}</a></li>
        {{#NEXT}}<li><a class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" href="{{URL}}">Page suivante</a></li>{{/NEXT}}
      </ul>
    </nav>{{/PAGES}}
  </div>
</div>
