{{%AUTOESCAPE context="HTML"}}<h1 class="fr-mt-4w">{{H1}}</h1>
{{#READ_ONLY}}<div class="fr-alert fr-alert--info fr-mb-3w" data-testid="knowledge-read-only"><p>Vous ne pouvez modifier que les offres de votre région.</p></div>
<p><a class="fr-link" href="{{BACK}}">Revenir à l'entrée</a></p>{{/READ_ONLY}}
{{#FORM}}
{{#HAS_ERRORS}}<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-testid="knowledge-errors"><h2 class="fr-alert__title">L'entrée n'a pas été enregistrée</h2><ul>{{#ERROR}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul></div>{{/HAS_ERRORS}}
<p class="fr-hint-text" data-testid="knowledge-required">Les champs marqués d'un astérisque (*) sont obligatoires.</p>
<form method="post" action="{{ACTION}}" data-testid="knowledge-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{#CREATE}}<div class="fr-input-group{{#ERR_id}} fr-input-group--error{{/ERR_id}}">
    <label class="fr-label" for="id">Identifiant * <span class="fr-hint-text">Lettres sans accent, chiffres, « - », « . » ou « _ », par exemple {{#ID_EXAMPLES}}<code>{{EXAMPLE}}</code>{{#ID_EXAMPLES_separator}} ou {{/ID_EXAMPLES_separator}}{{/ID_EXAMPLES}}. Il ne change plus une fois l'entrée créée ; un objectif de financement a pour identifiant le sien.</span></label>
    <input class="fr-input" type="text" id="id" name="id" value="{{V_ID}}" required maxlength="80" data-testid="knowledge-id">
    {{#ERR_id}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_id}}
  </div>{{/CREATE}}
  <div class="fr-select-group{{#ERR_kind}} fr-select-group--error{{/ERR_kind}}">
    <label class="fr-label" for="kind">Nature * <span class="fr-hint-text">Les champs propres à chaque nature sont regroupés plus bas.</span></label>
    <select class="fr-select" id="kind" name="kind" required data-kind-select data-testid="knowledge-kind">{{#KIND_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/KIND_OPT}}</select>
    {{#ERR_kind}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_kind}}
  </div>
  <div class="fr-input-group{{#ERR_title}} fr-input-group--error{{/ERR_title}}">
    <label class="fr-label" for="title">Intitulé * <span class="fr-hint-text">300 caractères au plus.</span></label>
    <input class="fr-input" type="text" id="title" name="title" value="{{V_TITLE}}" required maxlength="300" data-testid="knowledge-title-input">
    {{#ERR_title}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_title}}
  </div>
  <div class="fr-input-group{{#ERR_summary}} fr-input-group--error{{/ERR_summary}}">
    <label class="fr-label" for="summary">Résumé ou réponse * <span class="fr-hint-text">5 000 caractères au plus. Laissez une ligne vide entre deux paragraphes.</span></label>
    <textarea class="fr-input" id="summary" name="summary" rows="6" required maxlength="5000" data-testid="knowledge-summary-input">{{V_SUMMARY:pre_escape}}</textarea>
    {{#ERR_summary}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_summary}}
  </div>
  <div class="fr-select-group{{#ERR_theme}} fr-select-group--error{{/ERR_theme}}">
    <label class="fr-label" for="theme">Thème *</label>
    <select class="fr-select" id="theme" name="theme" required>{{#THEME_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/THEME_OPT}}</select>
    {{#ERR_theme}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_theme}}
  </div>
  <fieldset class="fr-fieldset{{#ERR_audiences}} fr-fieldset--error{{/ERR_audiences}}" id="audiences">
    <legend class="fr-fieldset__legend">Public * <span class="fr-hint-text">Un au moins.</span></legend>
    {{#AUDIENCE_OPT}}<div class="fr-fieldset__element"><div class="fr-checkbox-group"><input type="checkbox" id="audience-{{VALUE}}" name="audiences" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}><label class="fr-label" for="audience-{{VALUE}}">{{LABEL}}</label></div></div>{{/AUDIENCE_OPT}}
    {{#ERR_audiences}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_audiences}}
  </fieldset>
  <fieldset class="fr-fieldset" data-kind-fields="offer" data-testid="knowledge-fields-offer">
    <legend class="fr-fieldset__legend">Pour une offre</legend>
    <div class="fr-fieldset__element"><div class="fr-input-group{{#ERR_provider}} fr-input-group--error{{/ERR_provider}}">
      <label class="fr-label" for="provider">Porteur * <span class="fr-hint-text">L'organisme qui propose l'offre, par exemple GRADeS ou ANS.</span></label>
      <input class="fr-input" type="text" id="provider" name="provider" value="{{V_PROVIDER}}" data-testid="knowledge-provider">
      {{#ERR_provider}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_provider}}
    </div></div>
    <div class="fr-fieldset__element"><div class="fr-select-group{{#ERR_offer_kind}} fr-select-group--error{{/ERR_offer_kind}}">
      <label class="fr-label" for="offer_kind">Type d'offre *</label>
      <select class="fr-select" id="offer_kind" name="offer_kind" data-testid="knowledge-offer-kind"><option value="">Choisissez un type</option>{{#OFFER_KIND_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OFFER_KIND_OPT}}</select>
      {{#ERR_offer_kind}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_offer_kind}}
    </div></div>
    <div class="fr-fieldset__element"><div class="fr-select-group{{#ERR_region}} fr-select-group--error{{/ERR_region}}">
      <label class="fr-label" for="region">Portée * <span class="fr-hint-text">Nationale, ou la région dont l'offre est propre : une offre régionale n'est visible que des personnes connectées de cette région et des équipes nationales.</span></label>
      <select class="fr-select" id="region" name="region" data-testid="knowledge-region">{{#REGION_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/REGION_OPT}}</select>
      {{#ERR_region}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_region}}
    </div></div>
    <div class="fr-fieldset__element"><div class="fr-input-group{{#ERR_cost}} fr-input-group--error{{/ERR_cost}}">
      <label class="fr-label" for="cost">Coût <span class="fr-hint-text">Par exemple « Gratuit » ou « Non précisé par les textes de référence ».</span></label>
      <input class="fr-input" type="text" id="cost" name="cost" value="{{V_COST}}">
      {{#ERR_cost}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_cost}}
    </div></div>
    <div class="fr-fieldset__element"><div class="fr-input-group{{#ERR_contact}} fr-input-group--error{{/ERR_contact}}">
      <label class="fr-label" for="contact">Contact <span class="fr-hint-text">Une adresse de courriel, un téléphone ou une page.</span></label>
      <input class="fr-input" type="text" id="contact" name="contact" value="{{V_CONTACT}}">
      {{#ERR_contact}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_contact}}
    </div></div>
  </fieldset>
  {{#NOT_OFFER_ONLY}}<div data-testid="knowledge-other-natures">
  <fieldset class="fr-fieldset" data-kind-fields="faq" data-testid="knowledge-fields-faq">
    <legend class="fr-fieldset__legend">Pour une question fréquente</legend>
    <div class="fr-fieldset__element"><div class="fr-input-group{{#ERR_ref}} fr-input-group--error{{/ERR_ref}}">
      <label class="fr-label" for="ref">Objectif de la question <span class="fr-hint-text">L'objectif de financement dont parle la question, par exemple D2.O1.C.</span></label>
      <input class="fr-input" type="text" id="ref" name="ref" value="{{V_REF}}">
      {{#ERR_ref}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_ref}}
    </div></div>
  </fieldset>
  <fieldset class="fr-fieldset" data-kind-fields="referential" data-testid="knowledge-fields-referential">
    <legend class="fr-fieldset__legend">Pour un référentiel ou un guide</legend>
    <div class="fr-fieldset__element"><div class="fr-select-group{{#ERR_doc_kind}} fr-select-group--error{{/ERR_doc_kind}}">
      <label class="fr-label" for="doc_kind">Type de document *</label>
      <select class="fr-select" id="doc_kind" name="doc_kind"><option value="">Choisissez un type</option>{{#DOC_KIND_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/DOC_KIND_OPT}}</select>
      {{#ERR_doc_kind}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_doc_kind}}
    </div></div>
    <div class="fr-fieldset__element"><div class="fr-input-group{{#ERR_version}} fr-input-group--error{{/ERR_version}}">
      <label class="fr-label" for="version">Version <span class="fr-hint-text">Laissez vide quand les textes ne la donnent pas.</span></label>
      <input class="fr-input" type="text" id="version" name="version" value="{{V_VERSION}}">
      {{#ERR_version}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_version}}
    </div></div>
    <div class="fr-fieldset__element"><div class="fr-input-group{{#ERR_date}} fr-input-group--error{{/ERR_date}}">
      <label class="fr-label" for="published">Date de publication <span class="fr-hint-text">Au format jj/mm/aaaa.</span></label>
      <input class="fr-input" type="date" id="published" name="published" value="{{V_PUBLISHED}}">
      {{#ERR_date}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_date}}
    </div></div>
    <div class="fr-fieldset__element"><div class="fr-input-group{{#ERR_paliers}} fr-input-group--error{{/ERR_paliers}}">
      <label class="fr-label" for="paliers">Paliers <span class="fr-hint-text">Un palier par ligne, dans l'ordre.</span></label>
      <textarea class="fr-input" id="paliers" name="paliers" rows="3">{{V_PALIERS:pre_escape}}</textarea>
      {{#ERR_paliers}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_paliers}}
    </div></div>
  </fieldset>
  <fieldset class="fr-fieldset" data-kind-fields="date" data-testid="knowledge-fields-date">
    <legend class="fr-fieldset__legend">Pour une date clé</legend>
    <div class="fr-fieldset__element"><div class="fr-input-group{{#ERR_date}} fr-input-group--error{{/ERR_date}}">
      <label class="fr-label" for="date">Date * <span class="fr-hint-text">Au format jj/mm/aaaa ; pour une période, son premier jour.</span></label>
      <input class="fr-input" type="date" id="date" name="date" value="{{V_DATE}}">
      {{#ERR_date}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_date}}
    </div></div>
    <div class="fr-fieldset__element"><div class="fr-input-group{{#ERR_end}} fr-input-group--error{{/ERR_end}}">
      <label class="fr-label" for="end">Fin <span class="fr-hint-text">Le dernier jour d'une période ; vide pour un seul jour.</span></label>
      <input class="fr-input" type="date" id="end" name="end" value="{{V_END}}">
      {{#ERR_end}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_end}}
    </div></div>
  </fieldset>
  </div>{{/NOT_OFFER_ONLY}}
  <fieldset class="fr-fieldset{{#ERR_obligations}} fr-fieldset--error{{/ERR_obligations}}" id="obligations">
    <legend class="fr-fieldset__legend">Obligations auxquelles l'entrée aide <span class="fr-hint-text">L'entrée est proposée dans « Comment faire ? » de ces obligations sur la page de conformité.</span></legend>
    {{#OBLIGATION_OPT}}<div class="fr-fieldset__element"><div class="fr-checkbox-group"><input type="checkbox" id="obligation-{{VALUE}}" name="obligations" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}><label class="fr-label" for="obligation-{{VALUE}}">{{LABEL}}</label></div></div>{{/OBLIGATION_OPT}}
    {{#ERR_obligations}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_obligations}}
  </fieldset>
  <div class="fr-input-group{{#ERR_objectives}} fr-input-group--error{{/ERR_objectives}}">
    <label class="fr-label" for="objectives">Objectifs de financement <span class="fr-hint-text">Séparés par des virgules, par exemple D2.O3.C, D2.O4.</span></label>
    <input class="fr-input" type="text" id="objectives" name="objectives" value="{{V_OBJECTIVES}}">
    {{#ERR_objectives}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_objectives}}
  </div>
  <div class="fr-input-group{{#ERR_keywords}} fr-input-group--error{{/ERR_keywords}}">
    <label class="fr-label" for="keywords">Mots-clés <span class="fr-hint-text">Séparés par des virgules : les mots par lesquels on doit trouver l'entrée sans qu'elle les écrive.</span></label>
    <input class="fr-input" type="text" id="keywords" name="keywords" value="{{V_KEYWORDS}}">
    {{#ERR_keywords}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_keywords}}
  </div>
  <div class="fr-input-group{{#ERR_link}} fr-input-group--error{{/ERR_link}}">
    <label class="fr-label" for="link">Lien <span class="fr-hint-text">Une adresse commençant par https://.</span></label>
    <input class="fr-input" type="url" id="link" name="link" value="{{V_LINK}}">
    {{#ERR_link}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_link}}
  </div>
  <div class="fr-input-group{{#ERR_note}} fr-input-group--error{{/ERR_note}}">
    <label class="fr-label" for="note">Ce que les textes ne précisent pas</label>
    <input class="fr-input" type="text" id="note" name="note" value="{{V_NOTE}}">
    {{#ERR_note}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_note}}
  </div>
  <div class="fr-input-group{{#ERR_source}} fr-input-group--error{{/ERR_source}}">
    <label class="fr-label" for="source">Source <span class="fr-hint-text">Le texte public dont vient l'entrée (page du programme, instruction, arrêté), jamais un fichier.</span></label>
    <input class="fr-input" type="text" id="source" name="source" value="{{V_SOURCE}}">
    {{#ERR_source}}<p class="fr-error-text">{{MSG}}</p>{{/ERR_source}}
  </div>
  <ul class="fr-btns-group fr-btns-group--inline-md">
    <li><button class="fr-btn" type="submit" data-testid="knowledge-save">Enregistrer</button></li>
  </ul>
</form>
{{#DELETE}}<p class="fr-mt-2w"><a class="fr-btn fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left" href="{{URL}}" data-testid="knowledge-delete">Supprimer l'entrée</a></p>{{/DELETE}}
{{/FORM}}
<script src="/static/app/carepilot.js"></script>
