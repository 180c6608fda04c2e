{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">{{H1}}</h1>
<p class="fr-text--lead">{{INTRO}}</p>
<ul class="fr-btns-group fr-btns-group--inline-md">
  <li><a class="fr-btn" href="{{ADD_URL}}" data-testid="regional-add">Ajouter une offre régionale</a></li>
</ul>
{{#FILTER}}<form method="get" action="/connaissances/offres-regionales" class="fr-mb-3w" data-testid="regional-filter">
  <div class="fr-select-group">
    <label class="fr-label" for="region">Région</label>
    <select class="fr-select" id="region" name="region" data-testid="regional-region">{{#OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OPT}}</select>
  </div>
  <button class="fr-btn fr-btn--secondary" type="submit">Filtrer</button>
</form>{{/FILTER}}
<p data-testid="regional-total">{{TOTAL:x-plural=offre régionale/offres régionales}}</p>
{{#SOME}}<div class="fr-table fr-table--no-caption"><table data-testid="regional-offers">
  <caption>{{H1}}</caption>
  <thead><tr><th scope="col">Offre</th><th scope="col">Région</th><th scope="col">Porteur</th><th scope="col">Type d'offre</th><th scope="col">Action</th></tr></thead>
  <tbody>{{#ROW}}<tr data-testid="regional-row"><td><a href="{{URL}}">{{TITLE}}</a></td><td>{{REGION}}</td><td>{{PROVIDER}}</td><td>{{OFFER_KIND}}</td><td><a class="fr-link" href="{{URL}}/modifier" aria-label="Modifier « {{TITLE}} »" data-testid="regional-edit">Modifier</a></td></tr>{{/ROW}}</tbody>
</table></div>{{/SOME}}
{{#NONE}}<p>Aucune offre régionale pour l'instant : ajoutez celles que votre région propose aux établissements.</p>{{/NONE}}
<p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/connaissances">Toutes les ressources</a></p>
