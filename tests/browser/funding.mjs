// Browser test of the funding pages (issue 18), on the demo: the editor of the demo GHT's
// establishment files a HospiConnect candidature from /financements (or finds its GHT's, which
// the demo filed), the ARS refuses without a reason (refused, the message under « Motif »)
// then validates, the security officer declares an objective reached with its justification
// and a file (a refused type first: the message under the field, what was typed kept),
// the ARS verifies, national staff decide and record the payment, then grant the exception a
// late domain-1 candidature needs; each page in French.
import assert from 'node:assert/strict';
import {
  DEMO, startCarepilot, launchBrowser, newPage, login, loginWithSecondFactor,
  checkAccessibility, assertNoCspErrors, screenshot,
} from './lib.mjs';

const srv = await startCarepilot();
const { base } = srv;
let browser;
const noCodes = async (page) => {
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /\b(filed|operational|declared|verified|decided|paid|more_requested)\b/);
  assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/);
};
try {
  browser = await launchBrowser();
  const page = await newPage(browser);

  // The editor: the list, then the candidature form of its establishment.
  await login(page, base, DEMO.editor);
  await page.goto(`${base}/financements`);
  await page.getByRole('link', { name: 'Financements' }).first().waitFor();
  await noCodes(page);
  await page.getByTestId('funding-apply').click();
  await page.waitForURL(/\/financements\/candidater/);
  let url;
  if (await page.getByTestId('funding-existing').count()) {
    // The demo filed the GHT's HospiConnect candidature already: said up front with its link,
    // and no form to fill in vain (issue 18 trial: refused only once the form was sent).
    assert.equal(await page.getByTestId('funding-apply-form').count(), 0);
    assert.match(await page.getByTestId('funding-existing').first().innerText(),
      /HospiConnect[\s\S]*Une seule candidature par candidat et par appel/);
    assert.match(await page.getByTestId('funding-apply-candidate').innerText(), /^Candidat : GHT Démo /);
    await checkAccessibility(page);
    await page.getByTestId('funding-existing-link').first().click();
  } else {
    await page.getByTestId('funding-call').selectOption('hospiconnect');
    // Sent empty: every refusal at once, in the summary (each a link to its field) and under
    // each field (issue 18 trial: one at a time).
    await page.getByTestId('funding-apply-submit').click();
    await page.getByTestId('funding-errors').waitFor();
    const summary = page.getByTestId('funding-errors');
    for (const name of [/^Contacts : nommez au moins un contact/, /^Prérequis HC\.P1 /, /^Montant demandé : /])
      assert.equal(await summary.getByRole('link', { name }).count(), 1, String(name));
    assert.ok(await page.locator('.fr-input-group--error').count() >= 3);
    assert.equal(await page.getByTestId('funding-prereq-error-HC_P1').count(), 1);
    await page.getByTestId('funding-contacts').fill('Marie Dupont, RSSI, rssi@exemple.fr');
    await page.getByTestId('funding-prereq-HC_P1').fill('Référent désigné par la direction');
    await page.getByTestId('funding-amount').fill('80 000 €');
    await checkAccessibility(page);
    await page.getByTestId('funding-apply-submit').click();
    if (await page.getByTestId('funding-errors').count()) {
      // The demo filed the GHT's HospiConnect candidature already: open it from the list.
      assert.match(await page.getByTestId('funding-errors').innerText(), /déjà/);
      await page.goto(`${base}/financements`);
      const row = page.getByTestId('funding-candidatures').locator('tr', { hasText: 'HospiConnect' }).first();
      await row.getByRole('link').first().click();
    }
  }
  await page.waitForURL(/\/financements\/candidatures\/\d+/);
  url = new URL(page.url()).pathname;
  assert.match(await page.getByTestId('funding-state').innerText(), /Déposée/i);
  // The GHT by its name, not by a count.
  assert.match(await page.getByTestId('funding-candidate').innerText(), /^GHT Démo /);
  await noCodes(page);
  await screenshot(page, 'funding-filed');
  await page.context().clearCookies();

  // The ARS: a refusal without reason is refused under « Motif », then the validation.
  const ars = await loginWithSecondFactor(page, base, DEMO.regional);
  await page.goto(`${base}/financements`);
  assert.match(await page.getByTestId('funding-waiting').innerText(), /HospiConnect.* — GHT Démo /);
  await page.goto(`${base}${url}`);
  await page.locator('label[for="decision-refuse"]').click();
  await page.getByTestId('funding-ars-submit').click();
  await page.getByTestId('funding-ars-reason-error').waitFor();
  assert.match(await page.getByTestId('funding-ars-reason-error').innerText(), /^Motif : dites pourquoi/);
  assert.match(await page.getByTestId('funding-state').innerText(), /Déposée/i);
  await page.locator('label[for="decision-validate"]').click();
  await page.getByTestId('funding-ars-submit').click();
  await page.waitForURL(/fait=ars/);
  assert.match(await page.getByTestId('funding-state').innerText(), /En phase opérationnelle/i);
  await page.context().clearCookies();

  // The candidate's security officer (second factor) declares HC.O1.A reached.
  await loginWithSecondFactor(page, base, DEMO.officer);
  await page.goto(`${base}${url}`);
  await page.locator('label[for="reached_HC_O1_A"]').click();
  await page.getByTestId('funding-justification-HC_O1_A').fill('Note de cadrage et questionnaire remis');
  // A file of a refused type: refused under its field, what was typed kept; then a text file.
  await page.getByTestId('funding-file-HC_O1_A').setInputFiles({
    name: 'outil.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00'),
  });
  await page.getByTestId('funding-declare-submit').click();
  await page.getByTestId('funding-file-error-HC_O1_A').waitFor();
  assert.match(await page.getByTestId('funding-file-error-HC_O1_A').innerText(),
    /^Fichier joint à l'objectif HC\.O1\.A : type de fichier refusé pour « outil\.exe »/);
  assert.equal(await page.getByTestId('funding-justification-HC_O1_A').inputValue(),
    'Note de cadrage et questionnaire remis');
  assert.ok(await page.locator('#reached_HC_O1_A').isChecked());
  // HospiConnect's objectives are declarative: carepilot proposes no record for them.
  assert.equal(await page.getByTestId('funding-evidence-HC_O1_A').count(), 0);
  await page.getByTestId('funding-file-HC_O1_A').setInputFiles({
    name: 'note-de-cadrage.txt', mimeType: 'text/plain', buffer: Buffer.from('Note de cadrage HospiConnect\n'),
  });
  await page.getByTestId('funding-declare-submit').click();
  await page.waitForURL(/fait=declaration/);
  assert.match(await page.getByTestId('funding-state').innerText(), /Objectifs déclarés/i);
  assert.ok(await page.getByTestId('funding-pdf').count() > 0);
  // The file told apart: its kind, its day and hour in Paris, the candidate, its name and size.
  assert.match(await page.getByTestId('funding-declared-HC_O1_A').innerText(),
    /^Fichier joint du \d{2}\/\d{2}\/\d{4} à \d{2} h \d{2} — GHT Démo .+ — « note-de-cadrage\.txt », 29\soctets$/m);
  await noCodes(page);
  await page.context().clearCookies();

  // The ARS verifies, the joined file beside the objective: it opens with the same bytes.
  await loginWithSecondFactor(page, base, DEMO.regional, ars);
  await page.goto(`${base}${url}`);
  const joined = page.getByTestId('funding-verify-evidence-HC_O1_A')
    .getByRole('link', { name: /« note-de-cadrage\.txt », 29\soctets$/ });
  const file = await page.request.get(`${base}${await joined.getAttribute('href')}`);
  assert.equal(file.status(), 200);
  assert.equal(await file.text(), 'Note de cadrage HospiConnect\n');
  assert.match(file.headers()['content-disposition'], /^attachment; filename="note-de-cadrage\.txt"/);
  // Side by side (DSFR grid): the declared proof — justification, file, when and by whom — on
  // the left, the verdict and its comment on the right, on one line.
  const proof = page.getByTestId('funding-verify-proof-HC_O1_A');
  const decision = page.getByTestId('funding-verify-decision-HC_O1_A');
  const [p, d] = [await proof.boundingBox(), await decision.boundingBox()];
  assert.ok(p.x + p.width <= d.x + 1, `the proof left of the verdict: ${JSON.stringify([p, d])}`);
  assert.ok(Math.abs(p.y - d.y) < 5, `the proof beside the verdict: ${JSON.stringify([p, d])}`);
  assert.match(await proof.innerText(), /Note de cadrage et questionnaire remis/);
  assert.match(await proof.innerText(), /Déclaré atteint le \d{2}\/\d{2}\/\d{4} à \d{2} h \d{2} par Nicolas Petit, RSSI/);
  assert.match(await decision.innerText(), /Avis/);
  await screenshot(page, 'funding-verification');
  await page.getByTestId('funding-outcome-HC_O1_A').selectOption('accepted');
  await page.getByTestId('funding-verify-submit').click();
  await page.waitForURL(/fait=verification/);
  assert.match(await page.getByTestId('funding-state').innerText(), /En instruction nationale/i);
  await page.context().clearCookies();

  // National staff: the decision, then the payment.
  await loginWithSecondFactor(page, base, DEMO.admin);
  await page.goto(`${base}${url}`);
  await page.getByTestId('funding-amount-granted').fill('60 000 €');
  await page.getByTestId('funding-decide-submit').click();
  await page.waitForURL(/fait=decision/);
  assert.match(await page.getByTestId('funding-state').innerText(), /Décidée/i);
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
  await page.getByTestId('funding-paid-on').fill(today);
  await page.getByTestId('funding-pay-submit').click();
  await page.waitForURL(/fait=paiement/);
  assert.match(await page.getByTestId('funding-state').innerText(), /Payée/i);
  assert.match(await page.getByTestId('funding-history').innerText(), /paiement par Claire Durand \(administration nationale\)/);
  assert.doesNotMatch(await page.getByTestId('funding-history').innerText(), /@demo\.carepilot\.fr/);
  await noCodes(page);
  await checkAccessibility(page);
  await screenshot(page, 'funding-paid');
  // The national table and its export.
  await page.goto(`${base}/financements`);
  assert.ok(await page.getByTestId('funding-totals').count() >= 3);
  await noCodes(page);
  const xlsx = await page.request.get(`${base}/financements/export.xlsx`);
  assert.equal(xlsx.status(), 200);
  assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');
  // The late path (issue 18 trial: no demo candidature was past a deadline): the demo's
  // domain-1 candidature validated and never declared, its window closed on 30 June 2025;
  // national staff grant the exception that lets it declare.
  const late = page.locator('tr', { hasText: 'Domaine 1' }).filter({ hasText: 'En phase opérationnelle' });
  assert.ok(await late.count() >= 1, 'a late domain-1 candidature in the demo');
  await late.first().getByRole('link').first().click();
  await page.getByTestId('funding-exception-form').waitFor();
  const until = new Date(Date.now() + 30 * 86400000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
  await page.getByTestId('funding-exception-until').fill(until);
  await page.getByTestId('funding-exception-reason').fill('Cyberattaque pendant la fenêtre de déclaration');
  await page.getByTestId('funding-exception-submit').click();
  await page.waitForURL(/fait=/);
  assert.match(await page.getByTestId('funding-exception').innerText(),
    /Jusqu'au \d{2}\/\d{2}\/\d{4} : Cyberattaque pendant la fenêtre de déclaration/);
  await noCodes(page);
  await checkAccessibility(page);
  assertNoCspErrors(page);
} finally {
  await browser?.close();
  srv.stop();
}
