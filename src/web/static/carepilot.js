// Small behaviours of carepilot's pages, loaded by the pages that need them (the CSP allows
// only scripts from this site, no inline script). Every page works without it.
// - a button with data-print prints the page (recovery codes).
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-print]');
  if (!button) return;
  event.preventDefault();
  window.print();
});

// - the maturity questionnaire: a section tab saves the open section's answers before
//   opening another (the tabs submit the form, with or without this script); when nothing
//   changed, the tab only opens its section, and a link to another section (the score table)
//   saves changed answers first instead of losing them.
const answers = document.getElementById('answers');
if (answers) {
  let dirty = false;
  const fields = () => document.querySelectorAll('[form="answers"]');
  for (const f of fields()) {
    f.addEventListener('change', () => { dirty = true; });
    f.addEventListener('input', () => { dirty = true; });
  }
  const go = (section) => {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = 'goto';
    input.value = section;
    answers.appendChild(input);
    answers.requestSubmit();
  };
  document.addEventListener('click', (event) => {
    const tab = event.target.closest('button[name="goto"]');
    if (tab && !dirty) {
      event.preventDefault();
      const url = new URL(window.location.href);
      url.search = `?section=${encodeURIComponent(tab.value)}`;
      url.hash = '';
      window.location.assign(url.toString());
      return;
    }
    const link = event.target.closest('a[href*="?section="]');
    if (link && dirty) {
      event.preventDefault();
      go(new URL(link.href).searchParams.get('section'));
    }
  });
}

// - the knowledge entry form: only the fields of the chosen nature are shown. Without this
//   script every group is shown with its legend (« Pour une offre »…) and the server refuses a
//   field filled for another nature; with it, the other groups are hidden and disabled (a
//   disabled field is not sent, so what was typed there before changing the nature is left out).
const kindSelect = document.querySelector('[data-kind-select]');
if (kindSelect) {
  const groups = document.querySelectorAll('[data-kind-fields]');
  const showKind = () => {
    for (const group of groups) {
      const on = group.dataset.kindFields.split(' ').includes(kindSelect.value);
      group.hidden = !on;
      group.style.display = on ? '' : 'none';  // the DSFR's fieldset display outranks [hidden]
      group.disabled = !on;
    }
  };
  kindSelect.addEventListener('change', showKind);
  showKind();
}
