{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w" data-testid="knowledge-title">{{TITLE}}</h1>
<p><span class="fr-badge fr-badge--blue-cumulus">{{KIND}}</span> <span class="fr-badge">{{THEME}}</span>{{#OFFER}} <span class="fr-badge fr-badge--green-emeraude">{{REGION}}</span>{{/OFFER}}</p>
{{#SUMMARY}}<div data-testid="knowledge-summary">{{#PARA}}<p class="fr-text--lg">{{#LINE}}{{#BR}}<br>{{/BR}}{{TEXT}}{{/LINE}}</p>{{/PARA}}</div>{{/SUMMARY}}
<div class="fr-table fr-table--no-caption"><table>
  <caption>Détails</caption>
  <tbody>{{#FIELD}}<tr><th scope="row">{{LABEL}}</th><td>{{VALUE}}</td></tr>{{/FIELD}}</tbody>
</table></div>
{{#HAS_PALIERS}}<h2 class="fr-h5">Paliers</h2><ol>{{#PALIER}}<li>{{TEXT}}</li>{{/PALIER}}</ol>{{/HAS_PALIERS}}
{{#HAS_OBLIGATIONS}}<h2 class="fr-h5">Obligations concernées</h2><ul data-testid="knowledge-obligations">{{#OBLIGATION}}<li>{{TITLE}}</li>{{/OBLIGATION}}</ul>{{/HAS_OBLIGATIONS}}
{{#HAS_OBJECTIVES}}<h2 class="fr-h5">Objectifs de financement concernés</h2><ul data-testid="knowledge-objectives">{{#OBJECTIVE}}<li data-objective="{{ID}}">{{#LINKED}}<a href="{{URL}}" data-testid="knowledge-objective-link">{{TEXT}}</a>{{/LINKED}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}</li>{{/OBJECTIVE}}</ul>{{/HAS_OBJECTIVES}}
{{#HOWTO}}<h2 class="fr-h5">Comment faire ?</h2><ul class="fr-raw-list" data-testid="how-to">{{#ITEM}}<li class="fr-mb-1w"><span class="fr-badge fr-badge--sm fr-badge--blue-cumulus">{{KIND}}</span> <a href="{{URL}}" data-testid="how-to-link">{{TITLE}}</a></li>{{/ITEM}}</ul>{{/HOWTO}}
{{#NOTE}}<div class="fr-callout fr-mb-3w"><h2 class="fr-callout__title fr-h6">Ce que les textes ne précisent pas</h2>{{#PARA}}<p class="fr-callout__text">{{#LINE}}{{#BR}}<br>{{/BR}}{{TEXT}}{{/LINE}}</p>{{/PARA}}</div>{{/NOTE}}
{{#LINK}}<p><a class="fr-link" href="{{URL}}" target="_blank" rel="noopener" title="Ouvrir la page de référence — nouvelle fenêtre">Page de référence</a></p>{{/LINK}}
{{#SOURCE}}<p class="fr-text--sm">Source : {{TEXT}}</p>{{/SOURCE}}
{{#EDIT}}<!--cp-if-{{MARK}}:edit_registry--><ul class="fr-btns-group fr-btns-group--inline-md">
  <li><a class="fr-btn fr-btn--secondary" href="{{URL}}/modifier" data-testid="knowledge-edit">Modifier</a></li>
</ul><!--/cp-if-{{MARK}}:edit_registry-->{{/EDIT}}
<p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/connaissances">Toutes les ressources</a></p>
