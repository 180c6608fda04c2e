{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Audit Active Directory — {{NAME}}</h1>
<p class="fr-text--lead">Déposez une collecte de l'annuaire (archive SharpHound, archive d'un dossier ORADAD ou export LDIF) : elle est analysée en tâche de fond avec les points de contrôle de l'ANSSI, et le rapport devient la preuve « audit de sécurité Active Directory » de l'établissement. Un rapport du service ADS de l'ANSSI peut être enregistré à la place.</p>
{{#CAN_WRITE}}<div class="fr-grid-row fr-grid-row--gutters fr-mb-3w">
<div class="fr-col-12 fr-col-md-6">
<h2 class="fr-h5">Déposer une collecte</h2>
{{#UPLOAD_ERROR}}<div class="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert" data-testid="ad-upload-error"><p>{{MESSAGE}}</p></div>{{/UPLOAD_ERROR}}
<form method="post" action="{{BASE}}" enctype="multipart/form-data" data-testid="ad-upload-form" data-chunked="{{UPLOADS_API}}" data-single-max="{{SINGLE_MAX}}" data-done="{{BASE}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-upload-group fr-mb-2w">
    <label class="fr-label" for="ad-file">Collecte Active Directory *<span class="fr-hint-text">Archive zip (SharpHound, dossier ORADAD) ou export LDIF, au plus {{MAX_SIZE}}.</span></label>
    <input class="fr-upload" type="file" id="ad-file" name="file" required accept=".zip,.ldif" data-max-bytes="{{MAX_BYTES}}" data-label="Collecte Active Directory">
  </div>
  <noscript><div class="fr-alert fr-alert--info fr-alert--sm fr-mb-2w" data-testid="ad-upload-noscript"><p>JavaScript est désactivé : une collecte de plus de {{SINGLE_MAX_SIZE}} ne peut pas être envoyée en une fois, la connexion serait coupée sans message. Activez JavaScript (la collecte est alors envoyée par morceaux, jusqu'à {{MAX_SIZE}}) ou déposez-la en archive zip, plus petite.</p></div></noscript>
  <button class="fr-btn fr-icon-upload-line fr-btn--icon-left" type="submit" data-testid="ad-upload-submit">Déposer et analyser</button>
</form>
</div>
<div class="fr-col-12 fr-col-md-6">
<h2 class="fr-h5">Enregistrer un rapport ADS (ANSSI)</h2>
{{#ADS_ERROR}}<div class="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert" data-testid="ad-ads-error"><p>{{MESSAGE}}</p></div>{{/ADS_ERROR}}
<form method="post" action="{{BASE}}/ads" enctype="multipart/form-data" data-testid="ad-ads-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group">
    <label class="fr-label" for="ads-date">Date du rapport *</label>
    <input class="fr-input" type="date" id="ads-date" name="date" max="{{TODAY}}" required>
  </div>
  <div class="fr-select-group">
    <label class="fr-label" for="ads-level">Niveau ANSSI *</label>
    <select class="fr-select" id="ads-level" name="level" required>
      <option value="1">1</option><option value="2">2</option><option value="3">3</option><option value="4">4</option><option value="5">5</option>
    </select>
  </div>
  <div class="fr-upload-group fr-mb-2w">
    <label class="fr-label" for="ads-file">Rapport ADS en PDF *</label>
    <input class="fr-upload" type="file" id="ads-file" name="file" required accept=".pdf" data-max-bytes="5242880" data-label="Rapport ADS en PDF">
  </div>
  <button class="fr-btn fr-btn--secondary" type="submit">Enregistrer le rapport ADS</button>
</form>
</div>
</div>{{/CAN_WRITE}}
<h2 class="fr-h4">Audits de l'établissement</h2>
{{#NO_AUDIT}}<p data-testid="ad-empty">Aucun audit Active Directory pour l'instant.</p>{{/NO_AUDIT}}
{{#HAS_AUDITS}}<div class="fr-table">
  <table data-testid="ad-table">
    <caption>Audits Active Directory</caption>
    <thead><tr><th scope="col">Date</th><th scope="col">Origine</th><th scope="col">Niveau ANSSI</th><th scope="col">Constats</th><th scope="col">État</th></tr></thead>
    <tbody>
      {{#AUDIT}}<tr data-testid="ad-row" data-state="{{STATE_ID}}">
        <td><a href="{{URL}}">{{DATE}}</a></td>
        <td>{{SOURCE}}</td>
        <td data-testid="ad-level">{{LEVEL}}</td>
        <td>{{COUNTS}}</td>
        <td><span class="fr-badge fr-badge--sm fr-badge--{{STATE_BADGE}} fr-badge--no-icon">{{STATE}}</span></td>
      </tr>{{/AUDIT}}
    </tbody>
  </table>
</div>{{/HAS_AUDITS}}
<script src="/static/app/upload.js"></script>
