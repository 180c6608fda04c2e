{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Vos codes de secours</h1>
<div class="fr-alert fr-alert--warning fr-mb-3w"><p>Ces codes ne seront plus affichés. Conservez-les en lieu sûr (coffre-fort de mots de passe, papier sous clé) : chacun permet une connexion si vous perdez votre téléphone, une seule fois.</p></div>
<ul class="cp-recovery-codes" data-testid="recovery-codes">{{#CODE}}<li><code>{{VALUE}}</code></li>{{/CODE}}</ul>
<ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left cp-no-print">
  <li><a class="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left" href="data:text/plain;charset=utf-8;base64,{{TEXT_BASE64}}" download="codes-de-secours-carepilot.txt" data-testid="recovery-download">Télécharger les codes (fichier texte)</a></li>
  <li><button type="button" class="fr-btn fr-btn--secondary fr-icon-printer-line fr-btn--icon-left" data-print data-testid="recovery-print">Imprimer les codes</button></li>
  <li><a class="fr-btn" href="{{NEXT}}" data-testid="recovery-continue">Continuer</a></li>
</ul>
<script src="/static/app/carepilot.js"></script>
