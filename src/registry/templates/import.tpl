{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Import de l'extrait FINESS</h1>
<p>Déposez l'extrait FINESS des données ouvertes, tel que publié : l'extrait etalab (séparateur « ; », ISO-8859-15 ou UTF-8) ou le flux « Structures » en JSON publié sur data.gouv.fr (entités juridiques et entités géographiques ; les entités géographiques fermées sont ignorées et comptées). Le format est reconnu au contenu du fichier. Les lignes hors du périmètre de carepilot (pharmacies d'officine, laboratoires et autres catégories non sanitaires ou médico-sociales) sont ignorées et comptées. L'import est <strong>tout ou rien</strong> : si une seule ligne est refusée, rien n'est enregistré et chaque ligne refusée est listée.</p>
{{#HAS_REPORT}}
  {{#APPLIED}}<div class="fr-alert fr-alert--success fr-mb-3w" role="status" data-testid="import-success"><h2 class="fr-alert__title">Import réussi</h2><p>{{ESTABLISHMENTS:x-plural=établissement/établissements}} : {{INSERTED:x-plural=créé/créés}}, {{UPDATED:x-num}} mis à jour ; {{#CSV}}{{SKIPPED:x-plural=ligne ignorée/lignes ignorées}} (géolocalisation, métadonnées) ; {{/CSV}}{{#JSON}}{{LEGAL_ENTITIES:x-plural=entité juridique lue/entités juridiques lues}} ; {{CLOSED:x-plural=entité géographique fermée ignorée/entités géographiques fermées ignorées}} ; {{/JSON}}{{OUT_OF_PERIMETER:x-plural=établissement hors périmètre ignoré/établissements hors périmètre ignorés}}.</p></div>
  {{#HAS_OUT_CATEGORY}}<div class="fr-table"><div class="fr-table__wrapper"><div class="fr-table__container"><div class="fr-table__content"><table data-testid="import-out-of-perimeter">
    <caption>Établissements hors périmètre, par catégorie FINESS</caption>
    <thead><tr><th scope="col">Catégorie</th><th scope="col">Nombre</th></tr></thead>
    <tbody>{{#OUT_CATEGORY}}<tr><td>{{CATEGORY}}</td><td>{{COUNT:x-num}}</td></tr>{{/OUT_CATEGORY}}</tbody>
  </table></div></div></div></div>{{/HAS_OUT_CATEGORY}}{{/APPLIED}}
  {{#REJECTED}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="import-rejected"><h2 class="fr-alert__title">Import refusé : rien n'a été enregistré</h2><p>{{ERROR_COUNT:x-plural=erreur/erreurs}} pour {{LINES:x-num}} {{READ_UNIT}}.</p></div>
  <div class="fr-table"><div class="fr-table__wrapper"><div class="fr-table__container"><div class="fr-table__content"><table>
    <caption>Lignes ou entités refusées</caption>
    <thead><tr><th scope="col">Ligne ou entité</th><th scope="col">Champ</th><th scope="col">Motif</th></tr></thead>
    <tbody>{{#ERROR}}<tr><td>{{LINE}}</td><td>{{FIELD}}</td><td>{{REASON}}</td></tr>{{/ERROR}}</tbody>
  </table></div></div></div></div>
  {{#TRUNCATED}}<p>… et {{MORE:x-plural=autre erreur/autres erreurs}}.</p>{{/TRUNCATED}}{{/REJECTED}}
{{/HAS_REPORT}}
<form method="post" action="/import" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-upload-group fr-mb-3w">
    <label class="fr-label" for="file">Fichier FINESS<span class="fr-hint-text">Taille maximale : {{MAX_MB}} Mo. Extrait CSV « ; » ou flux Structures JSON.</span></label>
    <input class="fr-upload" type="file" id="file" name="file" accept=".csv,.txt,.json,text/csv,text/plain,application/json" data-max-bytes="{{MAX_BYTES}}" data-label="Fichier FINESS">
  </div>
  <button class="fr-btn" type="submit">Importer</button>
</form>
<script src="/static/app/upload.js"></script>
