{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Comparaison des audits Active Directory — {{NAME}}</h1>
{{#NO_PREVIOUS}}<p data-testid="ad-diff-none">Aucun audit terminé avant celui du {{NEW_DATE}} : il n'y a rien à comparer.</p>{{/NO_PREVIOUS}}
{{#COMPARISON}}<p class="fr-text--lead" data-testid="ad-diff-headline">Cet audit, du <a href="{{AUDIT_URL}}">{{NEW_WHEN}}</a> (niveau {{NEW_LEVEL}}, score {{NEW_SCORE}}/100), comparé au précédent, du <a href="{{OLD_URL}}">{{OLD_WHEN}}</a> (niveau {{OLD_LEVEL}}, score {{OLD_SCORE}}/100).</p>
{{#DOMAINS_DIFFER}}<div class="fr-alert fr-alert--warning fr-mb-3w" data-testid="ad-diff-domains"><p>Les deux audits ne portent pas sur le même annuaire : {{OLD_DOMAINS}} pour le précédent, {{NEW_DOMAINS}} pour celui-ci. Leur comparaison ne dit rien de l'évolution d'un annuaire.</p></div>{{/DOMAINS_DIFFER}}
{{#NEW_INCOMPLETE}}<div class="fr-alert fr-alert--warning fr-mb-3w" data-testid="ad-diff-incomplete"><p>Cet audit est incomplet : les constats qu'il n'a pas pu vérifier sont listés à part, jamais comme résolus.</p></div>{{/NEW_INCOMPLETE}}
<p data-testid="ad-diff-summary">{{N_ADDED:x-plural=nouveau constat/nouveaux constats}}, {{N_RESOLVED:x-plural=constat résolu/constats résolus}}, {{N_NOT_EVALUATED:x-plural=constat non évalué/constats non évalués}}, {{N_UNCHANGED:x-plural=constat inchangé/constats inchangés}}.</p>
<h2 class="fr-h5">Nouveaux constats</h2>
{{#NONE_ADDED}}<p>Aucun.</p>{{/NONE_ADDED}}
<ul data-testid="ad-diff-added">{{#ADDED_ROW}}<li>{{TITLE}} — {{NEW:x-plural=élément/éléments}}</li>{{/ADDED_ROW}}</ul>
<h2 class="fr-h5">Constats résolus</h2>
{{#NONE_RESOLVED}}<p>Aucun.</p>{{/NONE_RESOLVED}}
<ul data-testid="ad-diff-resolved">{{#RESOLVED_ROW}}<li>{{TITLE}} — {{OLD:x-plural=élément/éléments}} au précédent audit</li>{{/RESOLVED_ROW}}</ul>
{{#HAS_NOT_EVALUATED}}<h2 class="fr-h5">Constats non évalués par cet audit</h2>
<p>En échec au précédent audit ; la collecte de celui-ci ne contient pas ce qu'il faut pour les vérifier.</p>
<ul data-testid="ad-diff-not-evaluated">{{#NOT_EVALUATED_ROW}}<li>{{TITLE}} — {{OLD:x-plural=élément/éléments}} au précédent audit</li>{{/NOT_EVALUATED_ROW}}</ul>{{/HAS_NOT_EVALUATED}}
<h2 class="fr-h5">Constats inchangés</h2>
{{#NONE_UNCHANGED}}<p>Aucun.</p>{{/NONE_UNCHANGED}}
<div class="fr-table">
  <table data-testid="ad-diff-unchanged">
    <caption>Constats présents dans les deux audits</caption>
    <thead><tr><th scope="col">Constat</th><th scope="col">Avant</th><th scope="col">Maintenant</th><th scope="col">Éléments apparus</th><th scope="col">Éléments disparus</th></tr></thead>
    <tbody>{{#UNCHANGED_ROW}}<tr><td>{{TITLE}}</td><td>{{OLD}}</td><td>{{NEW}}</td><td>{{ADDED}}</td><td>{{REMOVED}}</td></tr>{{/UNCHANGED_ROW}}</tbody>
  </table>
</div>{{/COMPARISON}}
<p class="fr-mt-3w"><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="{{AUDIT_URL}}">Retour à l'audit</a></p>
