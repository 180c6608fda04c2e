// Browser test of the incident register (issue 19): an editor of the demo « Centre hospitalier
// de Cholet-Mauges » logs an incident, adds an event to its timeline, qualifies it, fills the
// initial declaration (a transmission without the portal's reference refused under its field,
// named), marks it transmitted (the stage then read-only), drafts the complementary one and sees
// what changed since the initial one, joins a file (« Pièce jointe ») listed and downloadable —
// the establishment's security officer withdraws it with a reason, kept and shown withdrawn —
// and turns a lesson into a PAQ action of origin « incident », shown on the incident; the
// establishment's page shows the incident in its « Historique ». The regional manager of the Pays de la Loire
// reads the statistics of its region (tables, SVG bars, the national figures) but neither
// another region's statistics nor an incident of an establishment of another region.
import assert from 'node:assert/strict';
import {
  startCarepilot, launchBrowser, newPage, login, loginWithSecondFactor, checkAccessibility,
  assertNoCspErrors, screenshot, DEMO,
} from './lib.mjs';

// "YYYY-MM-DDTHH:MM" of yesterday (UTC day) at `hhmm`, as a datetime-local input takes it.
const yesterday = (hhmm) => `${new Date(Date.now() - 86400000).toISOString().slice(0, 10)}T${hhmm}`;

