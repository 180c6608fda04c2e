{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Autoévaluation de la maturité cyber — {{NAME}}</h1>
<p class="fr-text--lead">Chaque année, l'établissement s'autoévalue au regard du référentiel « {{FRAMEWORK}} » puis déclare son score (action prioritaire 2 de l'instruction DNS/2025/12). La déclaration fige les réponses et alimente <a href="/etablissements/{{FINESS}}/conformite">la conformité</a>.</p>
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="maturity-errors">
  <h2 class="fr-alert__title">La demande n'a pas été enregistrée</h2>
  <ul>{{#ERROR}}<li data-field="{{FIELD}}">{{MESSAGE}}</li>{{/ERROR}}</ul>
</div>{{/HAS_ERRORS}}
{{#NO_ASSESSMENT}}<p data-testid="maturity-empty">Aucune autoévaluation n'a encore été commencée.</p>{{/NO_ASSESSMENT}}
{{#HAS_ASSESSMENTS}}<div class="fr-table">
  <table data-testid="maturity-years">
    <caption>Autoévaluations par année</caption>
    <thead><tr><th scope="col">Année</th><th scope="col">État</th><th scope="col">Score</th><th scope="col">Avancement</th><th scope="col">Questionnaire</th></tr></thead>
    <tbody>
      {{#ROW}}<tr data-year="{{YEAR}}">
        <td>{{YEAR}}</td>
        <td>{{#DECLARED}}<p class="fr-badge fr-badge--success">Déclarée le {{DATE}}</p> <span class="fr-text--xs">plateforme nationale : {{ON}}</span>{{/DECLARED}}{{#DRAFT}}<p class="fr-badge fr-badge--info">Brouillon</p>{{/DRAFT}}</td>
        <td>{{SCORE:x-num}}</td>
        <td>{{PROGRESS}} %</td>
        <td><a href="/etablissements/{{FINESS}}/maturite/{{YEAR}}" data-testid="open-{{YEAR}}">Ouvrir</a></td>
      </tr>{{/ROW}}
    </tbody>
  </table>
</div>{{/HAS_ASSESSMENTS}}
{{#CAN_COMPARE}}<form method="get" action="/etablissements/{{FINESS}}/maturite/comparer" class="fr-mb-4w" data-testid="compare-form">
  <fieldset class="fr-fieldset">
    <legend class="fr-fieldset__legend">Comparer des années</legend>
    {{#COMPARE_YEAR}}<div class="fr-fieldset__element fr-fieldset__element--inline"><div class="fr-checkbox-group">
      <input type="checkbox" id="cmp-{{YEAR}}" name="annees" value="{{YEAR}}"{{#CHECKED}} checked{{/CHECKED}}>
      <label class="fr-label" for="cmp-{{YEAR}}">{{YEAR}}</label>
    </div></div>{{/COMPARE_YEAR}}
  </fieldset>
  <button class="fr-btn fr-btn--secondary" type="submit" data-testid="compare-submit">Comparer</button>
</form>{{/CAN_COMPARE}}
{{#START}}<h2 class="fr-h4">Commencer une autoévaluation</h2>
<form method="post" action="/etablissements/{{FINESS}}/maturite" data-testid="start-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-select-group">
    <label class="fr-label" for="start-year">Année évaluée</label>
    <select class="fr-select" id="start-year" name="annee">{{#YEAR_OPT}}<option value="{{YEAR}}"{{#SELECTED}} selected{{/SELECTED}}>{{YEAR}}</option>{{/YEAR_OPT}}</select>
  </div>
  <div class="fr-checkbox-group fr-mb-2w">
    <input type="checkbox" id="start-prefill" name="reprendre" value="1" checked>
    <label class="fr-label" for="start-prefill">Reprendre les réponses de l'année précédente</label>
  </div>
  <button class="fr-btn" type="submit">Commencer</button>
</form>{{/START}}
