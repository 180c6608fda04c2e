{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Preuve n° {{ID}} : {{TYPE}} du {{DATE}}</h1>
<p class="fr-text--lead">{{NAME}} (FINESS {{FINESS}})</p>
{{#WITHDRAWN}}<div class="fr-alert fr-alert--info fr-mb-3w" data-testid="evidence-withdrawn">
  <h2 class="fr-alert__title">Preuve retirée</h2>
  <p>Retirée le {{WITHDRAWN_AT}} par {{WITHDRAWN_BY}}. Motif du retrait : {{REASON}}. Elle ne compte plus pour la conformité.</p>
</div>{{/WITHDRAWN}}
<dl class="fr-mb-3w">
  <dt class="fr-text--bold">Détails</dt><dd>{{DETAILS}}</dd>
  <dt class="fr-text--bold">Saisie par</dt><dd>{{CREATED_BY}}, le {{CREATED_AT}}</dd>
  {{#DERIVED}}<dt class="fr-text--bold">Origine</dt><dd data-testid="evidence-source">Produite à partir <a href="{{URL}}">{{LABEL_OF}}</a> : elle ne se modifie et ne se retire que depuis cette page, et ses documents s'y joignent.</dd>{{/DERIVED}}
</dl>
{{#CAN_WITHDRAW}}<!--cp-if-{{MARK}}:second_factor--><p><a class="fr-btn fr-btn--tertiary fr-btn--sm" href="/etablissements/{{FINESS}}/preuves/{{ID}}/retirer">Retirer cette preuve</a></p><!--/cp-if-{{MARK}}:second_factor-->{{/CAN_WITHDRAW}}
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="document-errors">
  <h2 class="fr-alert__title">Le document n'a pas été enregistré</h2>
  <ul>{{#ERROR}}<li data-field="{{FIELD}}">{{MESSAGE}}</li>{{/ERROR}}</ul>
</div>{{/HAS_ERRORS}}
<h2 class="fr-h4">Documents</h2>
{{#NO_DOCUMENT}}<p>Aucun document joint à cette preuve.</p>{{/NO_DOCUMENT}}
{{#HAS_DOCUMENTS}}<p class="fr-hint-text">Chaque envoi sous le même intitulé est une nouvelle version : aucune version n'est jamais remplacée. L'empreinte SHA-256 permet de vérifier qu'un fichier est bien celui déposé.</p>
<div class="fr-table">
  <table data-testid="documents-table">
    <caption>Documents joints à la preuve n° {{ID}}</caption>
    <thead><tr><th scope="col">Intitulé</th><th scope="col">Version</th><th scope="col">Fichier</th><th scope="col">Taille</th><th scope="col">Empreinte SHA-256</th><th scope="col">Auteur</th><th scope="col">Référence</th><th scope="col">Commentaire</th><th scope="col">Déposé par</th></tr></thead>
    <tbody>
      {{#DOCUMENT}}<tr data-testid="document-{{DOC_ID}}">
        <td>{{TITLE}}</td><td>{{VERSION}}</td><td><a href="/etablissements/{{FINESS}}/preuves/{{ID}}/documents/{{DOC_ID}}" download>{{FILE_NAME}}</a></td><td>{{SIZE}}</td><td><code class="cp-sha256">{{SHA256}}</code></td><td>{{AUTHOR}}</td><td>{{REFERENCE}}</td><td>{{COMMENT}}</td><td>{{CREATED_BY}}, le {{CREATED_AT}}</td>
      </tr>{{/DOCUMENT}}
    </tbody>
  </table>
</div>{{/HAS_DOCUMENTS}}
{{#UPLOAD}}<h2 class="fr-h4 fr-mt-4w">Joindre un document</h2>
<p class="fr-hint-text">PDF, PNG, JPEG, ODT, DOCX, XLSX ou TXT, 5 Mio au plus. Un document déjà joint sous le même intitulé reçoit une nouvelle version.</p>
<form method="post" action="/etablissements/{{FINESS}}/preuves/{{ID}}/documents" enctype="multipart/form-data" data-testid="document-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group">
    <label class="fr-label" for="doc-title">Intitulé du document *<span class="fr-hint-text">Par exemple : PCA 2026, attestation de formation, rapport d'audit.</span></label>
    <input class="fr-input" type="text" id="doc-title" name="title" value="{{TITLE_VALUE}}" maxlength="200" required list="doc-titles">
    <datalist id="doc-titles">{{#TITLE_OPTION}}<option value="{{VALUE}}">{{/TITLE_OPTION}}</datalist>
  </div>
  <div class="fr-upload-group fr-mb-3w">
    <label class="fr-label" for="doc-file">Fichier *</label>
    <input class="fr-upload" type="file" id="doc-file" name="file" required accept=".pdf,.png,.jpg,.jpeg,.odt,.docx,.xlsx,.txt" data-max-bytes="5242880" data-label="Fichier">
  </div>
  <div class="fr-input-group">
    <label class="fr-label" for="doc-author">Auteur du document</label>
    <input class="fr-input" type="text" id="doc-author" name="author" value="{{AUTHOR_VALUE}}" maxlength="200">
  </div>
  <div class="fr-input-group">
    <label class="fr-label" for="doc-reference">Référence</label>
    <input class="fr-input" type="text" id="doc-reference" name="reference" value="{{REFERENCE_VALUE}}" maxlength="200">
  </div>
  <div class="fr-input-group">
    <label class="fr-label" for="doc-comment">Commentaire</label>
    <textarea class="fr-input" id="doc-comment" name="comment" rows="3" maxlength="2000">{{COMMENT_VALUE:pre_escape}}</textarea>
  </div>
  <button class="fr-btn" type="submit">Joindre le document</button>
</form>{{/UPLOAD}}
<p class="fr-mt-3w"><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/etablissements/{{FINESS}}/preuves">Retour aux preuves</a></p>
<script src="/static/app/upload.js"></script>
