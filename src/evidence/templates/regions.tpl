{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Comparaison des régions</h1>
<p>Pour chaque obligation, la part des établissements concernés de chaque région de votre périmètre qui la satisfont, qui sont à échéance et qui sont en retard, d'après les statuts tenus à jour par carepilot. <a class="fr-link" href="/retards">Voir les établissements en retard</a></p>
<form method="get" action="/retards/regions" class="fr-mb-3w"><div class="fr-checkbox-group"><input type="checkbox" id="r-demo" name="demo" value="0"{{#DEMO_OFF}} checked{{/DEMO_OFF}}><label class="fr-label" for="r-demo">Sans les établissements de démonstration</label></div><button class="fr-btn fr-btn--secondary fr-mt-1w" type="submit">Appliquer</button></form>
{{#EMPTY}}<p data-testid="regions-empty">Aucun statut n'est encore calculé pour votre périmètre.</p>{{/EMPTY}}
{{#OBLIGATION}}<div class="fr-table"><table data-testid="regions-{{ID}}">
<caption>{{TITLE}}</caption>
<thead><tr><th scope="col">Région</th><th scope="col">Satisfaite</th><th scope="col">À échéance</th><th scope="col">En retard</th><th scope="col">Établissements concernés</th></tr></thead>
<tbody>{{#REGION}}<tr data-testid="region-row"><th scope="row"><a href="/retards?region={{CODE}}">{{NAME}}</a></th><td>{{MET:x-num}}</td><td>{{DUE:x-num}}</td><td>{{LATE:x-num}}</td><td>{{APPLICABLE:x-num}}</td></tr>{{/REGION}}</tbody></table></div>{{/OBLIGATION}}
