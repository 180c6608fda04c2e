{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Exporter ou importer le contenu</h1>
<p>Le contenu des ressources (questions, référentiels, objectifs, offres et dates clés) s'exporte dans un fichier YAML au format des fichiers livrés avec carepilot. Après modification, le fichier s'importe en une fois : si une ligne est refusée, rien n'est enregistré et le message indique la ligne.</p>
{{#DONE}}<div class="fr-alert fr-alert--success fr-mb-3w" data-testid="knowledge-import-done"><p>Import enregistré : {{CREATED}}, {{UPDATED}}, {{UNCHANGED}}.</p></div>{{/DONE}}
{{#ERROR}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="knowledge-import-error"><h2 class="fr-alert__title">Le fichier n'a pas été importé</h2><p>{{MSG}}</p></div>{{/ERROR}}
<p><a class="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left" href="/api/v1/knowledge/export" data-testid="knowledge-export">Exporter le contenu (YAML)</a></p>
<form method="post" action="/connaissances/fichier" enctype="multipart/form-data" data-testid="knowledge-import-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-upload-group{{#ERROR}} fr-upload-group--error{{/ERROR}}">
    <label class="fr-label" for="fichier">Fichier à importer <span class="fr-hint-text">un fichier .yaml de {{MAX}} au plus</span></label>
    <input class="fr-upload" type="file" id="fichier" name="fichier" accept=".yaml,.yml" required data-testid="knowledge-import-file">
  </div>
  <button class="fr-btn fr-mt-2w" type="submit" data-testid="knowledge-import-submit">Importer</button>
</form>
