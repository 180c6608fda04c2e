{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Sauvegardes — {{NAME}}</h1>
<p>L'auto-déclaration de la posture de sauvegarde de l'établissement, point par point, chaque réponse datée et appuyée d'une pièce justificative. Une nouvelle réponse devient une nouvelle version ; la dernière version non retirée compte ; rien n'est effacé. Source : {{SOURCE}}.</p>
{{#POINT}}<section class="fr-mb-4w" data-testid="backup-point" data-point="{{PT_ID}}">
<h2 class="fr-h4">{{PT_LABEL}} <span class="fr-text--sm">(objectif {{PT_OBJECTIVE}})</span></h2>
{{#PT_NONE}}<p data-testid="backup-current"><span class="fr-badge fr-badge--warning fr-badge--sm">Non déclaré</span></p>{{/PT_NONE}}
{{#PT_CURRENT}}<p data-testid="backup-current">{{PT_ANSWER}} (version {{PT_VERSION}}){{#PT_DOC}} — <a class="fr-link fr-link--download" href="{{PT_DOC_URL}}" download data-testid="backup-document">{{PT_DOC_NAME}}</a>{{/PT_DOC}}{{#PT_NO_DOC}} — aucune pièce justificative{{/PT_NO_DOC}}</p>
{{#PT_NOTE}}<p class="fr-text--sm">{{PT_NOTE}}</p>{{/PT_NOTE}}{{/PT_CURRENT}}
{{#PT_VERSION_ROW}}<p class="fr-text--sm fr-mb-1w" data-testid="backup-version">Version {{V_VERSION}} : {{V_TEXT}}, par {{V_BY}} — {{V_STATE}}{{#V_WITHDRAW}} — <a class="fr-link fr-link--sm" href="{{V_WITHDRAW_URL}}" data-testid="backup-withdraw">Retirer la version {{V_VERSION}}</a>{{/V_WITHDRAW}}</p>{{/PT_VERSION_ROW}}
{{#PT_FORM}}<section class="fr-accordion"><h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="{{EXPANDED}}" aria-controls="acc-backup-{{PT_ID}}">Déclarer</button></h3>
<div class="fr-collapse" id="acc-backup-{{PT_ID}}">
{{#F_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-2w" role="alert" data-testid="backup-errors"><h4 class="fr-alert__title">La déclaration n'a pas été enregistrée</h4><ul>{{#F_ERROR}}<li>{{F_MESSAGE}}</li>{{/F_ERROR}}</ul></div>{{/F_ERRORS}}
<form method="post" action="{{BASE}}/{{PT_ID}}" enctype="multipart/form-data" data-testid="backup-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">Réponse *</legend>
  {{#F_ANSWER}}<div class="fr-fieldset__element"><div class="fr-radio-group"><input type="radio" id="b_{{PT_ID}}_{{F_A_ID}}" name="answer" value="{{F_A_ID}}"{{#F_A_CHECKED}} checked{{/F_A_CHECKED}} data-testid="backup-answer-{{F_A_ID}}"><label class="fr-label" for="b_{{PT_ID}}_{{F_A_ID}}">{{F_A_LABEL}}</label></div></div>{{/F_ANSWER}}
  </fieldset>
  <div class="fr-input-group"><label class="fr-label" for="b_{{PT_ID}}_on">{{F_DATE_LABEL}} *</label>
    <input class="fr-input" type="date" id="b_{{PT_ID}}_on" name="declared_on" value="{{F_DATE}}" data-testid="backup-date"></div>
  {{#F_AUTH}}<div class="fr-select-group"><label class="fr-label" for="b_{{PT_ID}}_mode">Mode d'authentification de l'infrastructure de sauvegarde</label>
    <select class="fr-select" id="b_{{PT_ID}}_mode" name="auth_mode" data-testid="backup-auth-mode"><option value="">Choisir</option>{{#F_MODE}}<option value="{{F_M_ID}}"{{#F_M_SELECTED}} selected{{/F_M_SELECTED}}>{{F_M_LABEL}}</option>{{/F_MODE}}</select></div>
  <fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">Double authentification pour administrer les sauvegardes</legend>
    <div class="fr-fieldset__element"><div class="fr-radio-group"><input type="radio" id="b_{{PT_ID}}_sf_yes" name="second_factor" value="yes" data-testid="backup-second-factor-yes"><label class="fr-label" for="b_{{PT_ID}}_sf_yes">Oui</label></div></div>
    <div class="fr-fieldset__element"><div class="fr-radio-group"><input type="radio" id="b_{{PT_ID}}_sf_no" name="second_factor" value="no"><label class="fr-label" for="b_{{PT_ID}}_sf_no">Non</label></div></div>
  </fieldset>
  <div class="fr-input-group"><label class="fr-label" for="b_{{PT_ID}}_level">Niveau ANSSI de l'annuaire dédié <span class="fr-hint-text">de 1 à 5 ; le niveau {{F_LEVEL_REQUIRED}} au moins est attendu</span></label>
    <input class="fr-input" type="text" inputmode="numeric" id="b_{{PT_ID}}_level" name="ad_level" value="{{F_LEVEL}}" data-testid="backup-ad-level"></div>{{/F_AUTH}}
  <div class="fr-input-group"><label class="fr-label" for="b_{{PT_ID}}_note">Observations</label>
    <textarea class="fr-input" id="b_{{PT_ID}}_note" name="note" data-testid="backup-note">{{F_NOTE:pre_escape}}</textarea></div>
  <div class="fr-upload-group"><label class="fr-label" for="b_{{PT_ID}}_file">Pièce justificative <span class="fr-hint-text">PDF, ODT, DOCX, XLSX, PNG, JPEG ou TXT, 5 Mio au plus</span></label>
    <input class="fr-upload" type="file" id="b_{{PT_ID}}_file" name="file" data-testid="backup-file"></div>
  <button class="fr-btn fr-btn--sm fr-mt-1w" type="submit" data-testid="backup-submit">Enregistrer la déclaration</button>
</form></div></section>{{/PT_FORM}}
</section>{{/POINT}}
