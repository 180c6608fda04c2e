{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Comparaison des audits Active Directory — {{NAME}}</h1>
{{#NO_PREVIOUS}}<p data-testid="ad-diff-none">Aucun audit terminé avant celui du {{NEW_DATE}} : il n'y a rien à comparer.</p>{{/NO_PREVIOUS}}
{{#COMPARISON}}<p class="fr-text--lead">Audit du <a href="{{OLD_URL}}">{{OLD_DATE}}</a> (niveau {{OLD_LEVEL}}, score {{OLD_SCORE}}/100) comparé à celui du <a href="{{AUDIT_URL}}">{{NEW_DATE}}</a> (niveau {{NEW_LEVEL}}, score {{NEW_SCORE}}/100).</p>
<p data-testid="ad-diff-summary">{{N_ADDED:x-plural=nouveau constat/nouveaux constats}}, {{N_RESOLVED:x-plural=constat résolu/constats résolus}}, {{N_UNCHANGED:x-plural=constat inchangé/constats inchangés}}.</p>
<h2 class="fr-h5">Nouveaux constats</h2>
{{#NONE_ADDED}}<p>Aucun.</p>{{/NONE_ADDED}}
<ul data-testid="ad-diff-added">{{#ADDED_ROW}}<li>{{TITLE}} — {{NEW:x-plural=élément/éléments}}</li>{{/ADDED_ROW}}</ul>
<h2 class="fr-h5">Constats résolus</h2>
{{#NONE_RESOLVED}}<p>Aucun.</p>{{/NONE_RESOLVED}}
<ul data-testid="ad-diff-resolved">{{#RESOLVED_ROW}}<li>{{TITLE}} — {{OLD:x-plural=élément/éléments}} au précédent audit</li>{{/RESOLVED_ROW}}</ul>
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
