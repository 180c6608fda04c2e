{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">{{H1}}</h1>
<p><span class="fr-badge fr-badge--{{STATE_BADGE}} fr-badge--no-icon" data-testid="funding-state">{{STATE}}</span></p>
{{#LATE}}<div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w" data-testid="funding-late"><p>{{TEXT}}</p></div>{{/LATE}}
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="funding-errors"><h2 class="fr-alert__title">Rien n'a été enregistré</h2><ul>{{#ERROR}}<li>{{#TO}}<a href="#{{ID}}">{{/TO}}{{MESSAGE}}{{#TO}}</a>{{/TO}}</li>{{/ERROR}}</ul></div>{{/HAS_ERRORS}}
<dl class="fr-mb-3w">
  <dt>Appel</dt><dd>{{CALL}} — {{LEGAL}}</dd>
  <dt>Candidat</dt><dd data-testid="funding-candidate">{{CANDIDATE}} — {{KIND}}, {{REGION}}</dd>
  <dt>Établissements couverts</dt><dd><ul>{{#ESTABLISHMENT}}<li>{{NAME}} ({{FINESS}})</li>{{/ESTABLISHMENT}}</ul></dd>
  <dt>Contacts</dt><dd><ul>{{#CONTACT}}<li>{{TEXT}}</li>{{/CONTACT}}</ul></dd>
  <dt>Montants</dt><dd>Demandé : {{REQUESTED}} ; accordé : {{GRANTED}} ; payé : {{PAID}}</dd>
  <dt>Déposée</dt><dd>le {{CREATED}} par {{CREATED_BY}}</dd>
  {{#EXCEPTION}}<dt>Dérogation nationale</dt><dd data-testid="funding-exception">Jusqu'au {{UNTIL}} : {{REASON}} <span class="fr-text--xs">(accordée le {{AT}} par {{BY}})</span></dd>{{/EXCEPTION}}
</dl>
<h2>Prérequis</h2>
<ul>{{#PREREQ}}<li>{{ID}} — {{LABEL}} : {{PROOF}}{{#PREREQ_ITEMS}}<ul class="fr-text--sm">{{#ITEM}}<li>{{#LINKED}}<a class="fr-link fr-text--sm" href="{{URL}}">{{TEXT}}</a>{{/LINKED}}{{#UNLINKED}}{{TEXT}}{{/UNLINKED}}</li>{{/ITEM}}</ul>{{/PREREQ_ITEMS}}</li>{{/PREREQ}}</ul>

{{#ARS}}<h2 class="fr-mt-4w">Instruction par l'ARS</h2>
<form method="post" action="{{ACTION}}" data-testid="funding-ars-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <fieldset class="fr-fieldset{{#ERR_ARS_DECISION}} fr-fieldset--error{{/ERR_ARS_DECISION}}" id="decision">
    <legend class="fr-fieldset__legend">Décision *</legend>
    <div class="fr-fieldset__element"><div class="fr-radio-group"><input type="radio" id="decision-validate" name="decision" value="validate" data-testid="funding-ars-validate"><label class="fr-label" for="decision-validate">Valider la candidature</label></div></div>
    <div class="fr-fieldset__element"><div class="fr-radio-group"><input type="radio" id="decision-refuse" name="decision" value="refuse" data-testid="funding-ars-refuse"><label class="fr-label" for="decision-refuse">Refuser la candidature</label></div></div>
    {{#ERR_ARS_DECISION}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_ARS_DECISION}}
  </fieldset>
  <div class="fr-input-group{{#ERR_ARS_REASON}} fr-input-group--error{{/ERR_ARS_REASON}}">
    <label class="fr-label" for="reason">Motif <span class="fr-hint-text">obligatoire pour un refus</span></label>
    <textarea class="fr-input" id="reason" name="reason" rows="3" data-testid="funding-ars-reason">{{V_REASON:pre_escape}}</textarea>
    {{#ERR_ARS_REASON}}<p class="fr-error-text" data-testid="funding-ars-reason-error">{{MSG}}</p>{{/ERR_ARS_REASON}}
  </div>
  <button class="fr-btn" type="submit" data-testid="funding-ars-submit">Enregistrer l'instruction</button>
</form>{{/ARS}}

<h2 class="fr-mt-4w">Objectifs</h2>
{{#OBJECTIVE}}<div class="fr-card fr-mb-2w" data-testid="funding-objective-{{FID}}"><div class="fr-card__body"><div class="fr-card__content">
  <h3 class="fr-card__title">{{ID}} — {{LABEL}}</h3>
  <p class="fr-card__desc">Cible : {{TARGET}}. Pièces : {{PIECES}}.</p>
  {{#HOWTO}}<section class="fr-accordion fr-mt-1w" data-testid="funding-how-to-{{FID}}">
    <h4 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="false" aria-controls="comment-{{FID}}" data-testid="how-to-button">Comment faire ?</button></h4>
    <div class="fr-collapse" id="comment-{{FID}}" data-testid="how-to">
      <ul class="fr-raw-list">{{#ITEM}}<li class="fr-text--sm fr-mb-1w"><span class="fr-badge fr-badge--sm fr-badge--blue-cumulus">{{KIND}}</span> <a href="{{URL}}" data-testid="how-to-link">{{TITLE}}</a></li>{{/ITEM}}</ul>
    </div>
  </section>{{/HOWTO}}
  <div class="fr-card__end"><div class="fr-grid-row fr-grid-row--gutters">
    <div class="fr-col-12 fr-col-md-4"><p class="fr-text--bold fr-mb-1v">Preuve proposée par carepilot</p>
      {{#FROZEN}}<div data-testid="funding-frozen-{{FID}}"><p class="fr-text--xs fr-mb-0">Calcul figé dans la déclaration du {{AT}} (celui du dossier transmis)</p><p class="fr-mb-1v"><span class="fr-badge fr-badge--sm fr-badge--{{BADGE}}" data-testid="funding-verdict-badge">{{VERDICT}}</span></p>{{#WORDS_ONE}}<p class="fr-text--sm">{{TEXT}}</p>{{/WORDS_ONE}}{{#WORDS_LIST}}<ul class="fr-text--sm" data-testid="funding-computation-lines">{{#LINE}}<li>{{TEXT}}</li>{{/LINE}}</ul>{{/WORDS_LIST}}</div>{{/FROZEN}}
      {{#COMPUTED}}{{#TODAY}}<hr class="fr-hr fr-mt-1w fr-pb-1w"><p class="fr-text--xs fr-mb-0" data-testid="funding-today-{{FID}}">Selon les relevés d'aujourd'hui ({{DAY}}), pour information :</p>{{/TODAY}}<p class="fr-mb-1v"><span class="fr-badge fr-badge--sm fr-badge--{{BADGE}}" data-testid="funding-verdict-badge">{{VERDICT}}</span></p>{{#WORDS_ONE}}<p class="fr-text--sm">{{TEXT}}</p>{{/WORDS_ONE}}{{#WORDS_LIST}}<ul class="fr-text--sm" data-testid="funding-computation-lines">{{#LINE}}<li>{{TEXT}}</li>{{/LINE}}</ul>{{/WORDS_LIST}}{{#PROPOSED_LIST}}<p class="fr-text--sm fr-text--bold fr-mb-0" data-testid="funding-proposed-heading-{{FID}}">Relevés d'aujourd'hui proposés</p><ul class="fr-text--sm" data-testid="funding-proposed-{{FID}}">{{#ITEM}}<li>{{#LINKED}}<a class="fr-link fr-text--sm" href="{{URL}}">{{TEXT}}</a>{{/LINKED}}{{#UNLINKED}}{{TEXT}}{{/UNLINKED}}</li>{{/ITEM}}</ul>{{/PROPOSED_LIST}}{{/COMPUTED}}
      {{#DECLARATIVE}}<p class="fr-text--sm">Objectif déclaratif : {{WHY}}</p>{{/DECLARATIVE}}
      {{#LACKS}}<p class="fr-text--sm fr-mb-0">Ce qui manque : {{TEXT}}</p>{{/LACKS}}
    </div>
    <div class="fr-col-12 fr-col-md-4"><p class="fr-text--bold fr-mb-1v">Déclaration</p>
      {{#DECLARED}}<p class="fr-mb-1v">{{REACHED}}</p>{{#KEPT}}<p class="fr-text--sm fr-mb-1v" data-testid="funding-kept-{{FID}}">Repris sans changement de la déclaration du {{AT}}</p>{{/KEPT}}{{#JUSTIFICATION}}<p class="fr-text--sm">{{TEXT}}</p>{{/JUSTIFICATION}}{{#EVIDENCE_LIST}}<ul class="fr-text--sm" data-testid="funding-declared-{{FID}}">{{#ITEM}}<li>{{#LINKED}}<a class="fr-link fr-text--sm" href="{{URL}}">{{TEXT}}</a>{{/LINKED}}{{#UNLINKED}}{{TEXT}}{{/UNLINKED}}</li>{{/ITEM}}</ul>{{/EVIDENCE_LIST}}{{/DECLARED}}
    </div>
    <div class="fr-col-12 fr-col-md-4"><p class="fr-text--bold fr-mb-1v">Vérification par l'ARS</p>
      <div data-testid="funding-verdicts-{{FID}}">{{#VERDICT}}<p class="fr-mb-1v"><span class="fr-badge fr-badge--sm fr-badge--{{BADGE}}" data-testid="funding-outcome-badge">{{OUTCOME}}</span></p>{{#COMMENT}}<p class="fr-text--sm">{{TEXT}}</p>{{/COMMENT}}<p class="fr-text--xs">le {{AT}} par {{BY}}</p>{{/VERDICT}}</div>
    </div>
  </div></div>
</div></div></div>{{/OBJECTIVE}}

{{#DECLARE_NEEDS_SECOND_FACTOR}}<h2 class="fr-mt-4w">Déclarer les objectifs atteints</h2>
<div class="fr-notice fr-notice--info fr-mb-2w" data-testid="funding-declare-second-factor"><div class="fr-container"><div class="fr-notice__body"><p class="fr-notice__title">La déclaration des objectifs atteints demande la double authentification : activez-la dans « Mon compte » puis reconnectez-vous, ou confiez la déclaration à un compte qui l'a activée (le RSSI de l'établissement, par exemple).</p></div></div></div>{{/DECLARE_NEEDS_SECOND_FACTOR}}
{{#DECLARE}}<h2 class="fr-mt-4w">Déclarer les objectifs atteints</h2>
<form method="post" action="{{ACTION}}" enctype="multipart/form-data" data-testid="funding-declare-form" id="objectives">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{#ERR_DECLARE_OBJECTIVES}}<p class="fr-error-text" data-testid="funding-declare-error">{{MSG}}</p>{{/ERR_DECLARE_OBJECTIVES}}
  {{#DECLARE_ROW}}<fieldset class="fr-fieldset{{#ROW_ERROR}} fr-fieldset--error{{/ROW_ERROR}}" id="objective_{{FID}}">
    <legend class="fr-fieldset__legend">{{ID}} — {{LABEL}}</legend>
    {{#ASKED}}<div class="fr-fieldset__element"><p class="fr-text--sm fr-mb-1v" data-testid="funding-asked-{{FID}}">Demande de l'ARS ({{BY}}, le {{AT}}) : « {{TEXT}} »</p></div>{{/ASKED}}
    <div class="fr-fieldset__element"><div class="fr-checkbox-group"><input type="checkbox" id="reached_{{FID}}" name="reached_{{FID}}" value="1"{{#CHECKED}} checked{{/CHECKED}} data-testid="funding-reached-{{FID}}"><label class="fr-label" for="reached_{{FID}}">Objectif atteint</label></div></div>
    <div class="fr-fieldset__element"><div class="fr-input-group{{#ROW_ERROR}} fr-input-group--error{{/ROW_ERROR}}"><label class="fr-label" for="justification_{{FID}}">Preuve ou justification <span class="fr-hint-text">{{PIECES}}</span></label>
    <textarea class="fr-input{{#ROW_ERROR}} fr-input--error{{/ROW_ERROR}}" id="justification_{{FID}}" name="justification_{{FID}}" rows="2" data-testid="funding-justification-{{FID}}"{{#ROW_ERROR}} aria-describedby="justification_{{FID}}-error"{{/ROW_ERROR}}>{{V_JUSTIFICATION:pre_escape}}</textarea>
    {{#ROW_MESSAGE}}<p class="fr-error-text" id="justification_{{FID}}-error" data-testid="funding-objective-error-{{FID}}">{{MSG}}</p>{{/ROW_MESSAGE}}</div></div>
    <div class="fr-fieldset__element"><p class="fr-text--sm fr-mb-1v">Preuves tirées des enregistrements de carepilot</p>
    {{#NOT_MET}}<p class="fr-text--sm fr-mb-1v" data-testid="funding-not-met-{{FID}}">{{TEXT}}</p>{{/NOT_MET}}
    {{#MODULE_RECORD}}<p class="fr-text--sm fr-mb-1v" data-testid="funding-module-record-{{FID}}">{{TEXT}}</p>{{/MODULE_RECORD}}
    {{#NO_EVIDENCE}}<p class="fr-text--sm fr-mb-1v">Aucune preuve proposée pour cet objectif.</p>{{/NO_EVIDENCE}}
    {{#EVIDENCE_OPT}}<div class="fr-checkbox-group fr-checkbox-group--sm"><input type="checkbox" id="{{NAME}}" name="{{NAME}}" value="1"{{#EV_CHECKED}} checked{{/EV_CHECKED}} data-testid="funding-evidence-{{FID}}"><label class="fr-label" for="{{NAME}}">{{LABEL}}</label></div>{{/EVIDENCE_OPT}}</div>
    <div class="fr-fieldset__element"><div class="fr-upload-group{{#FILE_ERROR}} fr-upload-group--error{{/FILE_ERROR}}"><label class="fr-label" for="file_{{FID}}">Fichier joint <span class="fr-hint-text">facultatif ; PDF, PNG, JPEG, ODT, DOCX, XLSX ou TXT, 5 Mio au plus{{#FILE_AGAIN}} ; « {{NAME}} » n'a pas été enregistré : joignez-le de nouveau{{/FILE_AGAIN}}</span></label>
    <input class="fr-upload" type="file" id="file_{{FID}}" name="file_{{FID}}" data-testid="funding-file-{{FID}}">
    {{#FILE_ERROR}}<p class="fr-error-text" data-testid="funding-file-error-{{FID}}">{{MSG}}</p>{{/FILE_ERROR}}</div></div>
  </fieldset>{{/DECLARE_ROW}}
  <button class="fr-btn" type="submit" data-testid="funding-declare-submit">Déclarer</button>
</form>{{/DECLARE}}

{{#VERIFY}}<h2 class="fr-mt-4w">Vérifier la déclaration</h2>
<form method="post" action="{{ACTION}}" data-testid="funding-verify-form" id="verdicts">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{#ERR_VERIFY_VERDICTS}}<p class="fr-error-text" data-testid="funding-verify-error">{{MSG}}</p>{{/ERR_VERIFY_VERDICTS}}
  {{#VERIFY_ROW}}<fieldset class="fr-fieldset" id="verdict_{{FID}}">
    <legend class="fr-fieldset__legend">{{ID}} — {{LABEL}}</legend>
    <div class="fr-fieldset__element"><div class="fr-grid-row fr-grid-row--gutters" data-testid="funding-verify-side-by-side-{{FID}}">
    <div class="fr-col-12 fr-col-md-6" data-testid="funding-verify-proof-{{FID}}"><p class="fr-text--bold fr-mb-1v">Preuve déclarée</p>
    <p class="fr-text--sm fr-mb-1v">Déclaré atteint le {{DECLARED_AT}} par {{DECLARED_BY}}</p>
    {{#VERIFY_JUSTIFICATION}}<p class="fr-text--sm fr-mb-0">Justification écrite :</p><p class="fr-text--sm fr-mb-1v" data-testid="funding-verify-justification-{{FID}}">{{TEXT}}</p>{{/VERIFY_JUSTIFICATION}}
    {{#VERIFY_EVIDENCE}}<p class="fr-text--sm fr-mb-0">Pièces choisies ou jointes :</p><ul class="fr-text--sm" data-testid="funding-verify-evidence-{{FID}}">{{#ITEM}}<li>{{#LINKED}}<a class="fr-link fr-text--sm" href="{{URL}}">{{TEXT}}</a>{{/LINKED}}{{#UNLINKED}}{{TEXT}}{{/UNLINKED}}</li>{{/ITEM}}</ul>{{/VERIFY_EVIDENCE}}
    {{#VERIFY_NO_EVIDENCE}}<p class="fr-text--sm fr-mb-1v">Aucune pièce choisie ni jointe.</p>{{/VERIFY_NO_EVIDENCE}}
    {{#VERIFY_FROZEN}}<div data-testid="funding-verify-frozen-{{FID}}"><p class="fr-text--xs fr-mb-0">Calcul figé dans la déclaration du {{AT}}</p><p class="fr-text--sm fr-mb-1v"><span class="fr-badge fr-badge--sm fr-badge--{{BADGE}}" data-testid="funding-verdict-badge">{{VERDICT}}</span></p>{{#WORDS_ONE}}<p class="fr-text--sm">{{TEXT}}</p>{{/WORDS_ONE}}{{#WORDS_LIST}}<ul class="fr-text--sm" data-testid="funding-computation-lines">{{#LINE}}<li>{{TEXT}}</li>{{/LINE}}</ul>{{/WORDS_LIST}}</div>{{/VERIFY_FROZEN}}
    {{#VERIFY_DECLARATIVE}}<p class="fr-text--sm">Objectif déclaratif : aucun calcul par carepilot.</p>{{/VERIFY_DECLARATIVE}}
    </div>
    <div class="fr-col-12 fr-col-md-6" data-testid="funding-verify-decision-{{FID}}"><p class="fr-text--bold fr-mb-1v">Votre avis</p>
    {{#EARLIER}}<p class="fr-text--sm fr-mb-1v" data-testid="funding-verify-earlier-{{FID}}">Avis précédent de l'ARS ({{BY}}, le {{AT}}) : {{OUTCOME}} — « {{TEXT}} »</p>{{/EARLIER}}
    <div class="fr-select-group{{#OUTCOME_ERROR}} fr-select-group--error{{/OUTCOME_ERROR}}"><label class="fr-label" for="outcome_{{FID}}">Avis</label>
    <select class="fr-select" id="outcome_{{FID}}" name="outcome_{{FID}}" data-testid="funding-outcome-{{FID}}"{{#OUTCOME_ERROR}} aria-describedby="outcome_{{FID}}-error"{{/OUTCOME_ERROR}}>{{#OUTCOME_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OUTCOME_OPT}}</select>
    {{#OUTCOME_ERROR}}<p class="fr-error-text" id="outcome_{{FID}}-error" data-testid="funding-outcome-error-{{FID}}">{{MSG}}</p>{{/OUTCOME_ERROR}}</div>
    <div class="fr-input-group{{#COMMENT_ERROR}} fr-input-group--error{{/COMMENT_ERROR}}"><label class="fr-label" for="comment_{{FID}}">Commentaire <span class="fr-hint-text">obligatoire sauf si accepté</span></label>
    <textarea class="fr-input{{#COMMENT_ERROR}} fr-input--error{{/COMMENT_ERROR}}" id="comment_{{FID}}" name="comment_{{FID}}" rows="3" data-testid="funding-comment-{{FID}}"{{#COMMENT_ERROR}} aria-describedby="comment_{{FID}}-error"{{/COMMENT_ERROR}}>{{V_COMMENT:pre_escape}}</textarea>
    {{#COMMENT_ERROR}}<p class="fr-error-text" id="comment_{{FID}}-error" data-testid="funding-comment-error-{{FID}}">{{MSG}}</p>{{/COMMENT_ERROR}}</div>
    </div>
    </div></div>
  </fieldset>{{/VERIFY_ROW}}
  <button class="fr-btn" type="submit" data-testid="funding-verify-submit">Enregistrer la vérification</button>
</form>{{/VERIFY}}

{{#REQUEST}}<h2 class="fr-mt-4w">Instruction nationale : demander un complément</h2>
<form method="post" action="{{ACTION}}" data-testid="funding-request-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group{{#ERR_REQUEST_TEXT}} fr-input-group--error{{/ERR_REQUEST_TEXT}}">
    <label class="fr-label" for="request-text">Demande *</label>
    <textarea class="fr-input" id="request-text" name="text" rows="3" data-testid="funding-request-text">{{V_TEXT:pre_escape}}</textarea>
    {{#ERR_REQUEST_TEXT}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_REQUEST_TEXT}}
  </div>
  <button class="fr-btn fr-btn--secondary" type="submit" data-testid="funding-request-submit">Demander</button>
</form>{{/REQUEST}}
{{#ANSWER_NEEDS_SECOND_FACTOR}}<h2 class="fr-mt-4w">Répondre à l'instruction nationale</h2>
<div class="fr-notice fr-notice--info fr-mb-2w" data-testid="funding-answer-second-factor"><div class="fr-container"><div class="fr-notice__body"><p class="fr-notice__title">Une demande de l'instruction nationale attend la réponse du candidat. Comme la déclaration des objectifs, la réponse demande la double authentification : activez-la dans « Mon compte » puis reconnectez-vous, ou confiez la réponse à un compte qui l'a activée (le RSSI de l'établissement, par exemple).</p></div></div></div>{{/ANSWER_NEEDS_SECOND_FACTOR}}
{{#ANSWER}}<h2 class="fr-mt-4w">Répondre à l'instruction nationale</h2>
{{#PENDING}}<blockquote class="fr-quote fr-quote--column fr-mb-2w" data-testid="funding-answer-request"><p>« {{TEXT}} »</p><div class="fr-quote__author">Demande de {{BY}}</div><ul class="fr-quote__source"><li>le {{AT}}</li></ul></blockquote>{{/PENDING}}
<form method="post" action="{{ACTION}}" data-testid="funding-answer-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group{{#ERR_ANSWER_TEXT}} fr-input-group--error{{/ERR_ANSWER_TEXT}}">
    <label class="fr-label" for="answer-text">Réponse *</label>
    <textarea class="fr-input" id="answer-text" name="text" rows="3" data-testid="funding-answer-text">{{V_TEXT:pre_escape}}</textarea>
    {{#ERR_ANSWER_TEXT}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_ANSWER_TEXT}}
  </div>
  <button class="fr-btn" type="submit" data-testid="funding-answer-submit">Répondre</button>
</form>{{/ANSWER}}
{{#DECIDE}}<h2 class="fr-mt-4w">Décision de financement</h2>
<form method="post" action="{{ACTION}}" data-testid="funding-decide-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group{{#ERR_DECIDE_AMOUNT_GRANTED}} fr-input-group--error{{/ERR_DECIDE_AMOUNT_GRANTED}}">
    <label class="fr-label" for="amount_granted">Montant accordé * <span class="fr-hint-text">en euros ; 0 € pour un rejet</span></label>
    <input class="fr-input" type="text" id="amount_granted" name="amount_granted" value="{{V_AMOUNT}}" data-testid="funding-amount-granted">
    {{#ERR_DECIDE_AMOUNT_GRANTED}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_DECIDE_AMOUNT_GRANTED}}
  </div>
  <div class="fr-input-group{{#ERR_DECIDE_REASON}} fr-input-group--error{{/ERR_DECIDE_REASON}}">
    <label class="fr-label" for="decide-reason">Motif <span class="fr-hint-text">obligatoire pour un rejet (0 €)</span></label>
    <textarea class="fr-input" id="decide-reason" name="reason" rows="2" data-testid="funding-decide-reason">{{V_REASON:pre_escape}}</textarea>
    {{#ERR_DECIDE_REASON}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_DECIDE_REASON}}
  </div>
  <button class="fr-btn" type="submit" data-testid="funding-decide-submit">Enregistrer la décision</button>
</form>{{/DECIDE}}
{{#PAY}}<h2 class="fr-mt-4w">Paiement</h2>
{{#PAID_SO_FAR}}<p data-testid="funding-paid-so-far">{{TEXT}}</p>{{/PAID_SO_FAR}}
<form method="post" action="{{ACTION}}" data-testid="funding-pay-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group{{#ERR_PAY_PAID_ON}} fr-input-group--error{{/ERR_PAY_PAID_ON}}">
    <label class="fr-label" for="paid_on">Date du paiement *</label>
    <input class="fr-input" type="date" id="paid_on" name="paid_on" value="{{V_PAID_ON}}" data-testid="funding-paid-on">
    {{#ERR_PAY_PAID_ON}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_PAY_PAID_ON}}
  </div>
  <div class="fr-input-group{{#ERR_PAY_AMOUNT}} fr-input-group--error{{/ERR_PAY_AMOUNT}}">
    <label class="fr-label" for="amount">Montant payé *</label>
    <input class="fr-input" type="text" id="amount" name="amount" value="{{V_AMOUNT}}" data-testid="funding-amount-paid">
    {{#ERR_PAY_AMOUNT}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_PAY_AMOUNT}}
  </div>
  <button class="fr-btn" type="submit" data-testid="funding-pay-submit">Enregistrer le paiement</button>
</form>{{/PAY}}

{{#EXCEPTION_FORM}}<h2 class="fr-mt-4w">{{HEADING}}</h2>
{{#NOT_GRANTED}}<p>L'échéance « {{STEP}} » du {{DATE}} est passée : sans dérogation, l'étape suivante est refusée.</p>{{/NOT_GRANTED}}
{{#GRANTED}}<p data-testid="funding-exception-granted-note">L'échéance « {{STEP}} » du {{DATE}} est passée ; la dérogation accordée couvre l'étape suivante jusqu'au {{UNTIL}}. Ce formulaire la modifie.</p>{{/GRANTED}}
<form method="post" action="{{ACTION}}" data-testid="funding-exception-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group{{#ERR_EXCEPTION_UNTIL}} fr-input-group--error{{/ERR_EXCEPTION_UNTIL}}">
    <label class="fr-label" for="until">Jusqu'au *</label>
    <input class="fr-input" type="date" id="until" name="until" value="{{V_UNTIL}}" data-testid="funding-exception-until">
    {{#ERR_EXCEPTION_UNTIL}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_EXCEPTION_UNTIL}}
  </div>
  <div class="fr-input-group{{#ERR_EXCEPTION_REASON}} fr-input-group--error{{/ERR_EXCEPTION_REASON}}">
    <label class="fr-label" for="exception-reason">Motif *</label>
    <textarea class="fr-input" id="exception-reason" name="reason" rows="2" data-testid="funding-exception-reason">{{V_REASON:pre_escape}}</textarea>
    {{#ERR_EXCEPTION_REASON}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_EXCEPTION_REASON}}
  </div>
  <button class="fr-btn fr-btn--secondary" type="submit" data-testid="funding-exception-submit">{{SUBMIT}}</button>
</form>{{/EXCEPTION_FORM}}

<h2 class="fr-mt-4w">Déclarations</h2>
<ul>{{#DECLARATION}}<li>Déclaration déposée le {{AT}} par {{BY}}{{LATE_WORDS}} — <a class="fr-link" href="{{PDF}}" download data-testid="funding-pdf">dossier (PDF)</a></li>{{/DECLARATION}}</ul>

<h2 class="fr-mt-4w">Historique</h2>
<ul data-testid="funding-history">{{#EVENT}}<li>{{AT}} — {{KIND}} par {{BY}}{{#TO}} ({{STATE}}){{/TO}} : {{TEXT}}</li>{{/EVENT}}</ul>
