{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Cybersécurité des établissements de santé</h1>
<p class="fr-text--lead">Où en est chaque établissement de ses actions prioritaires (instruction DNS/2025/12, programme CaRE) : preuves, échéances, retards.</p>
<div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
  <div class="fr-col-12 fr-col-md-3"><div class="fr-tile"><div class="fr-tile__body"><div class="fr-tile__content">
    <h2 class="fr-tile__title"><a href="/etablissements">Établissements</a></h2>
    <p class="fr-tile__desc cp-figure" data-testid="count-establishments">{{ESTABLISHMENTS:x-num}}</p>
  </div></div></div></div>
  <div class="fr-col-12 fr-col-md-3"><div class="fr-tile"><div class="fr-tile__body"><div class="fr-tile__content">
    <h2 class="fr-tile__title"><a href="/etablissements?categorie=sanitaire">Sanitaires</a></h2>
    <p class="fr-tile__desc cp-figure">{{SANITAIRES:x-num}}</p>
  </div></div></div></div>
  <div class="fr-col-12 fr-col-md-3"><div class="fr-tile"><div class="fr-tile__body"><div class="fr-tile__content">
    <h2 class="fr-tile__title">Médico-sociaux</h2>
    <p class="fr-tile__desc cp-figure">{{MEDICO_SOCIAUX:x-num}}</p>
  </div></div></div></div>
  <div class="fr-col-12 fr-col-md-3"><div class="fr-tile"><div class="fr-tile__body"><div class="fr-tile__content">
    <h2 class="fr-tile__title">GHT</h2>
    <p class="fr-tile__desc cp-figure">{{GHTS:x-num}}</p>
  </div></div></div></div>
</div>
{{#EMPTY}}<div class="fr-callout"><h2 class="fr-callout__title">Aucun établissement</h2>
<p class="fr-callout__text">Importez l'extrait FINESS de votre territoire ou chargez les données de démonstration avec <code>carepilot demo</code>.</p>
<a class="fr-btn" href="/import">Importer un extrait FINESS</a></div>{{/EMPTY}}
<h2>Régions</h2>
<ul class="fr-tags-group">
{{#REGION}}<li><a class="fr-tag" href="/etablissements?region={{CODE}}">{{NAME}}</a></li>{{/REGION}}
</ul>
