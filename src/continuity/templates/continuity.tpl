{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Continuité d'activité — {{NAME}}</h1>
{{#TOP_ERRORS}}<div class="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" data-testid="continuity-errors-top"><p>{{TOP_TITLE}} : <a href="#formulaire-refuse">voir les erreurs et corriger le formulaire</a> (il est ouvert plus bas, vos saisies sont conservées).</p></div>{{/TOP_ERRORS}}
<p>Les activités à protéger, leur bilan d'impact sur l'activité (BIA), les exigences de reprise qui en découlent pour les ressources informatiques, et les plans de continuité avec leurs tests. Un BIA validé d'une activité liée à un service devient la preuve du BIA de ce service ; un plan validé devient la preuve du plan (instruction DNS/2025/12, action prioritaire 4 : BIA des services critiques et médico-techniques au 30 juin 2026, de tous les services au 30 juin 2027 ; un PCRI ne tient pas lieu de PCRA, FAQ D2.O1.C). <a href="{{COMPLIANCE_URL}}">Voir la conformité</a></p>
<p><a class="fr-link fr-link--download" href="{{BASE}}.pdf" data-testid="continuity-pdf">Rapport imprimable : BIA avec leur matrice d'impact, exigences de reprise, plans et tests<span class="fr-link__detail">PDF</span></a><br><a class="fr-link fr-link--download" href="{{BASE}}.xlsx" download data-testid="continuity-xlsx">Exporter le registre des BIA, les exigences de reprise et les plans<span class="fr-link__detail">XLSX</span></a></p>
<ul class="fr-links-group"><li><a class="fr-link" href="{{BASE}}/sauvegardes" data-testid="continuity-backup-link">Posture de sauvegarde : l'auto-déclaration de l'établissement</a></li>{{#GHT_LINK}}<li><a class="fr-link" href="{{GHT_URL}}" data-testid="continuity-ght-link">Couverture des plans dans le GHT (règle des 66 %)</a></li>{{/GHT_LINK}}{{#EJ_LINK}}<li><a class="fr-link" href="{{EJ_URL}}" data-testid="continuity-ej-link">Couverture des plans dans l'entité juridique, {{EJ_SITES}} (règle des 66 %)</a></li>{{/EJ_LINK}}</ul>
{{#VERDICT}}<div class="fr-callout fr-mb-3w" data-testid="continuity-verdict">
  <h2 class="fr-callout__title">Couverture des services par un BIA validé</h2>
  {{#NO_SERVICE}}<p class="fr-callout__text" data-testid="continuity-verdict-text">Pas de verdict : aucun service n'est déclaré pour cet établissement dans le registre. Déclarez ses services pour savoir quels BIA sont attendus.</p>{{/NO_SERVICE}}
  {{#NO_ACTIVITY}}<p class="fr-callout__text" data-testid="continuity-verdict-text">Pas de verdict : aucune activité n'est recensée. Il manque les activités et leur BIA pour les {{SERVICES:x-plural=service exploité/services exploités}}.</p>{{/NO_ACTIVITY}}
  {{#ALL_COVERED}}<p class="fr-callout__text" data-testid="continuity-verdict-text">Chacun des {{SERVICES:x-plural=service exploité/services exploités}} a un BIA validé.</p>{{/ALL_COVERED}}
  {{#SOME_MISSING}}<p class="fr-callout__text" data-testid="continuity-verdict-text">{{COVERED:x-num}} sur {{SERVICES:x-plural=service exploité/services exploités}} avec un BIA validé. BIA validé manquant pour {{MISSING_COUNT:x-plural=service/services}} :</p>
  <ul data-testid="continuity-missing">{{#MISSING}}<li>{{SERVICE_LABEL}} — {{DEADLINE}}</li>{{/MISSING}}</ul>{{/SOME_MISSING}}
  <p class="fr-text--sm fr-mb-0">Part de l'activité de l'établissement recensée dans les activités : {{SHARE_TOTAL}}.</p>
</div>{{/VERDICT}}
<h2>Activités à protéger</h2>
{{#NO_ACTIVITIES}}<p data-testid="continuity-no-activity">Aucune activité recensée.</p>{{/NO_ACTIVITIES}}
<div class="fr-table"><table data-testid="continuity-activities">
  <caption>Activités, leur part de l'activité et le BIA qui compte (la dernière version validée)</caption>
  <thead><tr><th scope="col">Activité</th><th scope="col">Nature</th><th scope="col">Service</th><th scope="col">Pilote</th><th scope="col">Part</th><th scope="col">BIA validé</th><th scope="col">Durée maximale d'interruption admissible (DMIA)</th><th scope="col">Perte de données maximale admissible (PDMA)</th></tr></thead>
  <tbody>{{#ACTIVITY}}<tr data-testid="continuity-activity" data-activity="{{A_ID}}"><th scope="row">{{A_NAME}}</th><td>{{A_KIND}}</td><td>{{A_SERVICE}}</td><td>{{A_OWNER}}</td><td>{{A_SHARE}}</td>{{#COUNTING}}<td data-testid="continuity-bia-status">version {{B_VERSION}}, validée le {{B_VALIDATED_ON}} par {{B_VALIDATED_BY}}</td><td>{{B_DMIA}}</td><td>{{B_PDMA}}</td>{{/COUNTING}}{{#NO_COUNTING}}<td data-testid="continuity-bia-status">aucun BIA validé</td><td>—</td><td>—</td>{{/NO_COUNTING}}</tr>{{#DRAFT}}<tr><td colspan="8" class="fr-text--sm">Brouillon en cours : version {{D_VERSION}}, non validée (ne compte pas).</td></tr>{{/DRAFT}}{{/ACTIVITY}}</tbody>
</table></div>
<h3 class="fr-mt-3w">Versions des BIA</h3>
{{#NO_BIA_VERSIONS}}<p>Aucun BIA enregistré.</p>{{/NO_BIA_VERSIONS}}
<div class="fr-table"><table data-testid="continuity-bia-versions">
  <caption>Versions en vigueur des BIA, par activité ; une version retirée ne compte plus</caption>
  <thead><tr><th scope="col">Activité</th><th scope="col">Version</th><th scope="col">État</th><th scope="col">DMIA</th><th scope="col">PDMA</th>{{#SHOW_WITHDRAW}}<th scope="col">Retrait</th>{{/SHOW_WITHDRAW}}</tr></thead>
  <tbody>{{#BIA_VERSION}}<tr data-testid="continuity-bia-version"><th scope="row">{{BV_ACTIVITY}}</th><td>{{BV_VERSION}}</td><td>{{BV_STATE}}</td><td>{{BV_DMIA}}</td><td>{{BV_PDMA}}</td>{{#BV_WITHDRAW}}<td><a class="fr-link" href="{{BASE}}/bia/{{BV_ID}}/retirer" data-testid="continuity-bia-withdraw">Retirer la version {{BV_VERSION}}</a></td>{{/BV_WITHDRAW}}</tr>{{/BIA_VERSION}}</tbody>
</table></div>
{{#HAS_MATRICES}}<h3 class="fr-mt-3w">Matrices d'impact des BIA qui comptent</h3>
<p class="fr-text--sm">Niveau d'impact par durée d'interruption et par catégorie de dommage ; à partir du niveau {{UNACCEPTABLE_FROM}}, l'impact est jugé inacceptable.</p>{{/HAS_MATRICES}}
{{#MATRIX}}<div class="fr-table fr-table--bordered"><table data-testid="continuity-bia-matrix">
  <caption>{{M_ACTIVITY}} — BIA version {{M_VERSION}} ; DMIA : {{M_DMIA}}, PDMA : {{M_PDMA}}</caption>
  <thead><tr><th scope="col">Catégorie</th>{{#M_HEAD}}<th scope="col">{{H_LABEL}}</th>{{/M_HEAD}}</tr></thead>
  <tbody>{{#M_ROW}}<tr><th scope="row">{{C_LABEL}}</th>{{#M_CELL}}<td{{#UNACCEPTABLE}} data-unacceptable="1"{{/UNACCEPTABLE}}>{{#UNACCEPTABLE}}<strong>{{/UNACCEPTABLE}}{{LEVEL}} — {{LEVEL_LABEL}}{{#UNACCEPTABLE}}</strong> (inacceptable){{/UNACCEPTABLE}}</td>{{/M_CELL}}</tr>{{/M_ROW}}</tbody>
</table></div>{{/MATRIX}}
<h2>Exigences de reprise des ressources informatiques</h2>
<p class="fr-text--sm">La durée de reprise exigée (RTO) d'une ressource est la DMIA la plus stricte des activités qui en dépendent ; la perte de données admissible (RPO), leur PDMA la plus stricte. Le dernier test de restauration de chaque ressource est mis en regard de ces exigences, l'écart signalé.</p>
{{#NO_RESOURCES}}<p>Aucune ressource recensée.</p>{{/NO_RESOURCES}}
<div class="fr-table"><table data-testid="continuity-resources">
  <caption>Ressources et exigences de reprise</caption>
  <thead><tr><th scope="col">Ressource</th><th scope="col">Nature</th><th scope="col">Reprise exigée (RTO)</th><th scope="col">Perte de données admissible (RPO)</th><th scope="col">Dernier test de restauration</th><th scope="col">Écart</th></tr></thead>
  <tbody>{{#RESOURCE}}<tr data-testid="continuity-resource"><th scope="row">{{R_NAME}}</th><td>{{R_KIND}}</td><td>{{R_RTO}}</td><td>{{R_RPO}}</td><td data-testid="continuity-resource-restore">{{R_RESTORE}}</td><td data-testid="continuity-resource-gap">{{#R_GAP_BAD}}<p class="fr-badge fr-badge--warning fr-badge--sm fr-mb-1w">Écart</p>{{/R_GAP_BAD}}{{R_GAP}}</td></tr>{{/RESOURCE}}</tbody>
</table></div>
<h3 class="fr-mt-3w">Tests de restauration</h3>
{{#NO_RESTORES}}<p data-testid="continuity-no-restore">Aucun test de restauration enregistré.</p>{{/NO_RESTORES}}
<div class="fr-table"><table data-testid="continuity-restores">
  <caption>Tests de restauration en vigueur, par ressource ; un test retiré ne compte plus</caption>
  <thead><tr><th scope="col">Ressource</th><th scope="col">Date</th><th scope="col">Durée de restauration</th><th scope="col">Données perdues</th><th scope="col">Fonctions vérifiées par</th><th scope="col">Plan d'action (PAQ)</th>{{#SHOW_WITHDRAW}}<th scope="col">Retrait</th>{{/SHOW_WITHDRAW}}</tr></thead>
  <tbody>{{#RESTORE}}<tr id="restauration-{{RS_ID}}" data-testid="continuity-restore"><th scope="row">{{RS_RESOURCE}}</th><td>{{RS_DATE}}</td><td>{{RS_RESTORE}}</td><td>{{RS_LOSS}}</td><td>{{RS_CHECKED}}</td><td>{{#IN_PAQ}}<a href="{{PAQ_URL}}" data-testid="continuity-restore-paq-link">Voir l'action du PAQ</a>{{/IN_PAQ}}{{#PAQ_SEND}}<form method="post" action="{{BASE}}/restaurations/{{RS_ID}}/paq" data-testid="continuity-restore-paq-form"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit" data-testid="continuity-restore-paq">Envoyer l'écart au PAQ</button></form>{{/PAQ_SEND}}</td>{{#RS_WITHDRAW}}<td><a class="fr-link" href="{{BASE}}/restaurations/{{RS_ID}}/retirer" data-testid="continuity-restore-withdraw">Retirer le test du {{RS_DATE}}</a></td>{{/RS_WITHDRAW}}</tr>{{/RESTORE}}</tbody>
</table></div>
<h2>Plans de continuité et leurs tests</h2>
{{#NO_PLANS}}<p data-testid="continuity-no-plan">Aucun plan enregistré.</p>{{/NO_PLANS}}
<div class="fr-table"><table data-testid="continuity-plans">
  <caption>Plans validés, le plus récent d'abord</caption>
  <thead><tr><th scope="col">Plan</th><th scope="col">Nature</th><th scope="col">Périmètre</th><th scope="col">Version</th><th scope="col">Validé</th><th scope="col">Scénarios couverts</th><th scope="col">Indisponibilité informatique couverte</th><th scope="col">Dernier test</th><th scope="col">Prochain test prévu</th><th scope="col">Document du plan</th>{{#SHOW_WITHDRAW}}<th scope="col">Retrait</th>{{/SHOW_WITHDRAW}}</tr></thead>
  <tbody>{{#PLAN}}<tr data-testid="continuity-plan"><th scope="row">{{P_TITLE}}</th><td>{{P_KIND}}</td><td>{{P_SCOPE}}</td><td>{{P_VERSION}}</td><td>{{P_VALIDATED}}</td><td data-testid="continuity-plan-scenarios">{{#P_NO_SCENARIO}}—{{/P_NO_SCENARIO}}{{#P_SCENARIO}}<p class="fr-text--sm fr-mb-1v">{{S_TEXT}}</p>{{/P_SCENARIO}}</td><td data-testid="continuity-plan-it-outage-cell">{{#P_IT_OUTAGE_MISSING}}<p class="fr-badge fr-badge--warning fr-badge--sm fr-mb-1w">Ne compte pas</p>{{/P_IT_OUTAGE_MISSING}}{{P_IT_OUTAGE}}</td><td data-testid="continuity-plan-last-test">{{P_LAST_TEST}}</td><td>{{P_NEXT_TEST}}</td><td data-testid="continuity-plan-document">{{#P_DOCUMENT}}<a class="fr-link fr-link--download" href="{{DOC_URL}}" download data-testid="continuity-plan-document-link">{{DOC_NAME}}<span class="fr-link__detail">version {{DOC_VERSION}}, {{DOC_SIZE}}, déposée le {{DOC_AT}}</span></a>{{/P_DOCUMENT}}{{#P_NO_DOCUMENT}}<p class="fr-text--sm fr-mb-1w">Aucun document joint.</p>{{/P_NO_DOCUMENT}}{{#P_UPLOAD}}
<form method="post" action="{{BASE}}/plans/{{P_ID}}/document" enctype="multipart/form-data" data-testid="continuity-plan-document-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-upload-group"><label class="fr-label" for="p_doc_{{P_ID}}">Document du plan <span class="fr-hint-text">PDF, ODT, DOCX, XLSX, PNG, JPEG ou TXT, 5 Mio au plus</span></label>
    <input class="fr-upload" type="file" id="p_doc_{{P_ID}}" name="file" accept=".pdf,.png,.jpg,.jpeg,.odt,.docx,.xlsx,.txt" required data-testid="continuity-plan-document-file"></div>
  <button class="fr-btn fr-btn--sm fr-btn--secondary fr-mt-1w" type="submit" data-testid="continuity-plan-document-submit">Joindre le document</button>
</form>{{/P_UPLOAD}}</td>{{#P_WITHDRAW}}<td><a class="fr-link" href="{{BASE}}/plans/{{P_ID}}/retirer" data-testid="continuity-plan-withdraw">Retirer le plan</a></td>{{/P_WITHDRAW}}</tr>{{/PLAN}}</tbody>
</table></div>
{{#TEST_PLAN}}<h3 class="fr-mt-3w">Plan de tests</h3>
{{#ALL_TESTED}}<p data-testid="continuity-test-plan-all">Chaque plan en vigueur a été testé depuis sa validation.</p>{{/ALL_TESTED}}
{{#HAS_UNTESTED}}<p class="fr-text--sm">{{UNTESTED_COUNT:x-plural=plan/plans}} sans test tenu depuis la validation. Pour prévoir un test, enregistrez un test de plan avec sa date prévue.</p>{{/HAS_UNTESTED}}
<div class="fr-table"><table data-testid="continuity-untested-plans">
  <caption>Plans à tester et leur date de test prévue</caption>
  <thead><tr><th scope="col">Plan</th><th scope="col">Nature</th><th scope="col">Validé le</th><th scope="col">Test prévu</th></tr></thead>
  <tbody>{{#UNTESTED}}<tr data-testid="continuity-untested-plan"><th scope="row">{{U_TITLE}}</th><td>{{U_KIND}}</td><td>{{U_VALIDATED}}</td><td>{{U_PLANNED}}{{#U_LATE}} <p class="fr-badge fr-badge--error fr-badge--sm" data-testid="continuity-test-late">En retard</p>{{/U_LATE}}{{#U_NO_DATE}} <p class="fr-badge fr-badge--warning fr-badge--sm">À planifier</p>{{/U_NO_DATE}}</td></tr>{{/UNTESTED}}</tbody>
</table></div>{{/TEST_PLAN}}
<h3 class="fr-mt-3w">Tests des plans</h3>
{{#NO_TESTS}}<p data-testid="continuity-no-test">Aucun test enregistré.</p>{{/NO_TESTS}}
<div class="fr-table"><table data-testid="continuity-tests">
  <caption>Tests tenus et prévus, par plan</caption>
  <thead><tr><th scope="col">Plan</th><th scope="col">Date</th><th scope="col">Scénario</th><th scope="col">Interruption observée</th><th scope="col">Services impliqués et DMIA</th><th scope="col">Défaillances constatées</th><th scope="col">Plan d'action (PAQ)</th>{{#SHOW_WITHDRAW}}<th scope="col">Retrait</th>{{/SHOW_WITHDRAW}}</tr></thead>
  <tbody>{{#TEST}}<tr id="test-{{T_ID}}" data-testid="continuity-test"><th scope="row">{{T_PLAN}}</th><td>{{T_DATE}}</td><td>{{T_SCENARIO}}</td><td>{{T_OBSERVED}}</td><td data-testid="continuity-test-services">{{#T_DMIA_EXCEEDED}}<p class="fr-badge fr-badge--warning fr-badge--sm fr-mb-1w">DMIA dépassée</p>{{/T_DMIA_EXCEEDED}}{{#T_NO_SERVICES}}—{{/T_NO_SERVICES}}{{#T_SERVICE}}<p class="fr-text--sm fr-mb-1v">{{LINE}}</p>{{/T_SERVICE}}</td><td>{{T_FAILURES}}</td><td>{{#IN_PAQ}}<a href="{{PAQ_URL}}" data-testid="continuity-test-paq-link">Voir l'action du PAQ</a>{{/IN_PAQ}}{{#PAQ_SEND}}<form method="post" action="{{BASE}}/tests/{{T_ID}}/paq" data-testid="continuity-test-paq-form"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit" data-testid="continuity-test-paq">Envoyer les leçons au PAQ</button></form>{{/PAQ_SEND}}</td>{{#T_WITHDRAW}}<td><a class="fr-link" href="{{BASE}}/tests/{{T_ID}}/retirer" data-testid="continuity-test-withdraw">Retirer le test</a></td>{{/T_WITHDRAW}}</tr>{{/TEST}}</tbody>
</table></div>
{{#HAS_WITHDRAWN}}<h2 class="fr-mt-4w">Retirés</h2>
<p class="fr-text--sm">Un BIA, un plan, un test ou un test de restauration retiré reste ici avec son motif ; il ne compte plus comme preuve.</p>
<div class="fr-table"><table data-testid="continuity-withdrawn">
  <caption>Éléments retirés, le plus récent d'abord</caption>
  <thead><tr><th scope="col">Élément</th><th scope="col">Retiré le</th><th scope="col">Par</th><th scope="col">Motif</th></tr></thead>
  <tbody>{{#WITHDRAWN}}<tr data-testid="continuity-withdrawn-row"><th scope="row">{{W_LABEL}}</th><td>{{W_AT}}</td><td>{{W_BY}}</td><td>{{W_REASON}}</td></tr>{{/WITHDRAWN}}</tbody>
</table></div>{{/HAS_WITHDRAWN}}
{{#CAN_WRITE}}<h2 class="fr-mt-4w">Compléter le registre</h2>
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="continuity-errors" id="formulaire-refuse"><h3 class="fr-alert__title">{{ERRORS_TITLE}}</h3><ul>{{#ERROR}}<li>{{MESSAGE}}</li>{{/ERROR}}</ul></div>{{/HAS_ERRORS}}
<div class="fr-accordions-group">
<section class="fr-accordion"><h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="{{#OPEN_RESOURCE}}true{{/OPEN_RESOURCE}}{{#SHUT_RESOURCE}}false{{/SHUT_RESOURCE}}" aria-controls="acc-resource">Ajouter une ressource informatique</button></h3>
<div class="fr-collapse" id="acc-resource">
<form method="post" action="{{BASE}}/ressources" data-testid="continuity-resource-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group"><label class="fr-label" for="r_name">Nom * <span class="fr-hint-text">par exemple « Dossier patient informatisé », « Réseau »</span></label>
    <input class="fr-input" type="text" id="r_name" name="name" value="{{R_NAME_VALUE}}" maxlength="200" required data-testid="continuity-resource-name"></div>
  <div class="fr-select-group"><label class="fr-label" for="r_kind">Nature de la ressource *</label>
    <select class="fr-select" id="r_kind" name="resource_kind" required data-testid="continuity-resource-kind"><option value="">Choisir</option>{{#RKIND_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/RKIND_OPTION}}</select></div>
  <button class="fr-btn" type="submit" data-testid="continuity-resource-submit">Ajouter la ressource</button>
</form></div></section>
<section class="fr-accordion"><h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="{{#OPEN_ACTIVITY}}true{{/OPEN_ACTIVITY}}{{#SHUT_ACTIVITY}}false{{/SHUT_ACTIVITY}}" aria-controls="acc-activity">Ajouter une activité à protéger</button></h3>
<div class="fr-collapse" id="acc-activity">
<form method="post" action="{{BASE}}/activites" data-testid="continuity-activity-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group"><label class="fr-label" for="a_name">Nom *</label>
    <input class="fr-input" type="text" id="a_name" name="name" value="{{A_NAME_VALUE}}" maxlength="200" required data-testid="continuity-activity-name"></div>
  <div class="fr-select-group"><label class="fr-label" for="a_kind">Nature de l'activité *</label>
    <select class="fr-select" id="a_kind" name="activity_kind" required data-testid="continuity-activity-kind"><option value="">Choisir</option>{{#AKIND_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/AKIND_OPTION}}</select></div>
  <div class="fr-select-group"><label class="fr-label" for="a_service">Service <span class="fr-hint-text">facultatif : le service de l'établissement dont le BIA de cette activité tient lieu</span></label>
    <select class="fr-select" id="a_service" name="service" data-testid="continuity-activity-service"><option value="">Aucun</option>{{#ASERVICE_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/ASERVICE_OPTION}}</select></div>
  <div class="fr-input-group"><label class="fr-label" for="a_owner">Pilote *</label>
    <input class="fr-input" type="text" id="a_owner" name="owner" value="{{A_OWNER_VALUE}}" maxlength="200" required data-testid="continuity-activity-owner"></div>
  <div class="fr-input-group"><label class="fr-label" for="a_share">Part de l'activité de l'établissement (%) * <span class="fr-hint-text">toutes les activités ensemble : 100 % au plus</span></label>
    <input class="fr-input" type="text" inputmode="decimal" id="a_share" name="share_percent" value="{{A_SHARE_VALUE}}" required data-testid="continuity-activity-share"></div>
  <fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">Ressources informatiques utilisées</legend>
  {{#ARES}}<div class="fr-fieldset__element"><div class="fr-checkbox-group"><input type="checkbox" id="a_res_{{RES_ID}}" name="resource.{{RES_ID}}"{{#RES_CHECKED}} checked{{/RES_CHECKED}} data-testid="continuity-activity-resource"><label class="fr-label" for="a_res_{{RES_ID}}">{{RES_NAME}}</label></div></div>{{/ARES}}
  </fieldset>
  <button class="fr-btn" type="submit" data-testid="continuity-activity-submit">Ajouter l'activité</button>
</form></div></section>
<section class="fr-accordion"><h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="{{#OPEN_BIA}}true{{/OPEN_BIA}}{{#SHUT_BIA}}false{{/SHUT_BIA}}" aria-controls="acc-bia">Enregistrer le BIA d'une activité</button></h3>
<div class="fr-collapse" id="acc-bia">
{{#NO_BIA_FORM}}<p>Ajoutez d'abord une activité.</p>{{/NO_BIA_FORM}}
{{#BIA_FORM}}<form method="post" action="{{BASE}}/bia" data-testid="continuity-bia-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-select-group"><label class="fr-label" for="b_activity">Activité *</label>
    <select class="fr-select" id="b_activity" name="activity" required data-testid="continuity-bia-activity"><option value="">Choisir</option>{{#BACT_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/BACT_OPTION}}</select></div>
  <p class="fr-text--sm">Niveau d'impact de l'interruption pour chaque durée et chaque nature de dommage ({{#LEVEL_DEF}}{{L_LABEL}} ; {{/LEVEL_DEF}}inacceptable à partir du niveau {{UNACCEPTABLE}}). Une interruption plus longue ne cause pas moins de dommages.</p>
  <div class="fr-table"><table data-testid="continuity-bia-matrix"><caption>Matrice des impacts</caption>
  <thead><tr><th scope="col">Nature du dommage</th>{{#HORIZON}}<th scope="col">{{H_LABEL}}</th>{{/HORIZON}}</tr></thead>
  <tbody>{{#CATEGORY}}<tr><th scope="row">{{C_LABEL}}</th>{{#CELL}}<td><select class="fr-select" name="{{CELL_KEY}}" aria-label="{{CELL_LABEL}}" required data-testid="continuity-bia-cell"><option value="">—</option>{{#LEVEL_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/LEVEL_OPTION}}</select></td>{{/CELL}}</tr>{{/CATEGORY}}</tbody>
  </table></div>
  <div class="fr-input-group"><label class="fr-label" for="b_dmia">DMIA retenue (heures) <span class="fr-hint-text">facultatif : plus stricte que la DMIA déduite de la matrice, avec une justification</span></label>
    <input class="fr-input" type="text" inputmode="numeric" id="b_dmia" name="dmia_hours" value="{{B_DMIA_HOURS_VALUE}}"></div>
  <div class="fr-input-group"><label class="fr-label" for="b_dmia_j">Justification de la DMIA retenue</label>
    <input class="fr-input" type="text" id="b_dmia_j" name="dmia_justification" value="{{B_DMIA_JUSTIFICATION_VALUE}}"></div>
  <div class="fr-input-group"><label class="fr-label" for="b_pdma">PDMA retenue (heures)</label>
    <input class="fr-input" type="text" inputmode="numeric" id="b_pdma" name="pdma_hours" value="{{B_PDMA_HOURS_VALUE}}"></div>
  <div class="fr-input-group"><label class="fr-label" for="b_pdma_j">Justification de la PDMA retenue</label>
    <input class="fr-input" type="text" id="b_pdma_j" name="pdma_justification" value="{{B_PDMA_JUSTIFICATION_VALUE}}"></div>
  <div class="fr-input-group"><label class="fr-label" for="b_degraded">Mode dégradé <span class="fr-hint-text">procédures papier, effectif minimal, fournitures</span></label>
    <textarea class="fr-input" id="b_degraded" name="degraded_mode" rows="3" data-testid="continuity-bia-degraded">{{B_DEGRADED_MODE_VALUE:pre_escape}}</textarea></div>
  <div class="fr-input-group"><label class="fr-label" for="b_autonomy">Autonomie du mode dégradé (heures)</label>
    <input class="fr-input" type="text" inputmode="numeric" id="b_autonomy" name="autonomy_hours" value="{{B_AUTONOMY_HOURS_VALUE}}"></div>
  <div class="fr-input-group"><label class="fr-label" for="b_validated_by">Validé par <span class="fr-hint-text">laissé vide avec la date : brouillon, qui ne compte pas</span></label>
    <input class="fr-input" type="text" id="b_validated_by" name="validated_by" value="{{B_VALIDATED_BY_VALUE}}" data-testid="continuity-bia-validated-by"></div>
  <div class="fr-input-group"><label class="fr-label" for="b_validated_on">Date de validation</label>
    <input class="fr-input" type="date" id="b_validated_on" name="validated_on" value="{{B_VALIDATED_ON_VALUE}}" data-testid="continuity-bia-validated-on"></div>
  <button class="fr-btn" type="submit" data-testid="continuity-bia-submit">Enregistrer le BIA</button>
</form>{{/BIA_FORM}}</div></section>
<section class="fr-accordion"><h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="{{#OPEN_PLAN}}true{{/OPEN_PLAN}}{{#SHUT_PLAN}}false{{/SHUT_PLAN}}" aria-controls="acc-plan">Ajouter un plan de continuité</button></h3>
<div class="fr-collapse" id="acc-plan">
<form method="post" action="{{BASE}}/plans" data-testid="continuity-plan-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-select-group"><label class="fr-label" for="p_kind">Type de plan *</label>
    <select class="fr-select" id="p_kind" name="plan_kind" required data-testid="continuity-plan-kind"><option value="">Choisir</option>{{#PKIND_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/PKIND_OPTION}}</select></div>
  <div class="fr-input-group"><label class="fr-label" for="p_title">Intitulé *</label>
    <input class="fr-input" type="text" id="p_title" name="title" value="{{P_TITLE_VALUE}}" maxlength="200" required data-testid="continuity-plan-title"></div>
  <div class="fr-select-group"><label class="fr-label" for="p_scope">Périmètre *</label>
    <select class="fr-select" id="p_scope" name="scope" required data-testid="continuity-plan-scope"><option value="">Choisir</option>{{#PSCOPE_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/PSCOPE_OPTION}}</select></div>
  <fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">Services couverts <span class="fr-hint-text">pour un plan par service</span></legend>
  {{#PSERVICE}}<div class="fr-fieldset__element"><div class="fr-checkbox-group"><input type="checkbox" id="p_svc_{{SVC_CODE}}" name="service.{{SVC_CODE}}"{{#SVC_CHECKED}} checked{{/SVC_CHECKED}}><label class="fr-label" for="p_svc_{{SVC_CODE}}">{{SVC_LABEL}}</label></div></div>{{/PSERVICE}}
  </fieldset>
  <div class="fr-input-group"><label class="fr-label" for="p_scenarios">Scénarios couverts <span class="fr-hint-text">un par ligne</span></label>
    <textarea class="fr-input" id="p_scenarios" name="scenarios" rows="3">{{P_SCENARIOS_VALUE:pre_escape}}</textarea></div>
  <div class="fr-checkbox-group fr-mb-3w"><input type="checkbox" id="p_it" name="covers_it_outage"{{#P_IT_CHECKED}} checked{{/P_IT_CHECKED}} data-testid="continuity-plan-it-outage"><label class="fr-label" for="p_it">Couvre l'indisponibilité informatique (scénario obligatoire)</label></div>
  <div class="fr-input-group"><label class="fr-label" for="p_version">Version du plan *</label>
    <input class="fr-input" type="text" id="p_version" name="plan_version" value="{{P_VERSION_VALUE}}" maxlength="200" required data-testid="continuity-plan-version"></div>
  <div class="fr-input-group"><label class="fr-label" for="p_validated_by">Validé par *</label>
    <input class="fr-input" type="text" id="p_validated_by" name="validated_by" value="{{P_VALIDATED_BY_VALUE}}" maxlength="200" required data-testid="continuity-plan-validated-by"></div>
  <div class="fr-input-group"><label class="fr-label" for="p_validated_on">Date de validation *</label>
    <input class="fr-input" type="date" id="p_validated_on" name="validated_on" value="{{P_VALIDATED_ON_VALUE}}" required data-testid="continuity-plan-validated-on"></div>
  <div class="fr-input-group"><label class="fr-label" for="p_review_on">Date de révision</label>
    <input class="fr-input" type="date" id="p_review_on" name="review_on" value="{{P_REVIEW_ON_VALUE}}"></div>
  <button class="fr-btn" type="submit" data-testid="continuity-plan-submit">Ajouter le plan</button>
</form></div></section>
<section class="fr-accordion"><h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="{{#OPEN_TEST}}true{{/OPEN_TEST}}{{#SHUT_TEST}}false{{/SHUT_TEST}}" aria-controls="acc-test">Enregistrer un test de plan</button></h3>
<div class="fr-collapse" id="acc-test">
{{#NO_TEST_FORM}}<p>Ajoutez d'abord un plan.</p>{{/NO_TEST_FORM}}
{{#TEST_FORM}}<form method="post" action="{{BASE}}/tests" data-testid="continuity-test-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-select-group"><label class="fr-label" for="t_plan">Plan *</label>
    <select class="fr-select" id="t_plan" name="plan" required data-testid="continuity-test-plan"><option value="">Choisir</option>{{#TPLAN_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/TPLAN_OPTION}}</select></div>
  <div class="fr-input-group"><label class="fr-label" for="t_held">Date du test <span class="fr-hint-text">pour un test tenu</span></label>
    <input class="fr-input" type="date" id="t_held" name="held_on" value="{{T_HELD_ON_VALUE}}" data-testid="continuity-test-held-on"></div>
  <div class="fr-input-group"><label class="fr-label" for="t_planned">Date prévue du test <span class="fr-hint-text">seulement pour un test à venir, sans date de test tenu</span></label>
    <input class="fr-input" type="date" id="t_planned" name="planned_on" value="{{T_PLANNED_ON_VALUE}}"></div>
  <div class="fr-input-group"><label class="fr-label" for="t_scenario">Scénario</label>
    <input class="fr-input" type="text" id="t_scenario" name="scenario" value="{{T_SCENARIO_VALUE}}" maxlength="200"></div>
  <div class="fr-input-group"><label class="fr-label" for="t_observed">Interruption observée (heures)</label>
    <input class="fr-input" type="text" inputmode="numeric" id="t_observed" name="observed_hours" value="{{T_OBSERVED_VALUE}}"></div>
  {{#TSERVICES}}<fieldset class="fr-fieldset" data-testid="continuity-test-services-fieldset"><legend class="fr-fieldset__legend fr-text--regular">Services impliqués <span class="fr-hint-text">cochez les activités du registre concernées par le test et, pour un test tenu, l'interruption observée pour chacune, comparée à sa DMIA</span></legend>
  {{#TSERVICE}}  <div class="fr-fieldset__element"><div class="fr-checkbox-group"><input type="checkbox" id="ts_{{TS_ID}}" name="test_service.{{TS_ID}}"{{#TS_CHECKED}} checked{{/TS_CHECKED}} data-testid="continuity-test-service"><label class="fr-label" for="ts_{{TS_ID}}">{{TS_NAME}} <span class="fr-hint-text">{{TS_DMIA}}</span></label></div>
    <div class="fr-input-group"><label class="fr-label" for="tsh_{{TS_ID}}">Interruption observée pour « {{TS_NAME}} » (heures)</label>
    <input class="fr-input" type="text" inputmode="decimal" id="tsh_{{TS_ID}}" name="test_service_hours.{{TS_ID}}" value="{{TS_HOURS_VALUE}}" data-testid="continuity-test-service-hours"></div></div>
  {{/TSERVICE}}</fieldset>{{/TSERVICES}}
  <div class="fr-input-group"><label class="fr-label" for="t_failures">Défaillances constatées</label>
    <textarea class="fr-input" id="t_failures" name="failures" rows="3">{{T_FAILURES_VALUE:pre_escape}}</textarea></div>
  <button class="fr-btn" type="submit" data-testid="continuity-test-submit">Enregistrer le test</button>
</form>{{/TEST_FORM}}</div></section>
<section class="fr-accordion"><h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="{{#OPEN_RESTORE}}true{{/OPEN_RESTORE}}{{#SHUT_RESTORE}}false{{/SHUT_RESTORE}}" aria-controls="acc-restore">Enregistrer un test de restauration</button></h3>
<div class="fr-collapse" id="acc-restore">
{{#NO_RESTORE_FORM}}<p>Ajoutez d'abord une ressource informatique.</p>{{/NO_RESTORE_FORM}}
{{#RESTORE_FORM}}<form method="post" action="{{BASE}}/restaurations" data-testid="continuity-restore-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-select-group"><label class="fr-label" for="rt_resource">Ressource *</label>
    <select class="fr-select" id="rt_resource" name="resource" required data-testid="continuity-restore-resource"><option value="">Choisir</option>{{#RRES_OPTION}}<option value="{{OPT_VALUE}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/RRES_OPTION}}</select></div>
  <div class="fr-input-group"><label class="fr-label" for="rt_on">Date du test de restauration *</label>
    <input class="fr-input" type="date" id="rt_on" name="restored_on" value="{{RT_ON_VALUE}}" required data-testid="continuity-restore-on"></div>
  <div class="fr-input-group"><label class="fr-label" for="rt_restore">Durée de restauration mesurée (heures) * <span class="fr-hint-text">par exemple 1,5 pour une heure et demie</span></label>
    <input class="fr-input" type="text" inputmode="decimal" id="rt_restore" name="restore_hours" value="{{RT_RESTORE_VALUE}}" required data-testid="continuity-restore-hours"></div>
  <div class="fr-input-group"><label class="fr-label" for="rt_loss">Perte de données mesurée (heures) * <span class="fr-hint-text">l'âge de la copie restaurée ; 0 si aucune perte</span></label>
    <input class="fr-input" type="text" inputmode="decimal" id="rt_loss" name="data_loss_hours" value="{{RT_LOSS_VALUE}}" required data-testid="continuity-restore-loss"></div>
  <div class="fr-input-group"><label class="fr-label" for="rt_checked">Référent métier ayant vérifié les fonctions *</label>
    <input class="fr-input" type="text" id="rt_checked" name="checked_by" value="{{RT_CHECKED_VALUE}}" maxlength="200" required data-testid="continuity-restore-checked"></div>
  <div class="fr-input-group"><label class="fr-label" for="rt_notes">Observations</label>
    <textarea class="fr-input" id="rt_notes" name="notes" rows="3">{{RT_NOTES_VALUE:pre_escape}}</textarea></div>
  <button class="fr-btn" type="submit" data-testid="continuity-restore-submit">Enregistrer le test de restauration</button>
</form>{{/RESTORE_FORM}}</div></section>
</div>{{/CAN_WRITE}}
