// Browser test of the maturity self-assessment: log in as the demo editor, open the current
// year's questionnaire of the Cholet-Mauges demo establishment, answer a few questions (the
// progress and the score change), declare, then open the comparison with the previous year.
import assert from 'node:assert/strict';
import {
  DEMO, startCarepilot, launchBrowser, newPage, loginWithSecondFactor, checkAccessibility,
  assertNoCspErrors, screenshot, tick,
} from './lib.mjs';

const srv = await startCarepilot();
let browser;
try {
  browser = await launchBrowser();
  const page = await newPage(browser);
  // Declaring needs the second factor (issue 12): the security officer, who has it.
  await loginWithSecondFactor(page, srv.base, DEMO.officer);
  await page.goto(`${srv.base}/etablissements?q=Cholet`);
  const href = await page.locator('a[href^="/etablissements/"]', { hasText: 'Cholet' }).first()
    .getAttribute('href');
  const finess = href.split('/')[2];
  assert.match(finess, /^[0-9AB]{9}$/);
  const year = new Date().getFullYear();

  await page.goto(`${srv.base}/etablissements/${finess}/maturite`);
  await checkAccessibility(page);
  await page.getByTestId(`open-${year}`).click();
  await page.getByTestId('tab-D2').click();
  const progressBefore = await page.getByTestId('progress').innerText();
  const scoreBefore = await page.getByTestId('section-score-D2').innerText();
  await tick(page.locator('#lv-D2-P1-3'));
  await tick(page.locator('#lv-D2-P2-3'));
  await tick(page.locator('#lv-D2-O1-A-3'));
  await page.locator('#cm-D2-P1').fill('PSSI validée par la direction');
  await page.getByTestId('save-answers').click();
  await page.waitForURL(/ok=reponses/);
  const progressAfter = await page.getByTestId('progress').innerText();
  const scoreAfter = await page.getByTestId('section-score-D2').innerText();
  assert.notEqual(scoreAfter, scoreBefore, 'the D2 score changes');
  assert.ok(parseInt(progressAfter, 10) > parseInt(progressBefore, 10), `${progressBefore} -> ${progressAfter}`);
  await checkAccessibility(page);
  await screenshot(page, 'assessment-questionnaire');

  // Each question's title is drawn above its answers (issue 12, point 7): bounding boxes.
  for (const id of ['D2-P1', 'D2-P2']) {
    const box = page.locator(`[data-requirement="${id.replace('-', '.')}"]`);
    const title = await box.getByTestId('requirement-title').boundingBox();
    const first = await page.locator(`label[for="lv-${id}-0"]`).boundingBox();
    const comment = await page.locator(`#cm-${id}`).boundingBox();
    assert.ok(title.y + title.height <= first.y, `${id}: title above its answers`);
    assert.ok(first.y < comment.y, `${id}: answers above the comment`);
  }
  // The next requirement's title is below this one's answers.
  const lastAnswer = await page.locator('label[for="lv-D2-P1-na"]').boundingBox();
  const nextTitle = await page.locator('[data-requirement="D2.P2"]').getByTestId('requirement-title').boundingBox();
  assert.ok(lastAnswer.y + lastAnswer.height <= nextTitle.y, 'D2-P1 answers above the D2-P2 title');

  // An answer not yet saved survives a change of section: the tab saves it first.
  await tick(page.locator('#lv-D2-O1-B-2'));
  await page.getByTestId('tab-D1').click();
  await page.waitForURL(/section=D1/);
  await page.getByTestId('tab-D2').click();
  await page.waitForURL(/section=D2/);
  assert.ok(await page.locator('#lv-D2-O1-B-2').isChecked(), 'the D2.O1.B answer was kept');

  // Declaring shows the score and what is unanswered, and asks for a confirmation.
  const summary = await page.getByTestId('declare-summary').innerText();
  assert.match(summary, /Score qui sera déclaré : \d+ \/ 100/);
  assert.ok(await page.getByTestId('unanswered').locator('li').count() >= 1, 'unanswered listed');
  await page.getByTestId('declare').click();
  assert.ok(!/ok=declaree/.test(page.url()), 'not declared without the confirmation');
  await tick(page.getByTestId('declare-confirm'));
  await page.getByTestId('declare').click();
  await page.waitForURL(/ok=declaree/);
  assert.match(await page.getByTestId('digest').innerText(), /^[0-9a-f]{64}$/);

  await page.goto(`${srv.base}/etablissements/${finess}/maturite/comparer?annees=${year - 1},${year}`);
  const rows = await page.getByTestId('compare-table').locator('tbody tr').count();
  assert.ok(rows >= 5, `sections and the overall score, got ${rows}`);
  await page.getByTestId('compare-chart').waitFor();
  await checkAccessibility(page);
  await screenshot(page, 'assessment-compare');
  assertNoCspErrors(page);
  console.log('browser.assessment: ok');
} finally {
  if (browser) await browser.close();
  srv.stop();
}
