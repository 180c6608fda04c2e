// Size check of uploaded files before they are sent (issue 17 trial): a file input with
// data-max-bytes and data-label refuses a file over the limit at once, in French, naming the
// field and the limit, and its form is not sent. Without this script the server still
// checks and answers with the same message (413); with it a file far over the limit never
// travels, so the browser never meets a closed connection. Loaded by the pages with such an
// input (the CSP allows no inline script).
// "256 Mio", "2 048 Mio", "100 Kio": as the server words it (jobs::size_limit_text).
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
const limitText = (bytes) => (bytes >= 1048576
  ? `${grouped(Math.floor(bytes / 1048576))} Mio` : `${grouped(Math.floor(bytes / 1024))} Kio`);

// Several files of one input (data-label-many, `multiple`) share the limit: their total is
// checked, and the message says how many, in French singular or plural (issue 17 trial).
const messageOf = (input) => {
  const max = Number(input.dataset.maxBytes);
  const files = Array.from(input.files || []);
  if (files.length > 1 && input.dataset.labelMany) {
    const total = files.reduce((sum, file) => sum + file.size, 0);
    if (total > max) {
      return `${input.dataset.labelMany} : les ${files.length} fichiers dépassent ensemble la taille autorisée (${limitText(max)}).`;
    }
    return '';
  }
  for (const file of files) {
    if (file.size > max) {
      return `${input.dataset.label} : le fichier dépasse la taille autorisée (${limitText(max)}).`;
    }
  }
  return '';
};

// The DSFR's error state of the input's group, with the message under the input.
const show = (input, message) => {
  const group = input.closest('.fr-upload-group, .fr-input-group') || input.parentElement;
  const id = `${input.id}-taille`;
  // The server's message about the file chosen before no longer applies to the new choice.
  const stale = document.getElementById(`${input.id}-error`);
  if (stale) stale.remove();
  let p = document.getElementById(id);
  if (!message) {
    if (p) p.remove();
    group.classList.remove('fr-upload-group--error', 'fr-input-group--error');
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
    input.setCustomValidity('');
    return;
  }
  if (!p) {
    p = document.createElement('p');
    p.id = id;
    p.className = 'fr-error-text';
    p.dataset.testid = 'upload-size-error';
    p.setAttribute('role', 'alert');
    input.insertAdjacentElement('afterend', p);
  }
  p.textContent = message;
  group.classList.add(group.classList.contains('fr-upload-group')
    ? 'fr-upload-group--error' : 'fr-input-group--error');
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', id);
  input.setCustomValidity(message);
};

const inputs = () => document.querySelectorAll('input[type="file"][data-max-bytes]');

document.addEventListener('change', (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.matches('[type="file"][data-max-bytes]')) return;
  show(input, messageOf(input));
});

// A file larger than one request body (data-single-max on its form) travels in chunks through
// the API (jobs/chunked_upload.hpp, docs/ad-audit.md): the upload is declared, its chunks sent
// at their offsets (resumed where the server says after a refused offset), then completed;
// the page then opens the audit. The form's data-chunked is the API's upload URL, data-done
// the page under which the audit is shown.
const sendInChunks = async (form, input, file) => {
  const csrf = form.querySelector('input[name="csrf"]').value;
  const progress = document.getElementById(`${input.id}-envoi`)
    || input.insertAdjacentElement('afterend', Object.assign(document.createElement('p'), {
      id: `${input.id}-envoi`, className: 'fr-hint-text'}));
  progress.dataset.testid = 'upload-progress';
  progress.setAttribute('aria-live', 'polite');
  const call = async (method, url, body, type) => {
    const resp = await fetch(url, { method, body, credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrf, 'Content-Type': type, Accept: 'application/json' } });
    const json = await resp.json().catch(() => ({}));
    return { status: resp.status, json };
  };
  const fail = (r) => {
    const message = (r.json.error && r.json.error.message)
      || `${input.dataset.label} : l'envoi a échoué, réessayez.`;
    progress.remove();
    show(input, message);
    input.focus();
  };
  let r = await call('POST', form.dataset.chunked,
    JSON.stringify({ file_name: file.name, size: file.size }), 'application/json');
  if (r.status !== 201) return fail(r);
  const url = `${form.dataset.chunked}/${r.json.id}`;
  const chunk = r.json.chunk_max;
  let offset = 0;
  let retries = 0;
  while (offset < file.size) {
    progress.textContent = `Envoi de la collecte : ${Math.floor((100 * offset) / file.size)} %`;
    const part = file.slice(offset, Math.min(offset + chunk, file.size));
    r = await call('PUT', `${url}?offset=${offset}`, part, 'application/octet-stream');
    if (r.status === 200) {
      offset = r.json.offset;
      retries = 0;
    } else if (r.status === 409 && retries < 3) {
      offset = Number(r.json.error.fields[0].message);
      retries += 1;
    } else {
      return fail(r);
    }
  }
  progress.textContent = 'Envoi de la collecte : 100 %';
  r = await call('POST', `${url}/complete`, '{}', 'application/json');
  if (r.status !== 201) return fail(r);
  window.location.assign(`${form.dataset.done}/${r.json.id}?depose=1`);
  return undefined;
};

document.addEventListener('submit', (event) => {
  for (const input of inputs()) {
    if (input.form !== event.target) continue;
    const message = messageOf(input);
    show(input, message);
    if (message) {
      event.preventDefault();
      input.focus();
      return;
    }
    const form = input.form;
    const file = input.files && input.files[0];
    if (file && form.dataset.chunked && file.size > Number(form.dataset.singleMax)) {
      event.preventDefault();
      const button = form.querySelector('[type="submit"]');
      if (button) button.disabled = true;
      sendInChunks(form, input, file).finally(() => { if (button) button.disabled = false; });
      return;
    }
  }
}, true);
