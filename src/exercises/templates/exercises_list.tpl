{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Exercices de crise — {{NAME}}</h1>
<p class="fr-text--lead">Au moins un exercice de crise cyber par année civile, déclaré sur la plateforme nationale, dont le RETEX est intégré au PAQ (instruction DNS/2025/12, action prioritaire 1).</p>
{{#CAN_WRITE}}<p><a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/etablissements/{{FINESS}}/exercices/nouveau" data-testid="exercise-new">Planifier un exercice</a></p>{{/CAN_WRITE}}
{{#NONE}}<p data-testid="exercise-none">Aucun exercice enregistré pour cet établissement.</p>{{/NONE}}
{{#HAS_ROWS}}<div class="fr-table fr-table--no-caption">
  <table data-testid="exercise-table">
    <caption>Exercices de crise</caption>
    <thead><tr><th scope="col">Date</th><th scope="col">Intitulé</th><th scope="col">Scénario</th><th scope="col">Format</th><th scope="col">État</th><th scope="col">Déclaré</th></tr></thead>
    <tbody>
      {{#ROW}}<tr data-testid="exercise-row">
        <td>{{DATE}}</td>
        <td><a href="/etablissements/{{FINESS}}/exercices/{{ID}}">{{TITLE}}</a></td>
        <td>{{SCENARIO}}</td>
        <td>{{FORMAT}}</td>
        <td><p class="fr-badge fr-badge--sm fr-badge--{{BADGE}}" data-status="{{STATUS_ID}}">{{STATUS}}</p></td>
        <td>{{DECLARED}}</td>
      </tr>{{/ROW}}
    </tbody>
  </table>
</div>{{/HAS_ROWS}}
{{#WITHDRAWN}}<h2 class="fr-h4 fr-mt-4w" id="exercices-retires">Exercices retirés</h2>
<p>Un exercice n'est jamais supprimé : retiré, il ne compte plus mais reste ici et dans le journal.</p>
<div class="fr-table fr-table--no-caption">
  <table data-testid="exercises-withdrawn-table">
    <caption>Exercices retirés</caption>
    <thead><tr><th scope="col">Exercice</th><th scope="col">Date</th><th scope="col">Retiré le</th><th scope="col">Par</th><th scope="col">Motif du retrait</th></tr></thead>
    <tbody>
      {{#GONE}}<tr><td><a href="/etablissements/{{FINESS}}/exercices/{{ID}}">{{TITLE}}</a></td><td>{{DATE}}</td><td>{{AT}}</td><td>{{BY}}</td><td>{{REASON}}</td></tr>{{/GONE}}
    </tbody>
  </table>
</div>{{/WITHDRAWN}}
<p class="fr-mt-2w"><a class="fr-link" href="/etablissements/{{FINESS}}">Retour à l'établissement</a></p>
