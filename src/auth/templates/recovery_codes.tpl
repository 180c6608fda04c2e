{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Vos codes de secours</h1>
<div class="fr-alert fr-alert--warning fr-mb-3w"><p>Ces codes ne seront plus affichés. Conservez-les en lieu sûr (coffre-fort de mots de passe, papier sous clé) : chacun permet une connexion si vous perdez votre téléphone, une seule fois.</p></div>
<ul class="cp-recovery-codes" data-testid="recovery-codes">{{#CODE}}<li><code>{{VALUE}}</code></li>{{/CODE}}</ul>
<a class="fr-btn" href="{{NEXT}}" data-testid="recovery-continue">Continuer</a>
