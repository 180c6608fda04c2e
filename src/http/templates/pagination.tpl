{{%AUTOESCAPE context="HTML"}}<nav role="navigation" class="fr-pagination fr-my-3w" aria-label="{{LABEL}}" data-testid="pagination">
<p class="fr-mb-1w" data-testid="page-count">Page {{PAGE}} sur {{PAGES}}</p>
<ul class="fr-pagination__list">
<li>{{#FIRST}}<a class="fr-pagination__link fr-pagination__link--first" href="{{HREF}}" data-testid="page-first">Première page</a>{{/FIRST}}{{#NO_FIRST}}<a class="fr-pagination__link fr-pagination__link--first" aria-disabled="true" role="link">Première page</a>{{/NO_FIRST}}</li>
<li>{{#PREV}}<a class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" href="{{HREF}}" data-testid="page-prev">Page précédente</a>{{/PREV}}{{#NO_PREV}}<a class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" aria-disabled="true" role="link">Page précédente</a>{{/NO_PREV}}</li>
{{#GAP_BEFORE}}<li><span class="fr-pagination__link">…</span></li>{{/GAP_BEFORE}}
{{#NUMBER}}<li>{{#CURRENT}}<a class="fr-pagination__link" aria-current="page" title="Page {{N}}" data-testid="page-number">{{N}}</a>{{/CURRENT}}{{#OTHER}}<a class="fr-pagination__link" href="{{HREF}}" title="Page {{N}}" data-testid="page-number">{{N}}</a>{{/OTHER}}</li>{{/NUMBER}}
{{#GAP_AFTER}}<li><span class="fr-pagination__link">…</span></li>{{/GAP_AFTER}}
<li>{{#NEXT}}<a class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" href="{{HREF}}" data-testid="page-next">Page suivante</a>{{/NEXT}}{{#NO_NEXT}}<a class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" aria-disabled="true" role="link">Page suivante</a>{{/NO_NEXT}}</li>
<li>{{#LAST}}<a class="fr-pagination__link fr-pagination__link--last" href="{{HREF}}" data-testid="page-last">Dernière page</a>{{/LAST}}{{#NO_LAST}}<a class="fr-pagination__link fr-pagination__link--last" aria-disabled="true" role="link">Dernière page</a>{{/NO_LAST}}</li>
</ul>
</nav>
