{{%AUTOESCAPE context="HTML"}}<section class="fr-mb-4w" data-testid="funding-entry" aria-labelledby="financements-{{FINESS}}">
<h2 class="fr-h4" id="financements-{{FINESS}}">Appels à financement</h2>
<ul class="fr-raw-list">{{#CALL}}<li class="fr-mb-1w">{{LABEL}} : candidatures {{WINDOW}}{{#APPLY}} <a class="fr-btn fr-btn--sm fr-ml-1w" href="{{URL}}" data-testid="funding-entry-apply">Candidater</a>{{/APPLY}}{{#FILED}} — <a href="{{URL}}" data-testid="funding-entry-candidature">candidature n° {{ID}}</a> ({{STATE}}){{/FILED}}</li>{{/CALL}}</ul>
<p><a class="fr-link" href="/financements">Tous les appels à financement</a></p>
</section>
