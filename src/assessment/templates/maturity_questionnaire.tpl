{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Autoévaluation {{YEAR}} — {{NAME}}</h1>
<p>Référentiel : {{FRAMEWORK}} (version {{VERSION}}). <a href="/etablissements/{{FINESS}}/maturite">Toutes les années</a></p>
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="maturity-errors">
  <h2 class="fr-alert__title">La demande n'a pas été enregistrée</h2>
  <ul>{{#ERROR}}<li data-field="{{FIELD}}">{{MESSAGE}}</li>{{/ERROR}}</ul>
</div>{{/HAS_ERRORS}}
{{#DECLARED}}<div class="fr-alert fr-alert--success fr-mb-3w" data-testid="declared">
  <h2 class="fr-alert__title">Autoévaluation déclarée le {{DATE}} — score {{SCORE:x-num}} / 100</h2>
  <p>Score déclaré sur la plateforme nationale le {{ON}}, par {{BY}}. Les réponses sont figées. Empreinte SHA-256 de l'instantané : <code data-testid="digest">{{DIGEST}}</code> (<a href="/api/v1/establishments/{{FINESS}}/assessments/{{YEAR}}/snapshot">instantané JSON</a>).</p>
</div>{{/DECLARED}}
{{#NOT_STARTED}}<p class="fr-badge fr-badge--info fr-mb-2w">Pas encore commencée : le premier enregistrement crée le brouillon.</p>{{/NOT_STARTED}}
<div class="fr-grid-row fr-grid-row--gutters fr-mb-3w">
  <div class="fr-col-12 fr-col-md-6">
    <p class="fr-mb-1w"><label for="maturity-progress">Avancement : <strong data-testid="progress">{{PROGRESS}} %</strong> ({{ANSWERED:x-plural=réponse/réponses}} sur {{TOTAL:x-num}})</label></p>
    <progress id="maturity-progress" max="100" value="{{PROGRESS}}">{{PROGRESS}} %</progress>
  </div>
  <div class="fr-col-12 fr-col-md-6">
    <p class="fr-h4">Score global : <span data-testid="overall">{{OVERALL}}</span></p>
    <p class="fr-hint-text">Moyenne pondérée des parties ; une exigence sans réponse compte 0, « Non applicable » est exclue.</p>
  </div>
</div>
<div class="fr-table fr-table--no-caption">
  <table data-testid="section-scores">
    <caption>Score par partie</caption>
    <thead><tr><th scope="col">Partie</th><th scope="col">Réponses</th><th scope="col">Score</th></tr></thead>
    <tbody>{{#SECTION_SCORE}}<tr data-section="{{ID}}"><td><a href="{{BASE}}?section={{ID}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{TITLE}}</a></td><td>{{ANSWERED:x-num}} / {{TOTAL:x-num}}</td><td data-testid="section-score-{{ID}}">{{SCORE:x-num}}</td></tr>{{/SECTION_SCORE}}</tbody>
  </table>
</div>
<nav class="fr-mb-3w" aria-label="Parties du questionnaire"><ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">{{#SECTION_TAB}}<li>{{#SAVE_AND_GO}}<button type="submit" form="answers" name="goto" value="{{ID}}" class="fr-btn fr-btn--sm {{#CURRENT}}fr-btn--primary{{/CURRENT}}{{#OTHER}}fr-btn--tertiary{{/OTHER}}" title="Enregistrer les réponses de cette partie et ouvrir la partie {{ID}}" data-testid="tab-{{ID}}">{{ID}}</button>{{/SAVE_AND_GO}}{{#LINK}}<a class="fr-btn fr-btn--sm {{#CURRENT}}fr-btn--primary{{/CURRENT}}{{#OTHER}}fr-btn--tertiary{{/OTHER}}" href="{{BASE}}?section={{ID}}" data-testid="tab-{{ID}}">{{ID}}</a>{{/LINK}}</li>{{/SECTION_TAB}}</ul>
{{#CAN_EDIT}}<p class="fr-hint-text">Changer de partie enregistre d'abord les réponses de la partie ouverte.</p>{{/CAN_EDIT}}</nav>
<h2 class="fr-h3" data-testid="section-title">{{SECTION_TITLE}}</h2>
<p class="fr-hint-text">Référence : {{SECTION_REFERENCE}}</p>
{{#CAN_EDIT}}<form id="answers" method="post" action="{{BASE}}/reponses" data-testid="answers-form"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="section" value="{{SECTION_ID}}"></form>{{/CAN_EDIT}}
{{#REQUIREMENT}}<section class="cp-requirement fr-mb-3w" data-requirement="{{ID}}" aria-labelledby="rq-{{HID}}">
  <h3 class="fr-h6 fr-mb-1w" id="rq-{{HID}}" data-testid="requirement-title">{{ID}} — {{TITLE}}</h3>
  <p class="fr-hint-text">Référence : {{REFERENCE}}</p>
  {{#CONTRADICTION}}<div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w" data-testid="answer-contradiction"><p>La réponse « {{ANSWER}} » contredit le calcul de carepilot : d'après les preuves enregistrées, cette action {{COMPUTED}}. <a href="{{COMPLIANCE_URL}}">Voir la conformité</a></p></div>{{/CONTRADICTION}}
  {{#EDIT}}<fieldset class="fr-fieldset" id="fs-{{HID}}">
    <legend class="fr-fieldset__legend--regular fr-fieldset__legend">Niveau atteint pour {{ID}}</legend>
    {{#OPTION}}<div class="fr-fieldset__element fr-fieldset__element--inline"><div class="fr-radio-group">
      <input type="radio" id="lv-{{HID}}-{{VALUE}}" name="level:{{ID}}" value="{{VALUE}}" form="answers"{{#CHECKED}} checked{{/CHECKED}}>
      <label class="fr-label" for="lv-{{HID}}-{{VALUE}}">{{LABEL}}</label>
    </div></div>{{/OPTION}}
  </fieldset>
  <div class="fr-input-group">
    <label class="fr-label" for="cm-{{HID}}">Commentaire</label>
    <textarea class="fr-input" id="cm-{{HID}}" name="comment:{{ID}}" form="answers" rows="2" maxlength="4000">{{COMMENT:pre_escape}}</textarea>
  </div>{{/EDIT}}
  {{#READ}}<p><strong>Réponse :</strong> {{LABEL}}</p><p><strong>Commentaire :</strong> {{COMMENT}}</p>{{/READ}}
  {{#ATTACHMENT}}<p class="fr-mb-1w" data-testid="attachment"><a href="{{BASE}}/pieces/{{ID}}" download>{{NAME}}</a> ({{SIZE}}){{#CAN_DELETE}}<!--cp-if-{{MARK}}:second_factor--> <a class="fr-btn fr-btn--tertiary fr-btn--sm" href="{{BASE}}/pieces/{{ID}}/retirer" data-testid="attachment-withdraw">Retirer<span class="fr-sr-only"> {{NAME}}</span></a><!--/cp-if-{{MARK}}:second_factor-->{{/CAN_DELETE}}</p>{{/ATTACHMENT}}
  {{#WITHDRAWN_ATTACHMENT}}<p class="fr-mb-1w fr-text--sm" data-testid="attachment-withdrawn"><a href="{{BASE}}/pieces/{{ID}}" download>{{NAME}}</a> — retirée le {{AT}} (motif du retrait : {{REASON}})</p>{{/WITHDRAWN_ATTACHMENT}}
  {{#UPLOAD}}<form method="post" action="{{BASE}}/pieces" enctype="multipart/form-data" class="fr-mt-1w">
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="requirement" value="{{ID}}">
    <div class="fr-upload-group">
      <label class="fr-label" for="up-{{HID}}">Pièce justificative pour {{ID}}<span class="fr-hint-text">5 Mio au plus : PDF, PNG, JPEG, ODT, DOCX, XLSX, TXT.</span></label>
      <input class="fr-upload" type="file" id="up-{{HID}}" name="file" accept=".pdf,.png,.jpg,.jpeg,.odt,.docx,.xlsx,.txt" data-max-bytes="5242880" data-label="Pièce justificative">
    </div>
    <button class="fr-btn fr-btn--secondary fr-btn--sm fr-mt-1w" type="submit">Joindre</button>
  </form>{{/UPLOAD}}
  {{#IN_PAQ}}<p class="fr-badge fr-badge--info fr-mt-1w">Action PAQ créée</p>{{/IN_PAQ}}
  {{#TO_PAQ}}<form method="post" action="{{BASE}}/paq" class="fr-mt-1w"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="requirement" value="{{ID}}"><button class="fr-btn fr-btn--tertiary fr-btn--sm" type="submit">Créer une action PAQ pour {{ID}}</button></form>{{/TO_PAQ}}
</section>{{/REQUIREMENT}}
{{#CAN_EDIT}}<button class="fr-btn fr-mb-4w" type="submit" form="answers" data-testid="save-answers">Enregistrer les réponses de cette partie</button>{{/CAN_EDIT}}
{{#ALL_TO_PAQ}}<form method="post" action="{{BASE}}/paq" class="fr-mb-4w"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="fr-btn fr-btn--secondary" type="submit" data-testid="all-to-paq">Ajouter au PAQ : {{COUNT:x-plural=exigence non atteinte/exigences non atteintes}}</button></form>{{/ALL_TO_PAQ}}
{{#DECLARE}}<h2 class="fr-h4">Déclarer l'autoévaluation</h2>
<p>La déclaration fige les réponses, les pièces jointes et le score (un instantané et son empreinte sont conservés), et enregistre la preuve « autoévaluation de maturité ». Les exigences sans réponse comptent 0.</p>
<div class="fr-callout fr-mb-3w" data-testid="declare-summary">
  <p class="fr-callout__title fr-h6">Score qui sera déclaré : {{SCORE:x-num}}</p>
  {{#ALL_ANSWERED}}<p class="fr-callout__text">Toutes les exigences ont une réponse.</p>{{/ALL_ANSWERED}}
  {{#UNANSWERED}}<p class="fr-callout__text">{{COUNT:x-plural=exigence sans réponse/exigences sans réponse}} ({{COUNT:x-agree=comptée/comptées}} 0) :</p>
  <ul data-testid="unanswered">{{#ITEM}}<li><a href="{{BASE}}?section={{SECTION}}#rq-{{HID}}">{{ID}} — {{TITLE}}</a></li>{{/ITEM}}</ul>{{/UNANSWERED}}
</div>
<!--cp-if-{{MARK}}:no_second_factor--><p class="fr-hint-text" data-testid="needs-second-factor">La déclaration de l'autoévaluation demande la double authentification : activez-la dans <a href="/compte">Mon compte</a>, puis reconnectez-vous.</p><!--/cp-if-{{MARK}}:no_second_factor--><!--cp-if-{{MARK}}:second_factor--><form method="post" action="{{BASE}}/declaration" data-testid="declare-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-checkbox-group fr-mb-2w">
    <input type="checkbox" id="declare-confirm" name="confirme" value="oui" required data-testid="declare-confirm">
    <label class="fr-label" for="declare-confirm">Je confirme la déclaration du score de {{SCORE:x-num}}{{#UNANSWERED}}, avec {{COUNT:x-plural=exigence sans réponse/exigences sans réponse}}{{/UNANSWERED}} ; les réponses seront figées.</label>
  </div>
  <div class="fr-input-group">
    <label class="fr-label" for="declared-on">Date de déclaration du score sur la plateforme nationale</label>
    <input class="fr-input" type="date" id="declared-on" name="declared_on" value="{{DECLARED_ON}}" max="{{TODAY}}">
  </div>
  <button class="fr-btn" type="submit" data-testid="declare">Déclarer</button>
</form><!--/cp-if-{{MARK}}:second_factor-->{{/DECLARE}}
<script src="/static/app/carepilot.js"></script>
<script src="/static/app/upload.js"></script>
