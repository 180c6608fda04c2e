{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">Incidents de sécurité — {{NAME}}</h1>
<p class="fr-text--lead">Les incidents graves de sécurité des systèmes d'information se déclarent sans délai au CERT Santé ; une violation de données personnelles se notifie à la CNIL dans les 72 heures (RGPD, article 33).</p>
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="incident-errors">
  <h2 class="fr-alert__title">L'incident n'a pas été enregistré</h2>
  <ul>{{#ERROR}}<li data-field="{{FIELD}}">{{MESSAGE}}</li>{{/ERROR}}</ul>
</div>{{/HAS_ERRORS}}
{{#NONE}}<p data-testid="incident-none">Aucun incident enregistré pour cet établissement.</p>{{/NONE}}
{{#HAS_ROWS}}<div class="fr-table fr-table--no-caption">
  <table data-testid="incident-table">
    <caption>Incidents de sécurité</caption>
    <thead><tr><th scope="col">Détecté le</th><th scope="col">Intitulé</th><th scope="col">Type de menace</th><th scope="col">Statut</th><th scope="col">Déclaration au CERT Santé</th></tr></thead>
    <tbody>
      {{#ROW}}<tr data-testid="incident-row">
        <td class="fr-text--nowrap" data-testid="incident-detected-at">{{DETECTED}}</td>
        <td><a href="/etablissements/{{FINESS}}/incidents/{{ID}}">{{TITLE}}</a></td>
        <td>{{THREAT}}</td>
        <td><p class="fr-badge fr-badge--sm fr-badge--{{BADGE}}" data-status="{{STATUS_ID}}">{{STATUS}}</p></td>
        <td>{{DECLARATION}}</td>
      </tr>{{/ROW}}
    </tbody>
  </table>
</div>{{/HAS_ROWS}}
{{#CAN_WRITE}}<h2 class="fr-h4 fr-mt-4w">Enregistrer un incident</h2>
<form method="post" action="/etablissements/{{FINESS}}/incidents" data-testid="incident-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="fr-input-group"><label class="fr-label" for="inc-title">Intitulé de l'incident *</label>
    <input class="fr-input" type="text" id="inc-title" name="title" maxlength="300" value="{{F_TITLE}}" required data-testid="incident-title"></div>
  <div class="fr-input-group"><label class="fr-label" for="inc-at">Date et heure de la détection * <span class="fr-hint-text">heure de Paris, telle qu'affichée par l'horloge</span></label>
    <input class="fr-input" type="datetime-local" id="inc-at" name="detected_local" value="{{F_AT}}" required data-testid="incident-detected"></div>
  <div class="fr-select-group"><label class="fr-label" for="inc-season">Heure d'été ou d'hiver <span class="fr-hint-text">à préciser seulement pour une heure entre 2 h et 3 h la nuit du passage à l'heure d'hiver (fin octobre), qui a lieu deux fois</span></label>
    <select class="fr-select" id="inc-season" name="detected_season" data-testid="incident-season">{{#SEASON}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SEASON}}</select></div>
  <div class="fr-input-group"><label class="fr-label" for="inc-note">Note</label>
    <textarea class="fr-input" id="inc-note" name="note" rows="2" maxlength="4000">{{F_NOTE:pre_escape}}</textarea></div>
  <button class="fr-btn" type="submit" data-testid="incident-submit">Enregistrer l'incident</button>
</form>{{/CAN_WRITE}}
<p class="fr-mt-2w"><a class="fr-link" href="/incidents/statistiques" data-testid="statistics-link">Statistiques des incidents {{STATISTICS_OF}}</a></p>
<p class="fr-mt-2w"><a class="fr-link" href="/etablissements/{{FINESS}}">Retour à l'établissement</a></p>
