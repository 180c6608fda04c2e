{{%AUTOESCAPE context="HTML"}}<section class="fr-mt-4w" data-testid="establishment-history" aria-labelledby="historique-{{FINESS}}">
<h2 class="fr-h4" id="historique-{{FINESS}}">Historique</h2>
<p class="fr-text--sm">Les événements datés des incidents de sécurité de l'établissement (détection, étapes de la déclaration transmises au CERT Santé, clôture) et les actions du PAQ issues de leurs leçons, du plus récent au plus ancien, en heure de Paris.</p>
{{#NONE}}<p data-testid="history-none">Aucun incident de sécurité n'est enregistré pour cet établissement.</p>{{/NONE}}
{{#HAS_ENTRIES}}<div class="fr-table fr-table--no-caption"><table data-testid="history-table">
  <caption>Historique</caption>
  <thead><tr><th scope="col">Date et heure (Paris)</th><th scope="col">Événement</th><th scope="col">Incident</th><th scope="col">Précision</th></tr></thead>
  <tbody>{{#ENTRY}}<tr data-testid="history-entry" data-kind="{{KIND}}"><td>{{AT}}</td><td>{{WHAT}}</td><td><a class="fr-link" href="{{INCIDENT_URL}}">{{INCIDENT}}</a></td><td>{{#DETAIL}}{{TEXT}}{{/DETAIL}}{{#PAQ}}<a class="fr-link" href="{{URL}}">{{TITLE}}</a>{{#WITHDRAWN}} (action retirée){{/WITHDRAWN}}{{/PAQ}}</td></tr>{{/ENTRY}}</tbody>
</table></div>{{/HAS_ENTRIES}}
{{#MORE}}<p data-testid="history-more">Et {{TEXT}} : voir le registre des incidents.</p>{{/MORE}}
<p><a class="fr-link" href="/etablissements/{{FINESS}}/incidents">Registre des incidents de sécurité</a></p>
</section>
