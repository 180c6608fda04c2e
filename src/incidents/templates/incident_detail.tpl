{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w" data-testid="incident-heading">{{TITLE}}</h1>
<p class="fr-badge fr-badge--{{BADGE}}" data-testid="incident-status" data-status="{{STATUS_ID}}">{{STATUS}}</p>
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="incident-errors">
  <h2 class="fr-alert__title">La saisie n'a pas été enregistrée</h2>
  <ul>{{#ERROR}}<li data-field="{{FIELD}}">{{MESSAGE}}</li>{{/ERROR}}</ul>
</div>{{/HAS_ERRORS}}
{{#WITHDRAWN}}<div class="fr-notice fr-notice--info fr-mb-3w" data-testid="incident-withdrawn"><div class="fr-container"><div class="fr-notice__body"><p class="fr-notice__title">Incident retiré le {{W_AT}} par {{W_BY}} ; motif du retrait : {{W_REASON}}.</p>
  <p>Il a été enregistré par erreur : il reste conservé avec sa chronologie, ses déclarations et ses pièces jointes, mais ne compte plus dans les statistiques ni dans les échéances réglementaires, et n'est plus modifiable.</p></div></div></div>{{/WITHDRAWN}}
<dl class="cp-exercise-plan" data-testid="incident-summary">
  <dt>Établissement</dt><dd>{{NAME}} (FINESS {{FINESS}})</dd>
  <dt>Détecté le</dt><dd>{{DETECTED}}</dd>
</dl>
{{#STATUS_ACTIONS}}<form method="post" action="/etablissements/{{FINESS}}/incidents/{{ID}}/statut" data-testid="status-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <fieldset class="fr-fieldset"><legend class="fr-fieldset__legend fr-text--regular">Changer le statut</legend>
  <div class="fr-fieldset__element"><div class="fr-input-group{{#ST_ERR}} fr-input-group--error{{/ST_ERR}}"><label class="fr-label" for="st-at">Date et heure <span class="fr-hint-text">facultatif : maintenant si vide ; heure de Paris, ni à venir ni avant la détection</span></label>
    <input class="fr-input{{#ST_ERR}} fr-input--error{{/ST_ERR}}" type="datetime-local" id="st-at" name="status_local" value="{{ST_AT}}" data-testid="status-at"{{#ST_ERR}} aria-describedby="st-at-error"{{/ST_ERR}}>
    {{#ST_ERR}}<p class="fr-error-text" id="st-at-error" data-testid="status-error">{{MSG}}</p>{{/ST_ERR}}</div></div>
  <div class="fr-fieldset__element"><div class="fr-select-group"><label class="fr-label" for="st-season">Heure d'été ou d'hiver <span class="fr-hint-text">à préciser seulement pour une heure entre 2 h et 3 h la nuit du passage à l'heure d'hiver (fin octobre), qui a lieu deux fois</span></label>
    <select class="fr-select" id="st-season" name="status_season" data-testid="status-season">{{#ST_SEASONS}}{{#SEASON}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SEASON}}{{/ST_SEASONS}}</select></div></div>
  <div class="fr-fieldset__element"><ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm" data-testid="incident-status-actions">{{#STATUS_ACTION}}<li><button class="fr-btn fr-btn--secondary" type="submit" name="status" value="{{TO}}" data-testid="status-{{TO}}">{{LABEL}}</button></li>{{/STATUS_ACTION}}</ul></div>
  </fieldset>
</form>{{/STATUS_ACTIONS}}
{{#CAN_WRITE}}<p><a class="fr-link fr-link--sm" href="/etablissements/{{FINESS}}/incidents/{{ID}}/retirer" data-testid="incident-withdraw">Retirer l'incident (enregistré par erreur)</a></p>{{/CAN_WRITE}}

<h2 class="fr-h4 fr-mt-4w">Échéances réglementaires</h2>
{{#WITHDRAWN}}<p data-testid="incident-clocks-withdrawn">Aucune : l'incident est retiré.</p>{{/WITHDRAWN}}
{{#HAS_CLOCKS}}<div class="fr-table fr-table--no-caption"><table data-testid="incident-clocks">
  <caption>Échéances réglementaires</caption>
  <thead><tr><th scope="col">Obligation</th><th scope="col">État</th><th scope="col">Échéance</th><th scope="col">Délai</th></tr></thead>
  <tbody>{{#CLOCK}}<tr data-testid="incident-clock" data-state="{{STATE_ID}}"><td>{{DEADLINE}}</td><td>{{STATE}}</td><td>{{DUE}}</td><td>{{DELAY}}</td></tr>{{/CLOCK}}</tbody>
</table></div>{{/HAS_CLOCKS}}

<h2 class="fr-h4 fr-mt-4w">Durées</h2>
<ul data-testid="incident-durations">{{#DURATION}}<li>{{LABEL}} : {{VALUE}}</li>{{/DURATION}}</ul>

<h2 class="fr-h4 fr-mt-4w">Chronologie</h2>
<div class="fr-table fr-table--no-caption"><table data-testid="incident-timeline">
  <caption>Chronologie</caption>
  <thead><tr><th scope="col">Date et heure (Paris)</th><th scope="col">Événement</th><th scope="col">Service</th><th scope="col">Note</th></tr></thead>
  <tbody>{{#EVENT}}<tr data-testid="incident-event" data-kind="{{KIND_ID}}"{{#EVENT_STAGE}} data-stage="{{STAGE}}"{{/EVENT_STAGE}} data-state="{{STATE_ID}}"{{#EVENT_ID}} data-id="{{EID}}"{{/EVENT_ID}}>{{#CURRENT_EVENT}}<td class="cp-nowrap" data-testid="event-when">{{AT}}</td><td>{{KIND}}</td><td>{{SERVICE}}</td><td>{{NOTE}}{{#EVENT_WITHDRAW}}<br><a class="fr-link fr-link--sm" href="{{WITHDRAW_URL}}" data-testid="event-withdraw">Retirer cet événement</a>{{/EVENT_WITHDRAW}}</td>{{/CURRENT_EVENT}}{{#WITHDRAWN_EVENT}}<td class="fr-text-mention--grey cp-nowrap"><del>{{AT}}</del></td><td class="fr-text-mention--grey"><del>{{KIND}}</del><p class="fr-badge fr-badge--sm fr-badge--warning fr-mt-1v fr-mb-0">Retiré</p></td><td class="fr-text-mention--grey"><del>{{SERVICE}}</del></td><td class="fr-text-mention--grey"><del>{{NOTE}}</del><br><span data-testid="event-withdrawal">Retiré le {{W_AT}} par {{W_BY}} : {{W_REASON}}</span></td>{{/WITHDRAWN_EVENT}}</tr>{{/EVENT}}</tbody>
</table></div>
{{#WITHDRAWN_EVENTS_NOTE}}<p class="fr-text--sm fr-text-mention--grey" data-testid="withdrawn-events-note">Les événements retirés restent dans la chronologie, barrés ; ils ne comptent plus dans les délais, les échéances, les déclarations pré-remplies ni les statistiques.</p>{{/WITHDRAWN_EVENTS_NOTE}}
{{#CLOSED_NO_EVENT}}<p class="fr-text--sm" data-testid="closed-no-event">L'incident est clos : rouvrez l'incident pour ajouter un événement.</p>{{/CLOSED_NO_EVENT}}
{{#CAN_ADD_EVENT}}<section class="fr-accordion fr-mb-2w">
  <h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="{{EVENT_EXPANDED}}" aria-controls="acc-event">Ajouter un événement</button></h3>
  <div class="fr-collapse{{EVENT_OPEN}}" id="acc-event">
  <form method="post" action="/etablissements/{{FINESS}}/incidents/{{ID}}/evenements" data-testid="event-form">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="fr-select-group{{#EV_ERR_event_kind}} fr-select-group--error{{/EV_ERR_event_kind}}"><label class="fr-label" for="ev-kind">Type d'événement</label>
      <select class="fr-select{{#EV_ERR_event_kind}} fr-select--error{{/EV_ERR_event_kind}}" id="ev-kind" name="kind" data-testid="event-kind"{{#EV_ERR_event_kind}} aria-describedby="ev-kind-error"{{/EV_ERR_event_kind}}>{{#KIND_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/KIND_OPTION}}</select>
      {{#EV_ERR_event_kind}}<p class="fr-error-text" id="ev-kind-error" data-testid="event-error-event_kind">{{MSG}}</p>{{/EV_ERR_event_kind}}</div>
    <div class="fr-input-group{{#EV_ERR_event_at}} fr-input-group--error{{/EV_ERR_event_at}}"><label class="fr-label" for="ev-at">Date et heure de l'événement * <span class="fr-hint-text">heure de Paris, telle qu'affichée par l'horloge</span></label>
      <input class="fr-input{{#EV_ERR_event_at}} fr-input--error{{/EV_ERR_event_at}}" type="datetime-local" id="ev-at" name="at_local" value="{{EV_AT}}" required data-testid="event-at"{{#EV_ERR_event_at}} aria-describedby="ev-at-error"{{/EV_ERR_event_at}}>
      {{#EV_ERR_event_at}}<p class="fr-error-text" id="ev-at-error" data-testid="event-error-event_at">{{MSG}}</p>{{/EV_ERR_event_at}}</div>
    <div class="fr-select-group"><label class="fr-label" for="ev-season">Heure d'été ou d'hiver <span class="fr-hint-text">à préciser seulement pour une heure entre 2 h et 3 h la nuit du passage à l'heure d'hiver (fin octobre), qui a lieu deux fois</span></label>
      <select class="fr-select" id="ev-season" name="at_season" data-testid="event-season">{{#SEASON}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SEASON}}</select></div>
    <div class="fr-select-group{{#EV_ERR_service}} fr-select-group--error{{/EV_ERR_service}}"><label class="fr-label" for="ev-service">Service <span class="fr-hint-text">pour le début et la fin d'un mode dégradé</span></label>
      <select class="fr-select{{#EV_ERR_service}} fr-select--error{{/EV_ERR_service}}" id="ev-service" name="service" data-testid="event-service"{{#EV_ERR_service}} aria-describedby="ev-service-error"{{/EV_ERR_service}}><option value="">—</option>{{#SERVICE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SERVICE_OPTION}}</select>
      {{#EV_ERR_service}}<p class="fr-error-text" id="ev-service-error" data-testid="event-error-service">{{MSG}}</p>{{/EV_ERR_service}}</div>
    <div class="fr-input-group{{#EV_ERR_note}} fr-input-group--error{{/EV_ERR_note}}"><label class="fr-label" for="ev-note">Note</label>
      <textarea class="fr-input{{#EV_ERR_note}} fr-input--error{{/EV_ERR_note}}" id="ev-note" name="note" rows="2" maxlength="4000" data-testid="event-note"{{#EV_ERR_note}} aria-describedby="ev-note-error"{{/EV_ERR_note}}>{{EV_NOTE:pre_escape}}</textarea>
      {{#EV_ERR_note}}<p class="fr-error-text" id="ev-note-error" data-testid="event-error-note">{{MSG}}</p>{{/EV_ERR_note}}</div>
    <button class="fr-btn fr-btn--secondary" type="submit" data-testid="event-submit">Ajouter l'événement</button>
  </form>
  </div>
</section>{{/CAN_ADD_EVENT}}

<h2 class="fr-h4 fr-mt-4w" id="pieces-jointes">Pièces jointes</h2>
{{#NO_ATTACHMENT}}<p data-testid="attachments-none">Aucune pièce jointe n'est versée au dossier de l'incident.</p>{{/NO_ATTACHMENT}}
{{#HAS_ATTACHMENTS}}<div class="fr-table fr-table--no-caption"><table data-testid="incident-attachments">
  <caption>Pièces jointes</caption>
  <thead><tr><th scope="col">Fichier</th><th scope="col">Taille</th><th scope="col">Description</th><th scope="col">Événement lié</th><th scope="col">Ajoutée par</th><th scope="col">Ajoutée le (heure de Paris)</th><th scope="col">État</th></tr></thead>
  <tbody>{{#ATTACHMENT}}<tr data-testid="incident-attachment" data-id="{{AID}}" data-state="{{STATE_ID}}"><td><a class="fr-link fr-link--download" href="{{URL}}" download data-testid="attachment-link">{{FILE}}</a></td><td>{{SIZE}}</td><td>{{DESCRIPTION}}</td><td>{{EVENT}}</td><td>{{BY}}</td><td>{{AT}}</td><td data-testid="attachment-state">{{#CURRENT}}versée au dossier{{#WITHDRAW}}<br><a class="fr-link fr-link--sm" href="{{WITHDRAW_URL}}" data-testid="attachment-withdraw">Retirer</a>{{/WITHDRAW}}{{/CURRENT}}{{#WITHDRAWN}}<p class="fr-badge fr-badge--sm fr-badge--warning fr-mb-1v">Retirée</p> le {{W_AT}} par {{W_BY}} ; motif du retrait : {{W_REASON}}{{/WITHDRAWN}}</td></tr>{{/ATTACHMENT}}</tbody>
</table></div>{{/HAS_ATTACHMENTS}}
{{#ATTACH_FORM}}<section class="fr-accordion fr-mb-2w">
  <h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="{{ATTACH_EXPANDED}}" aria-controls="acc-attach">Joindre un fichier</button></h3>
  <div class="fr-collapse{{ATTACH_OPEN}}" id="acc-attach">
  <form method="post" action="/etablissements/{{FINESS}}/incidents/{{ID}}/pieces-jointes" enctype="multipart/form-data" data-testid="attachment-form">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="fr-upload-group{{#FILE_INVALID}} fr-upload-group--error{{/FILE_INVALID}}"><label class="fr-label" for="att-file">Pièce jointe * <span class="fr-hint-text">PDF, ODT, DOCX, XLSX, PNG, JPEG ou TXT, 5 Mio au plus{{#FILE_AGAIN}} ; « {{NAME}} » n'a pas été enregistré{{/FILE_AGAIN}}</span></label>
      <input class="fr-upload" type="file" id="att-file" name="file" required accept=".pdf,.png,.jpg,.jpeg,.odt,.docx,.xlsx,.txt" data-max-bytes="5242880" data-label="Pièce jointe" data-testid="attachment-file"{{#FILE_INVALID}} aria-invalid="true" aria-describedby="att-file-error"{{/FILE_INVALID}}>
      {{#FILE_INVALID}}<p class="fr-error-text" id="att-file-error" data-testid="attachment-error">{{ERROR}}</p>{{/FILE_INVALID}}</div>
    <div class="fr-input-group{{#DESCRIPTION_INVALID}} fr-input-group--error{{/DESCRIPTION_INVALID}}"><label class="fr-label" for="att-description">Description <span class="fr-hint-text">facultative : ce que le fichier prouve ou documente</span></label>
      <textarea class="fr-input" id="att-description" name="description" rows="2" maxlength="2000" data-testid="attachment-description">{{F_DESCRIPTION:pre_escape}}</textarea>
      {{#DESCRIPTION_INVALID}}<p class="fr-error-text" data-testid="attachment-description-error">{{ERROR}}</p>{{/DESCRIPTION_INVALID}}</div>
    <div class="fr-select-group{{#EVENT_INVALID}} fr-select-group--error{{/EVENT_INVALID}}"><label class="fr-label" for="att-event">Événement lié <span class="fr-hint-text">facultatif : l'événement de la chronologie que le fichier documente</span></label>
      <select class="fr-select" id="att-event" name="event" data-testid="attachment-event"><option value="">—</option>{{#EVENT_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/EVENT_OPTION}}</select>
      {{#EVENT_INVALID}}<p class="fr-error-text" data-testid="attachment-event-error">{{ERROR}}</p>{{/EVENT_INVALID}}</div>
    <button class="fr-btn fr-btn--secondary" type="submit" data-testid="attachment-submit">Joindre le fichier</button>
  </form>
  </div>
</section>{{/ATTACH_FORM}}

<h2 class="fr-h4 fr-mt-4w">Qualification (observatoire du CERT Santé)</h2>
<dl data-testid="incident-qualification">{{#DIMENSION}}<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>{{/DIMENSION}}<dt>Systèmes et services touchés</dt><dd data-testid="incident-affected">{{AFFECTED}}</dd></dl>
{{#CAN_WRITE}}<section class="fr-accordion fr-mb-2w">
  <h3 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="false" aria-controls="acc-qualif">Qualifier l'incident</button></h3>
  <div class="fr-collapse" id="acc-qualif">
  <form method="post" action="/etablissements/{{FINESS}}/incidents/{{ID}}/qualification" data-testid="qualification-form">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{#SINGLE}}<div class="fr-select-group"><label class="fr-label" for="q-{{DIM}}">{{LABEL}}</label>
      <select class="fr-select" id="q-{{DIM}}" name="{{DIM}}" data-testid="qualification-{{DIM}}"><option value="">—</option>{{#CHOICE}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CHOICE}}</select></div>{{/SINGLE}}
    {{#MATRIX}}<fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">{{LABEL}}</legend>
      {{#CELL}}<div class="fr-fieldset__element"><div class="fr-checkbox-group"><input type="checkbox" id="q-{{ID}}" name="{{DIM}}" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}} data-testid="qualification-cell-{{ID}}"><label class="fr-label" for="q-{{ID}}">{{LABEL}}</label></div></div>{{/CELL}}
      <input type="hidden" name="{{DIM}}_present" value="1">
    </fieldset>{{/MATRIX}}
    <fieldset class="fr-fieldset" data-testid="qualification-affected"><legend class="fr-fieldset__legend">Systèmes et services touchés <span class="fr-hint-text">choisis parmi les services de l'établissement (registre) et ses ressources informatiques (inventaire de la continuité d'activité)</span></legend>
      <p class="fr-fieldset__element fr-text--sm fr-mb-1v">Services touchés</p>
      {{#AFFECTED_SERVICE}}<div class="fr-fieldset__element"><div class="fr-checkbox-group"><input type="checkbox" id="q-svc-{{VALUE}}" name="affected_service" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}} data-testid="affected-service-{{VALUE}}"><label class="fr-label" for="q-svc-{{VALUE}}">{{LABEL}}</label></div></div>{{/AFFECTED_SERVICE}}
      <p class="fr-fieldset__element fr-text--sm fr-mb-1v">Ressources informatiques touchées</p>
      {{#NO_RESOURCE}}<p class="fr-fieldset__element fr-text--sm" data-testid="affected-no-resource">Aucune ressource informatique n'est inventoriée pour cet établissement (continuité d'activité).</p>{{/NO_RESOURCE}}
      {{#AFFECTED_RESOURCE}}<div class="fr-fieldset__element"><div class="fr-checkbox-group"><input type="checkbox" id="q-res-{{VALUE}}" name="affected_resource" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}} data-testid="affected-resource-{{VALUE}}"><label class="fr-label" for="q-res-{{VALUE}}">{{LABEL}}</label></div></div>{{/AFFECTED_RESOURCE}}
      <input type="hidden" name="affected_present" value="1">
    </fieldset>
    <button class="fr-btn fr-btn--secondary" type="submit" data-testid="qualification-submit">Enregistrer la qualification</button>
  </form>
  </div>
</section>{{/CAN_WRITE}}

<h2 class="fr-h4 fr-mt-4w">Déclaration au CERT Santé</h2>
{{#NO_DECLARATION}}<p data-testid="declaration-none">Aucune étape de la déclaration n'est enregistrée.</p>{{/NO_DECLARATION}}
{{#HAS_DECLARATIONS}}<div class="fr-table fr-table--no-caption"><table data-testid="incident-declarations">
  <caption>Déclaration au CERT Santé</caption>
  <thead><tr><th scope="col">Étape</th><th scope="col">État</th><th scope="col">Transmise le</th><th scope="col">Référence du portail</th><th scope="col">Exports</th></tr></thead>
  <tbody>{{#DECLARATION}}<tr data-testid="declaration-row" data-stage="{{STAGE_ID}}"><td>{{STAGE}}</td><td>{{STATE}}</td><td>{{SUBMITTED}}</td><td>{{REFERENCE}}</td><td><a class="fr-link" href="/etablissements/{{FINESS}}/incidents/{{ID}}/declaration/{{STAGE_ID}}/pdf">Document PDF</a><br><a class="fr-link" href="/etablissements/{{FINESS}}/incidents/{{ID}}/declaration/{{STAGE_ID}}/json" data-testid="declaration-json-{{STAGE_ID}}">Export JSON selon le formulaire (à coller ou joindre)</a></td></tr>{{/DECLARATION}}</tbody>
</table></div>{{/HAS_DECLARATIONS}}
<ul data-testid="declaration-stages">{{#STAGE_LINK}}<li data-stage="{{STAGE_ID}}"><a class="fr-link" href="{{URL}}" data-testid="stage-link-{{STAGE_ID}}">{{LABEL}}</a> : {{STATE}}</li>{{/STAGE_LINK}}</ul>
{{#LESSONS}}<h2 class="fr-h4 fr-mt-4w" id="lecons">Leçons de l'incident et plan d'action</h2>
{{#PAQ_ACTION}}<p data-testid="incident-paq-action"><a class="fr-link" href="{{URL}}">{{TITLE}}</a> — action du PAQ, état : {{STATE}}</p>{{/PAQ_ACTION}}
{{#NO_PAQ_ACTION}}<p data-testid="incident-paq-none">Aucune action du PAQ n'est issue de cet incident.</p>{{/NO_PAQ_ACTION}}
{{#LESSONS_FORM}}<form method="post" action="/etablissements/{{FINESS}}/incidents/{{ID}}/paq" data-testid="lessons-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group{{#LESSONS_INVALID}} fr-input-group--error{{/LESSONS_INVALID}}"><label class="fr-label" for="inc-lessons">Leçons de l'incident * <span class="fr-hint-text">une mesure à prendre par ligne ; chacune devient sa propre action du PAQ (origine « incident ») ; une leçon déjà envoyée garde son action</span></label>
    <textarea class="fr-input{{#LESSONS_INVALID}} fr-input--error{{/LESSONS_INVALID}}" id="inc-lessons" name="lessons" rows="3" maxlength="4000" data-testid="lessons-text"{{#LESSONS_INVALID}} aria-describedby="inc-lessons-error"{{/LESSONS_INVALID}}>{{F_LESSONS:pre_escape}}</textarea>
    {{#LESSONS_INVALID}}<p class="fr-error-text" id="inc-lessons-error" data-testid="lessons-error">{{LESSONS_ERROR}}</p>{{/LESSONS_INVALID}}</div>
  <button class="fr-btn fr-btn--secondary" type="submit" data-testid="lessons-submit">Envoyer au PAQ</button>
</form>{{/LESSONS_FORM}}{{/LESSONS}}
<p class="fr-mt-2w"><a class="fr-link" href="/etablissements/{{FINESS}}/incidents">Retour aux incidents</a></p>
