{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Conformité — {{NAME}}</h1>
<p class="fr-text--lead">Situation au {{DATE_FR}} au regard de l'instruction DNS/2025/12 (FINESS {{FINESS}}).</p>
<form method="get" action="/etablissements/{{FINESS}}/conformite" class="fr-mb-4w">
  <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
    <div class="fr-col-12 fr-col-md-4">
      <div class="fr-input-group">
        <label class="fr-label" for="as-of">Situation au<span class="fr-hint-text">Date au format JJ/MM/AAAA</span></label>
        <input class="fr-input" type="date" id="as-of" name="date" value="{{DATE}}" max="9999-12-31">
      </div>
    </div>
    <div class="fr-col-12 fr-col-md-8">
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li><button class="fr-btn" type="submit">Afficher</button></li>
        {{#PAST}}<li><a class="fr-btn fr-btn--secondary" href="/etablissements/{{FINESS}}/conformite">Aujourd'hui</a></li>{{/PAST}}
      </ul>
    </div>
  </div>
</form>
<p>
  <span class="fr-badge fr-badge--success fr-mr-1w">{{MET:x-plural=satisfaite/satisfaites}}</span>
  <span class="fr-badge fr-badge--warning fr-mr-1w">{{DUE:x-num}} à échéance</span>
  <span class="fr-badge fr-badge--error fr-mr-1w">{{OVERDUE:x-num}} en retard</span>
  <span class="fr-badge fr-badge--info">{{NOT_APPLICABLE:x-plural=non applicable/non applicables}}</span>
</p>
<ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
  <li><a class="fr-btn fr-btn--secondary fr-icon-file-add-line fr-btn--icon-left" href="/etablissements/{{FINESS}}/preuves">Preuves</a></li>
  <li><a class="fr-btn fr-btn--tertiary fr-icon-calendar-line fr-btn--icon-left" href="/etablissements/{{FINESS}}/echeances.ics">Échéances (iCalendar)</a></li>
  <li><a class="fr-btn fr-btn--tertiary" href="/api/v1/establishments/{{FINESS}}/compliance?as_of={{DATE}}">Rapport JSON</a></li>
</ul>
<div class="fr-callout fr-mb-4w" data-testid="position">
  <h2 class="fr-callout__title fr-h6">Comparaison avec les établissements comparables</h2>
  {{#POSITION}}<p class="fr-callout__text">Au relevé mensuel de {{MONTH}} (situation au {{AS_OF}}), cet établissement {{OWN}}.</p>
  <ul>{{#PEER}}<li data-peer="{{SCOPE}}">{{TEXT}}</li>{{/PEER}}</ul>{{/POSITION}}
  {{#NO_POSITION}}<p class="fr-callout__text">Aucun relevé mensuel ne contient encore cet établissement : la comparaison avec les médianes de son GHT, de sa région et de sa catégorie apparaîtra après le prochain relevé (évalué au dernier jour de chaque mois).</p>{{/NO_POSITION}}
</div>
<h2 class="fr-h4" id="a-faire">Obligations, les plus urgentes d'abord</h2>
<div class="fr-table fr-table--no-caption" id="obligations">
  <table data-testid="compliance-table" aria-labelledby="a-faire">
    <thead><tr><th scope="col">Obligation</th><th scope="col">Statut</th><th scope="col">Échéance</th><th scope="col">Ce qui manque</th><th scope="col">Preuves utilisées</th><th scope="col">Pour avancer</th></tr></thead>
    <tbody>
      {{#ROW}}<tr data-obligation="{{ID}}" data-status="{{STATUS_ID}}">
        <td><strong>{{TITLE}}</strong>{{#PERIOD_LINE}}<br><span class="fr-text--xs">Période : {{PERIOD}}</span>{{/PERIOD_LINE}}
          <p class="fr-text--sm fr-mb-1w" data-testid="situation">{{SITUATION}}</p>
          {{#MEASURE}}<p class="fr-text--sm fr-mb-1w">{{LABEL}} : {{VALUE}}</p>{{/MEASURE}}
          <section class="fr-accordion">
            <h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="false" aria-controls="regle-{{ID}}">Règle et source</button></h3>
            <div class="fr-collapse" id="regle-{{ID}}" data-testid="rule">
              <p class="fr-text--sm">{{RULE}}</p>
              <p class="fr-text--sm fr-mb-0">Source : {{SOURCE}}</p>
            </div>
          </section>
          {{#HOWTO}}<section class="fr-accordion">
            <h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="false" aria-controls="comment-{{ID}}" data-testid="how-to-button">Comment faire ?</button></h3>
            <div class="fr-collapse" id="comment-{{ID}}" data-testid="how-to">
              <ul class="fr-raw-list">{{#ITEM}}<li class="fr-text--sm fr-mb-1w"><span class="fr-badge fr-badge--sm fr-badge--blue-cumulus">{{KIND}}</span> <a href="{{URL}}" data-testid="how-to-link">{{TITLE}}</a></li>{{/ITEM}}</ul>
            </div>
          </section>{{/HOWTO}}
        </td>
        <td><p class="fr-badge fr-badge--{{BADGE}}">{{STATUS}}</p>{{#LATE}}<p class="fr-badge fr-badge--warning fr-badge--sm fr-mt-1w">hors délai</p>{{/LATE}}</td>
        <td data-testid="deadline">{{DEADLINE}}{{#DELAY}}<br><span class="fr-text--sm">{{TEXT}}</span>{{/DELAY}}</td>
        <td>{{#NOTHING_MISSING}}—{{/NOTHING_MISSING}}<ul class="fr-raw-list">{{#MISSING}}<li>{{TEXT}}</li>{{/MISSING}}</ul></td>
        <td>{{#NO_EVIDENCE}}—{{/NO_EVIDENCE}}<ul class="fr-raw-list">{{#EVIDENCE}}<li><a href="/etablissements/{{FINESS}}/preuves/{{ID}}" data-testid="evidence-link">{{LABEL}} du {{DATE}} (n° {{ID}})</a></li>{{/EVIDENCE}}</ul></td>
        <td>{{#FIX}}<a class="fr-btn fr-btn--sm" href="{{HREF}}" data-testid="fix">{{LABEL}}</a>{{/FIX}}</td>
      </tr>{{/ROW}}
    </tbody>
  </table>
</div>
