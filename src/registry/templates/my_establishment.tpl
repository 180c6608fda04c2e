{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w" data-testid="my-establishment">Mon établissement : {{NAME}}{{#DEMO}} <span class="fr-badge fr-badge--info fr-badge--no-icon">démo</span>{{/DEMO}}</h1>
<p class="fr-text--lead">Ses actions prioritaires de cybersécurité (instruction DNS/2025/12, programme CaRE) : ce qui est en retard, les prochaines échéances et de quoi avancer.</p>
{{SUMMARY:none}}
<p><a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/etablissements/{{FINESS}}">Fiche de l'établissement (FINESS {{FINESS}})</a></p>
