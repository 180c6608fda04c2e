{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w" data-testid="exercise-heading">{{TITLE}}</h1>
<p class="fr-badge fr-badge--{{BADGE}}" data-testid="exercise-status" data-status="{{STATUS_ID}}">{{STATUS}}</p>
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="exercise-errors">
  <h2 class="fr-alert__title">La modification n'a pas été enregistrée</h2>
  <ul>{{#ERROR}}<li data-field="{{FIELD}}">{{MESSAGE}}</li>{{/ERROR}}</ul>
</div>{{/HAS_ERRORS}}

{{#YEAR_WARNING}}<div class="fr-alert fr-alert--warning fr-mt-3w" data-testid="exercise-year-warning">
  <h2 class="fr-alert__title">Exercice daté hors de l'année {{PLANNED}}</h2>
  <p>Cet exercice, planifié en {{PLANNED}}, est daté du {{DATE_FR}} : il compte pour l'exercice annuel de {{YEAR}}, pas pour celui de {{PLANNED}}. Vérifiez sa date si vous le prévoyiez pour {{PLANNED}}.</p>
</div>{{/YEAR_WARNING}}
<h2 class="fr-h4 fr-mt-4w">Plan</h2>
<dl class="cp-exercise-plan" data-testid="exercise-plan">
  <dt>Établissement</dt><dd>{{NAME}} (FINESS {{FINESS}})</dd>
  <dt>Date</dt><dd>{{DATE_FR}}</dd>
  <dt>Scénario</dt><dd>{{SCENARIO}}{{#SCENARIO_DESCRIPTION}}<br><span class="fr-text--sm" data-testid="scenario-description">{{TEXT}}</span>{{/SCENARIO_DESCRIPTION}}</dd>
  <dt>Format</dt><dd>{{FORMAT}}</dd>
  <dt>Objectifs</dt><dd>{{OBJECTIVES}}</dd>
  <dt>Participants</dt><dd><ul>{{#PARTICIPANT}}<li>{{LABEL}} : {{COUNT:x-num}}{{#HAS_NAMES}} ({{NAMES}}){{/HAS_NAMES}}</li>{{/PARTICIPANT}}{{#NO_PARTICIPANT}}<li>Non renseignés</li>{{/NO_PARTICIPANT}}</ul></dd>
  <dt>Déclaration sur la plateforme nationale</dt><dd data-testid="exercise-declared">{{DECLARED}}</dd>
</dl>
{{#CAN_WRITE}}<ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
  <li><a class="fr-btn fr-btn--secondary" href="/etablissements/{{FINESS}}/exercices/{{ID}}/modifier">Modifier le plan</a></li>
  {{#PLANNED}}<li><form method="post" action="/etablissements/{{FINESS}}/exercices/{{ID}}/lancer"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="fr-btn" type="submit" data-testid="exercise-start">Lancer l'exercice</button></form></li>{{/PLANNED}}
</ul>{{/CAN_WRITE}}
{{#LOCKED}}<div class="fr-alert fr-alert--info fr-mb-3w" data-testid="exercise-locked">
  <h2 class="fr-alert__title">Exercice verrouillé</h2>
  <p>Clôturé et déclaré sur la plateforme nationale, cet exercice ne se modifie plus. Seul un retrait motivé reste possible.</p>
</div>{{/LOCKED}}
{{#WITHDRAWN}}<div class="fr-alert fr-alert--info fr-mb-3w" data-testid="exercise-withdrawn">
  <h2 class="fr-alert__title">Exercice retiré</h2>
  <p>Retiré le {{WITHDRAWN_AT}} par {{WITHDRAWN_BY}}. Motif du retrait : {{REASON}}. Il ne compte plus pour la conformité et ne se modifie plus.</p>
</div>{{/WITHDRAWN}}
{{#CAN_WITHDRAW}}<!--cp-if-{{MARK}}:second_factor--><p><a class="fr-btn fr-btn--tertiary fr-btn--sm" href="/etablissements/{{FINESS}}/exercices/{{ID}}/retirer" data-testid="exercise-withdraw">Retirer l'exercice</a></p><!--/cp-if-{{MARK}}:second_factor-->{{/CAN_WITHDRAW}}

<h2 class="fr-h4 fr-mt-4w">Stimuli (chronologie de l'animateur)</h2>
{{#NO_INJECT}}<p>Aucun stimulus prévu.</p>{{/NO_INJECT}}
{{#HAS_INJECTS}}<ol class="cp-timeline" data-testid="inject-list">
  {{#INJECT}}<li data-testid="inject-row">
    <strong>T+{{OFFSET:x-num}} min — {{INJECT_TITLE}}</strong>{{#HAS_DESCRIPTION}} : {{DESCRIPTION}}{{/HAS_DESCRIPTION}}
    {{#PLAYED}}<p class="fr-badge fr-badge--sm fr-badge--success" data-testid="inject-played">Joué le {{PLAYED_AT}}</p>{{/PLAYED}}
    {{#CAN_PLAY}}<form method="post" action="/etablissements/{{FINESS}}/exercices/{{ID}}/stimuli/{{INJECT_ID}}/jouer"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="fr-btn fr-btn--sm" type="submit" data-testid="inject-play">Jouer</button></form>{{/CAN_PLAY}}
  </li>{{/INJECT}}
</ol>{{/HAS_INJECTS}}
{{#INJECT_FORM}}<section class="fr-accordion fr-mb-2w">
  <h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="{{EXPANDED}}" aria-controls="acc-inject">Ajouter un stimulus</button></h3>
  <div class="{{COLLAPSE}}" id="acc-inject">
  <form method="post" action="/etablissements/{{FINESS}}/exercices/{{ID}}/stimuli" data-testid="inject-form">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="fr-input-group"><label class="fr-label" for="inj-offset">Minutes après le début</label>
      <input class="fr-input" type="number" min="0" max="10080" id="inj-offset" name="offset_minutes" value="{{I_OFFSET}}" data-testid="inject-offset"></div>
    <div class="fr-input-group"><label class="fr-label" for="inj-title">Titre *</label>
      <input class="fr-input" type="text" id="inj-title" name="title" value="{{I_TITLE}}" required data-testid="inject-title"></div>
    <div class="fr-input-group"><label class="fr-label" for="inj-desc">Description</label>
      <textarea class="fr-input" id="inj-desc" name="description" rows="2">{{I_DESCRIPTION:pre_escape}}</textarea></div>
    <button class="fr-btn fr-btn--secondary" type="submit" data-testid="inject-submit">Ajouter le stimulus</button>
  </form>
  </div>
</section>{{/INJECT_FORM}}

<h2 class="fr-h4 fr-mt-4w">Main courante</h2>
{{#NO_LOG}}<p>Aucune entrée.</p>{{/NO_LOG}}
{{#HAS_LOG}}<div class="fr-table fr-table--no-caption"><table data-testid="log-table">
  <caption>Main courante</caption>
  <thead><tr><th scope="col">Heure</th><th scope="col">Auteur</th><th scope="col">Évènement</th></tr></thead>
  <tbody>{{#LOG}}<tr data-testid="log-row"><td>{{AT}}</td><td>{{AUTHOR}}</td><td>{{TEXT}}</td></tr>{{/LOG}}</tbody>
</table></div>{{/HAS_LOG}}
{{#LOG_FORM}}<form method="post" action="/etablissements/{{FINESS}}/exercices/{{ID}}/main-courante" data-testid="log-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-grid-row fr-grid-row--gutters">
    <div class="fr-col-12 fr-col-md-2"><div class="fr-input-group"><label class="fr-label" for="log-at">Heure (HH:MM)<span class="fr-hint-text">vide : maintenant</span></label>
      <input class="fr-input" type="text" id="log-at" name="at" value="{{L_AT}}" inputmode="numeric" data-testid="log-at"></div></div>
    <div class="fr-col-12 fr-col-md-3"><div class="fr-input-group"><label class="fr-label" for="log-author">Auteur<span class="fr-hint-text">vide : vous</span></label>
      <input class="fr-input" type="text" id="log-author" name="author" value="{{L_AUTHOR}}"></div></div>
    <div class="fr-col-12 fr-col-md-7"><div class="fr-input-group"><label class="fr-label" for="log-text">Évènement *<span class="fr-hint-text">fait, décision, message</span></label>
      <input class="fr-input" type="text" id="log-text" name="text" value="{{L_TEXT}}" required data-testid="log-text"></div></div>
  </div>
  <button class="fr-btn fr-btn--secondary" type="submit" data-testid="log-submit">Ajouter à la main courante</button>
</form>{{/LOG_FORM}}

<h2 class="fr-h4 fr-mt-4w">Retour d'expérience (RETEX)</h2>
{{#HAS_RETEX}}<p><a class="fr-link fr-icon-download-line fr-link--icon-left" href="/etablissements/{{FINESS}}/exercices/{{ID}}/retex.pdf" data-testid="retex-pdf">Télécharger le RETEX (PDF)</a></p>{{/HAS_RETEX}}
{{#RETEX_VIEW}}<dl><dt>Date du RETEX</dt><dd>{{R_DATE}}</dd><dt>Ce qui a fonctionné</dt><dd>{{R_WORKED}}</dd><dt>Ce qui n'a pas fonctionné</dt><dd>{{R_FAILED}}</dd><dt>Décisions</dt><dd>{{R_DECISIONS}}</dd></dl>{{/RETEX_VIEW}}
{{#RETEX_FORM}}<section class="fr-accordion fr-mb-2w">
  <h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="{{EXPANDED}}" aria-controls="acc-retex">{{RETEX_SUMMARY}}</button></h3>
  <div class="{{COLLAPSE}}" id="acc-retex">
  <form method="post" action="/etablissements/{{FINESS}}/exercices/{{ID}}/retex" data-testid="retex-form">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="fr-input-group{{#ERR_retex_date}} fr-input-group--error{{/ERR_retex_date}}"><label class="fr-label" for="retex-date">Date du RETEX *</label>
      <input class="fr-input" type="date" id="retex-date" name="retex_date" value="{{F_RETEX_DATE}}" required data-testid="retex-date">
      {{#ERR_retex_date}}<p class="fr-error-text" data-testid="retex-date-error">{{MSG}}</p>{{/ERR_retex_date}}</div>
    <div class="fr-input-group"><label class="fr-label" for="retex-worked">Ce qui a fonctionné</label>
      <textarea class="fr-input" id="retex-worked" name="worked" rows="4" data-testid="retex-worked">{{F_WORKED:pre_escape}}</textarea></div>
    <div class="fr-input-group"><label class="fr-label" for="retex-failed">Ce qui n'a pas fonctionné</label>
      <textarea class="fr-input" id="retex-failed" name="failed" rows="4" data-testid="retex-failed">{{F_FAILED:pre_escape}}</textarea></div>
    <div class="fr-input-group"><label class="fr-label" for="retex-decisions">Décisions</label>
      <textarea class="fr-input" id="retex-decisions" name="decisions" rows="4">{{F_DECISIONS:pre_escape}}</textarea></div>
    <button class="fr-btn" type="submit" data-testid="retex-submit">{{RETEX_BUTTON}}</button>
  </form>
  </div>
</section>{{/RETEX_FORM}}

<h3 class="fr-h5">Points d'amélioration du RETEX</h3>
{{#NO_ITEM}}<p>Aucun point.</p>{{/NO_ITEM}}
{{#HAS_ITEMS}}<div class="fr-table fr-table--no-caption"><table data-testid="item-table">
  <caption>Points du RETEX</caption>
  <thead><tr><th scope="col">N°</th><th scope="col">Point</th><th scope="col">Priorité</th><th scope="col">PAQ</th></tr></thead>
  <tbody>{{#ITEM}}<tr data-testid="item-row">
    <td>{{N}}</td><td>{{ITEM_TEXT}}</td><td>{{PRIORITY}}</td>
    <td>{{#CONVERTED}}<a class="fr-link" href="/etablissements/{{FINESS}}/paq/{{ACTION_ID}}" data-testid="item-action-link">Action PAQ n° {{ACTION_ID}}</a>{{/CONVERTED}}{{#CONVERTIBLE}}<form method="post" action="/etablissements/{{FINESS}}/exercices/{{ID}}/retex/points/{{N}}/paq"><input type="hidden" name="csrf" value="{{CSRF}}">
      <div class="fr-input-group fr-mb-1w"><label class="fr-label" for="paq-owner-{{N}}">Pilote *</label><input class="fr-input" type="text" id="paq-owner-{{N}}" name="owner" maxlength="200" required data-testid="item-paq-owner"></div>
      <div class="fr-input-group fr-mb-1w"><label class="fr-label" for="paq-due-{{N}}">Échéance *</label><input class="fr-input" type="date" id="paq-due-{{N}}" name="due" required data-testid="item-paq-due"></div>
      <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit" data-testid="item-to-paq">Créer l'action PAQ</button></form>{{/CONVERTIBLE}}{{#PENDING}}Pas encore au PAQ{{/PENDING}}</td>
  </tr>{{/ITEM}}</tbody>
</table></div>{{/HAS_ITEMS}}
{{#ALL_TO_PAQ}}<form method="post" action="/etablissements/{{FINESS}}/exercices/{{ID}}/retex/paq" class="fr-mt-2w"><input type="hidden" name="csrf" value="{{CSRF}}">
  <p class="fr-hint-text">Chaque action créée au PAQ porte un pilote et une échéance, et renvoie à cet exercice.</p>
  <div class="fr-grid-row fr-grid-row--gutters">
    <div class="fr-col-12 fr-col-md-4"><div class="fr-input-group"><label class="fr-label" for="paq-owner-all">Pilote *</label><input class="fr-input" type="text" id="paq-owner-all" name="owner" maxlength="200" required></div></div>
    <div class="fr-col-12 fr-col-md-4"><div class="fr-input-group"><label class="fr-label" for="paq-due-all">Échéance *</label><input class="fr-input" type="date" id="paq-due-all" name="due" required></div></div>
  </div>
  <button class="fr-btn fr-btn--sm" type="submit" data-testid="items-to-paq">Inscrire tous les points au PAQ</button></form>{{/ALL_TO_PAQ}}
{{#ITEM_FORM}}<form method="post" action="/etablissements/{{FINESS}}/exercices/{{ID}}/retex/points" class="fr-mt-2w" data-testid="item-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-grid-row fr-grid-row--gutters">
    <div class="fr-col-12 fr-col-md-8"><div class="fr-input-group"><label class="fr-label" for="item-text">Point d'amélioration *</label>
      <input class="fr-input" type="text" id="item-text" name="text" value="{{T_TEXT}}" maxlength="300" required data-testid="item-text"></div></div>
    <div class="fr-col-12 fr-col-md-4"><div class="fr-select-group"><label class="fr-label" for="item-priority">Priorité</label>
      <select class="fr-select" id="item-priority" name="priority">{{#PRIO}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/PRIO}}</select></div></div>
  </div>
  <button class="fr-btn fr-btn--secondary" type="submit" data-testid="item-submit">Ajouter le point</button>
</form>{{/ITEM_FORM}}

<h2 class="fr-h4 fr-mt-4w">Déclaration sur la plateforme nationale</h2>
{{#DECLARE_FORM}}<!--cp-if-{{MARK}}:no_second_factor--><p class="fr-hint-text" data-testid="needs-second-factor">La déclaration sur la plateforme nationale demande la double authentification : activez-la dans <a href="/compte">Mon compte</a>, puis reconnectez-vous.</p><!--/cp-if-{{MARK}}:no_second_factor--><!--cp-if-{{MARK}}:second_factor--><form method="post" action="/etablissements/{{FINESS}}/exercices/{{ID}}/declaration" data-testid="declare-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group{{#ERR_declared_on}} fr-input-group--error{{/ERR_declared_on}}"><label class="fr-label" for="declared-on">Déclaré le *</label>
    <input class="fr-input" type="date" id="declared-on" name="declared_on" value="{{F_DECLARED}}" required data-testid="declared-on">
    {{#ERR_declared_on}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_declared_on}}</div>
  <button class="fr-btn fr-btn--secondary" type="submit" data-testid="declare-submit">Enregistrer la déclaration</button>
</form><!--/cp-if-{{MARK}}:second_factor-->{{/DECLARE_FORM}}
{{#DECLARE_LATER}}<p>La déclaration s'enregistre une fois l'exercice réalisé.</p>{{/DECLARE_LATER}}
<p class="fr-mt-4w"><a class="fr-link" href="/etablissements/{{FINESS}}/exercices">Tous les exercices</a></p>