const app = await startCarepilot();
let browser;
try {
  browser = await launchBrowser();
  const page = await newPage(browser);
  await login(page, app.base, DEMO.editor);
  await page.goto(`${app.base}/etablissements?q=Cholet`);
  const href = await page.locator('a[href^="/etablissements/"]', { hasText: 'Cholet' }).first()
    .getAttribute('href');
  const finess = href.split('/')[2];

  // Detection: the incident is logged.
  await page.goto(`${app.base}/etablissements/${finess}/incidents`);
  await page.getByTestId('incident-title').fill('Rançongiciel sur le serveur de fichiers');
  await page.getByTestId('incident-detected').fill(yesterday('08:15'));
  await page.getByTestId('incident-submit').click();
  await page.waitForURL((u) => /\/incidents\/\d+$/.test(u.pathname));
  const incident = new URL(page.url()).pathname;
  assert.equal(await page.getByTestId('incident-heading').innerText(), 'Rançongiciel sur le serveur de fichiers');
  assert.equal(await page.getByTestId('incident-event').count(), 1);
  // Each act is confirmed on the page it leads to (the layout's success notice).
  const notice = () => page.locator('.fr-alert--success[role="status"]').innerText();
  assert.match(await notice(), /^Incident enregistré/);

  // Timeline: containment.
  await page.locator('[aria-controls="acc-event"]').click();
  await page.getByTestId('event-kind').selectOption('containment');
  await page.getByTestId('event-at').fill(yesterday('09:00'));
  await page.getByTestId('event-submit').click();
  await page.waitForURL((u) => u.pathname === incident);
  assert.equal(await page.getByTestId('incident-event').count(), 2);
  assert.equal(await page.locator('[data-testid="incident-event"][data-kind="containment"]').count(), 1);
  assert.equal(await notice(), 'Événement ajouté à la chronologie.');

  // Qualification.
  await page.locator('[aria-controls="acc-qualif"]').click();
  await page.getByTestId('qualification-threat').selectOption('ransomware');
  await page.getByTestId('qualification-malicious').selectOption('yes');
  await page.getByTestId('qualification-submit').click();
  await page.waitForURL((u) => u.pathname === incident);
  assert.match(await page.getByTestId('incident-qualification').innerText(), /rançongiciel/);
  assert.equal(await notice(), 'Qualification enregistrée.');
  await checkAccessibility(page);
  // The status from the page: contained, then the actions it allows.
  await page.getByTestId('status-contained').click();
  await page.waitForURL((u) => u.pathname === incident);
  assert.equal(await page.getByTestId('incident-status').getAttribute('data-status'), 'contained');
  assert.equal(await notice(), 'Statut de l\'incident enregistré : confiné.');
  assert.equal(await page.getByTestId('status-contained').count(), 0);
  assert.equal(await page.getByTestId('status-open').count(), 1);

  // The initial declaration: the draft, then its transmission.
  await page.getByTestId('stage-link-initial').click();
  await page.waitForURL((u) => u.pathname.endsWith('/declaration/initial'));
  assert.equal(await page.getByTestId('stage-state').getAttribute('data-state'), 'not_started');
  assert.equal((await page.getByTestId('stage-state').textContent()).trim(), 'Non commencée');
  // Pre-filled from the register: the day of the detection, the qualification.
  assert.equal(await page.getByTestId('stage-observed_at').inputValue(), yesterday('08:15').slice(0, 10));
  assert.match(await page.getByTestId('stage-causes').inputValue(), /Type de menace : rançongiciel/);
  assert.match(await page.getByTestId('stage-handling_status').inputValue(), /^Incident confiné ; confinement le /);
  const fields = {
    declarant_name: 'Claire Martin', declarant_role: 'RSSI', declarant_contact: 'rssi@cholet.example',
    perimeter: 'Serveur de fichiers', systems: 'Partages de fichiers', data_concerned: 'Documents administratifs',
    handling_status: 'Serveur isolé, restauration en cours',
  };
  for (const [k, v] of Object.entries(fields)) await page.getByTestId(`stage-${k}`).fill(v);
  await page.getByTestId('stage-observed_at').fill(yesterday('08:15').slice(0, 10));
  await page.getByTestId('stage-save').click();
  await page.waitForURL((u) => u.pathname.endsWith('/declaration/initial'));
  assert.equal(await page.getByTestId('stage-declarant_name').inputValue(), 'Claire Martin');
  assert.match(await notice(), /^Brouillon de la déclaration initiale enregistré/);
  await checkAccessibility(page);
  // Without the portal's reference: refused under the field, named by its label.
  await page.getByTestId('stage-submitted-at').fill(yesterday('10:00'));
  await page.getByTestId('stage-submit').click();
  await page.getByTestId('stage-error-portal_reference').waitFor();
  assert.match(await page.getByTestId('stage-error-portal_reference').innerText(), /^Référence du portail de signalement/);
  await page.getByTestId('stage-submitted-at').fill(yesterday('10:00'));
  await page.getByTestId('stage-reference').fill('CS-ESSAI-2026-0001');
  await page.getByTestId('stage-submit').click();
  await page.waitForURL((u) => u.pathname === incident);
  assert.match(await page.locator('[data-testid="declaration-row"][data-stage="initial"]').innerText(), /Transmise/);
  assert.match(await notice(), /^Déclaration initiale marquée transmise au CERT Santé/);
  // Transmitted: read-only, and the page says so.
  await page.getByTestId('stage-link-initial').click();
  await page.getByTestId('stage-frozen').waitFor();
  assert.match(await page.getByTestId('stage-frozen').innerText(), /ne peut plus être modifiée/);
  // Its PDF and its JSON linked from the stage page (issue 19 trial).
  assert.equal(await page.getByTestId('stage-pdf').getAttribute('href'), `${incident}/declaration/initial/pdf`);
  assert.equal(await page.getByTestId('stage-json').getAttribute('href'), `${incident}/declaration/initial/json`);
  // The JSON to paste or attach follows the official form: its sections and labels.
  const formJson = await (await page.request.get(`${app.base}${incident}/declaration/initial/json`)).json();
  assert.equal(formJson['Structure et déclarant']['Nom du déclarant'], 'Claire Martin');
  assert.equal(formJson['Référence du portail'], 'CS-ESSAI-2026-0001');
  assert.equal(await page.getByTestId('stage-form').count(), 0);
  await screenshot(page, 'incident-stage-frozen');

  // The complementary declaration: what changed since the initial one.
  await page.goto(`${app.base}${incident}`);
  await page.getByTestId('stage-link-complementary').click();
  await page.waitForURL((u) => u.pathname.endsWith('/declaration/complementary'));
  await page.getByTestId('stage-no-change').waitFor();
  await page.getByTestId('stage-handling_status').fill('Serveur restauré depuis les sauvegardes');
  await page.getByTestId('stage-systems').fill('');
  await page.getByTestId('stage-impact_people').fill('Aucun patient mis en danger');
  await page.getByTestId('stage-save').click();
  await page.waitForURL((u) => u.pathname.endsWith('/declaration/complementary'));
  const changes = page.getByTestId('stage-difference');
  assert.equal(await changes.count(), 3);
  const change = (field) => page.locator(`[data-testid="stage-difference"][data-field="${field}"]`);
  assert.equal(await change('handling_status').getAttribute('data-change'), 'changed');
  assert.match(await change('handling_status').innerText(), /État de la prise en charge\s+rubrique modifiée\s+Serveur isolé, restauration en cours\s+Serveur restauré depuis les sauvegardes/);
  assert.equal(await change('systems').getAttribute('data-change'), 'removed');
  assert.match(await change('systems').innerText(), /Systèmes concernés\s+rubrique vidée\s+Partages de fichiers/);
  assert.equal(await change('impact_people').getAttribute('data-change'), 'added');
  assert.match(await page.getByTestId('stage-differences-heading').innerText(), /Changements depuis la déclaration initiale/);
  await checkAccessibility(page);
  await screenshot(page, 'incident-stage-differences');
  const stageJson = await (await page.request.get(`${app.base}/api/v1/establishments/${finess}/incidents/${incident.split('/').pop()}/declarations/complementary`)).json();
  assert.deepEqual(stageJson.differences.changes.map((c) => c.change), ['removed', 'changed', 'added']);

  // An attachment, linked to the containment: listed, downloadable.
  await page.goto(`${app.base}${incident}`);
  await page.locator('[aria-controls="acc-attach"]').click();
  await page.getByTestId('attachment-file').setInputFiles({
    name: 'rapport-prestataire.txt', mimeType: 'text/plain',
    buffer: Buffer.from('Rapport du prestataire : chiffrement du serveur de fichiers, point d\'entrée identifié.\n'),
  });
  await page.getByTestId('attachment-description').fill('Rapport d\'analyse du prestataire');
  await page.getByTestId('attachment-event').selectOption({ label: (await page.getByTestId('attachment-event').locator('option', { hasText: 'Confinement' }).innerText()).trim() });
  await page.getByTestId('attachment-submit').click();
  await page.waitForURL((u) => u.pathname === incident);
  const attachment = page.getByTestId('incident-attachment').first();
  assert.equal(await attachment.getAttribute('data-state'), 'current');
  assert.equal(await notice(), 'Pièce jointe ajoutée au dossier de l\'incident.');
  const listed = await attachment.innerText();
  assert.match(listed, /rapport-prestataire\.txt/);
  assert.match(listed, /Rapport d'analyse du prestataire/);
  assert.match(listed, /Confinement du \d{2}\/\d{2}\/\d{4} à \d{2} h \d{2}/);
  assert.match(listed, /\d{2}\/\d{2}\/\d{4} à \d{2} h \d{2}/);
  const download = await page.request.get(`${app.base}${await attachment.getByTestId('attachment-link').getAttribute('href')}`);
  assert.equal(download.status(), 200);
  assert.match(download.headers()['content-disposition'], /rapport-prestataire\.txt/);
  assert.match(await download.text(), /point d'entrée identifié/);
  await checkAccessibility(page);

  // The security officer (second factor) withdraws it with a reason: kept, shown withdrawn.
  const officer = await newPage(browser);
  await loginWithSecondFactor(officer, app.base, DEMO.officer);
  await officer.goto(`${app.base}${incident}`);
  await officer.getByTestId('incident-attachment').first().getByTestId('attachment-withdraw').click();
  await officer.waitForURL(/\/pieces-jointes\/\d+\/retirer$/);
  await officer.getByTestId('withdraw-form').waitFor();
  await checkAccessibility(officer);
  await officer.locator('#motif').fill('Rapport provisoire, remplacé par le rapport définitif');
  await officer.getByRole('button', { name: 'Confirmer le retrait' }).click();
  await officer.waitForURL((u) => u.pathname === incident);
  const withdrawn = officer.getByTestId('incident-attachment').first();
  assert.equal(await withdrawn.getAttribute('data-state'), 'withdrawn');
  assert.match(await officer.locator('.fr-alert--success[role="status"]').innerText(), /^Pièce jointe retirée ; elle reste conservée/);
  assert.match(await withdrawn.innerText(), /Retirée[\s\S]*Rapport provisoire, remplacé par le rapport définitif/i);
  assert.equal((await officer.request.get(`${app.base}${await withdrawn.getByTestId('attachment-link').getAttribute('href')}`)).status(), 200, 'kept');
  await screenshot(officer, 'incident-attachment-withdrawn');
  assertNoCspErrors(officer);

  // An incident typed by mistake: withdrawn with its reason, kept « Retiré », no clock.
  await officer.goto(`${app.base}/etablissements/${finess}/incidents`);
  await officer.getByTestId('incident-title').fill('Essai de saisie à retirer');
  await officer.getByTestId('incident-detected').fill(yesterday('06:00'));
  await officer.getByTestId('incident-submit').click();
  await officer.waitForURL(/\/incidents\/\d+\?enregistre=incident$/);
  const mistaken = new URL(officer.url()).pathname;
  await officer.getByTestId('incident-withdraw').click();
  await officer.waitForURL((u) => u.pathname === `${mistaken}/retirer`);
  await officer.getByTestId('withdraw-form').waitFor();
  await officer.locator('#motif').fill('Incident saisi en double');
  await officer.getByRole('button', { name: 'Confirmer le retrait' }).click();
  await officer.waitForURL((u) => u.pathname === mistaken);
  assert.equal(await officer.getByTestId('incident-status').getAttribute('data-status'), 'withdrawn');
  assert.equal((await officer.getByTestId('incident-status').textContent()).trim(), 'Retiré');
  assert.match(await officer.getByTestId('incident-withdrawn').innerText(), /Incident retiré le \d{2}\/\d{2}\/\d{4} à \d{2} h \d{2} par .+ ; motif du retrait : Incident saisi en double/);
  assert.equal(await officer.getByTestId('incident-clock').count(), 0);
  assert.equal(await officer.getByTestId('event-form').count(), 0);
  await checkAccessibility(officer);
  await screenshot(officer, 'incident-withdrawn');

  // After the incident: a lesson becomes a PAQ action of origin « incident ».
  await page.goto(`${app.base}${incident}`);
  await page.getByTestId('lessons-submit').click();
  await page.getByTestId('lessons-error').waitFor();
  assert.match(await page.getByTestId('lessons-error').innerText(), /^Leçons de l'incident/);
  await page.getByTestId('lessons-text').fill('Segmenter le réseau des serveurs de fichiers');
  await page.getByTestId('lessons-submit').click();
  await page.waitForURL(/\/paq\/\d+/);
  const action = new URL(page.url()).pathname;
  assert.equal(await notice(), 'Action créée.');
  const api = await (await page.request.get(`${app.base}/api/v1/establishments/${finess}/paq/actions/${action.split('/').pop()}`)).json();
  assert.equal(api.source, 'incident');
  // The origin links to the incident, never by its internal number (« Incident (85) »).
  assert.doesNotMatch(await page.getByTestId('paq-source').innerText(), /\(\d+\)/);
  assert.equal(await page.getByTestId('paq-source-link').getAttribute('href'), incident);
  await page.goto(`${app.base}${incident}`);
  assert.equal(await page.getByTestId('incident-paq-action').locator(`a[href="${action}"]`).count(), 1);
  assert.equal(await page.getByTestId('lessons-form').count(), 1, 'more lessons may follow');
  await screenshot(page, 'incident-detail');

  // The establishment's history: the incident's detection and its declaration, newest first.
  await page.goto(`${app.base}/etablissements/${finess}`);
  const history = page.getByTestId('establishment-history');
  assert.match(await history.locator('h2').innerText(), /^Historique$/);
  const ours = history.locator('[data-testid="history-entry"]', { hasText: 'Rançongiciel sur le serveur de fichiers' });
  const kinds = await ours.evaluateAll((rows) => rows.map((r) => r.dataset.kind));
  assert.deepEqual(kinds.filter((k) => k !== 'paq_action'), ['declaration', 'detection']);
  assert.ok(kinds.includes('paq_action'));
  assert.match(await ours.filter({ has: page.locator('td', { hasText: 'CS-ESSAI-2026-0001' }) }).innerText(), /déclaration initiale/);
  await checkAccessibility(page);
  assertNoCspErrors(page);

  // A national administrator registers an establishment of Île-de-France and an incident in it.
  const admin = await newPage(browser);
  await loginWithSecondFactor(admin, app.base, DEMO.admin);
  await admin.goto(`${app.base}/etablissements/nouveau`);
  const csrf = await admin.locator('input[name="csrf"]').first().inputValue();
  const created = await admin.request.post(`${app.base}/etablissements`, {
    form: { csrf, finess_et: '750712184', finess_ej: '750712184', name: 'Hôpital Essai Paris', type: 'ch',
      department: '75', city: 'Paris', services: 'urgences' },
    maxRedirects: 0,
  });
  assert.equal(created.status(), 303, await created.text());
  const logged = await admin.request.post(`${app.base}/etablissements/750712184/incidents`, {
    form: { csrf, title: 'Incident francilien', detected_local: yesterday('07:00'), note: '' },
    maxRedirects: 0,
  });
  assert.equal(logged.status(), 303, await logged.text());
  assert.match(logged.headers().location, /^\/etablissements\/750712184\/incidents\/\d+\?enregistre=incident$/);
  const paris = logged.headers().location.split('?')[0];

  // The regional manager: its region's statistics, aggregates only; nothing of another region.
  const ars = await newPage(browser);
  await loginWithSecondFactor(ars, app.base, DEMO.regional);
  await ars.goto(`${app.base}/incidents/statistiques`);
  assert.match(await ars.getByTestId('statistics-territory').innerText(), /pour la région Pays de la Loire : \d{1,3}(\s\d{3})* incidents?, par année/);
  const thisYear = ars.locator(`[data-testid="statistics-year"][data-year="${new Date(Date.now() - 86400000).getUTCFullYear()}"]`);
  assert.ok(Number((await thisYear.getByTestId('statistics-incidents').innerText()).replace(/\s/g, '')) >= 1);
  assert.match(await ars.locator('[data-testid="statistics-year"][data-year="2024"]').innerText(), /749/);
  assert.equal(await ars.locator('[data-testid="statistics-chart-incidents-per-year"] svg rect').count() > 0, true);
  assert.equal(await ars.getByText('Rançongiciel sur le serveur de fichiers').count(), 0, 'aggregates only');
  assert.equal(await ars.getByText('Incident francilien').count(), 0);
  // Every chart's labels read whole: no two overlap in the browser (issue 19 trial: the threat
  // types' did).
  for (const chart of ['incidents-per-year', 'threats']) {
    const boxes = [];
    for (const l of await ars.locator(`[data-testid="statistics-chart-${chart}"] [data-testid="chart-label"]`).all())
      boxes.push(await l.boundingBox());
    assert.ok(boxes.length > 0, chart);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        assert.ok(apart, `${chart}: labels ${i} and ${j} overlap ${JSON.stringify([a, b])}`);
      }
  }
  await checkAccessibility(ars);
  await screenshot(ars, 'incident-statistics-region');
  const xlsx = await ars.request.get(`${app.base}/incidents/statistiques.xlsx`);
  assert.equal(xlsx.status(), 200);
  assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');
  assert.equal((await ars.request.get(`${app.base}/incidents/statistiques?region=11`)).status(), 403, 'another region: outside its territory');
  assert.equal((await ars.request.get(`${app.base}${paris}`)).status(), 404);
  assert.equal((await ars.request.get(`${app.base}${incident}`)).status(), 200, 'its own region\'s incident');
  assertNoCspErrors(ars);
  console.log('incidents: ok');
} finally {
  if (browser) await browser.close();
  app.stop();
}
