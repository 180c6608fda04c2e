// Browser test of accounts: a wrong password, then the demo security officer's first
// sign-in (second factor enrolled from the QR page's key, recovery codes shown), sign-out,
// and a second sign-in with a TOTP code. The officer then sees only their establishment.
import assert from 'node:assert/strict';
import {
  DEMO, DEMO_PASSWORD, startCarepilot, launchBrowser, newPage, loginWithSecondFactor,
  checkAccessibility, assertNoCspErrors, screenshot, totp,
} from './lib.mjs';

const srv = await startCarepilot();
const { base } = srv;
let browser;
try {
  browser = await launchBrowser();
  const page = await newPage(browser);

  // A protected page sends to the login page, which keeps where the user was going.
  await page.goto(`${base}/tableau-de-bord`);
  assert.match(page.url(), /\/connexion\?suite=%2Ftableau-de-bord$/);
  await checkAccessibility(page);
  await page.getByTestId('login-email').fill(DEMO.officer);
  await page.getByTestId('login-password').fill('pas le bon mot de passe');
  await page.getByTestId('login-submit').click();
  assert.match(await page.getByTestId('login-error').innerText(),
    /Adresse électronique ou mot de passe incorrect/);
  await screenshot(page, 'login-error');

  // First sign-in: the role requires a second factor, enrolled now (issue 12, point 9).
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/connexion\/enrolement\?suite=%2Ftableau-de-bord$/);
  const secret = (await page.getByTestId('totp-secret').innerText()).trim();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  // A wrong code keeps the key the user has just scanned.
  const wrong = totp(secret) === '000000' ? '111111' : '000000';
  await page.getByTestId('totp-code').fill(wrong);
  await page.getByTestId('totp-submit').click();
  await page.getByTestId('code-error').waitFor();
  assert.match(await page.getByTestId('code-error').innerText(), /la clé reste la même/);
  assert.equal((await page.getByTestId('totp-secret').innerText()).trim(), secret);
  await page.getByTestId('totp-code').fill(totp(secret));
  await page.getByTestId('totp-submit').click();
  await page.getByTestId('recovery-codes').waitFor();
  // The recovery codes can be downloaded as a text file and printed.
  const codes = (await page.getByTestId('recovery-codes').innerText()).trim().split(/\s+/);
  assert.ok(codes.length >= 8, `recovery codes: ${codes.length}`);
  const download = page.getByTestId('recovery-download');
  assert.equal(await download.getAttribute('download'), 'codes-de-secours-carepilot.txt');
  const href = await download.getAttribute('href');
  assert.match(href, /^data:text\/plain;charset=utf-8;base64,/);
  const text = Buffer.from(decodeURIComponent(href.split(',')[1]), 'base64').toString('utf8');
  for (const c of codes) assert.ok(text.includes(c), `${c} in the downloaded file`);
  await page.getByTestId('recovery-print').waitFor();
  await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
  await page.getByTestId('recovery-print').click();
  assert.equal(await page.evaluate(() => window.printed), 1, 'the print button prints');
  await checkAccessibility(page);
  await screenshot(page, 'recovery-codes');
  // The page the user was going to is kept through the enrolment.
  await page.getByTestId('recovery-continue').click();
  await page.waitForURL((u) => u.pathname === '/tableau-de-bord');
  assert.equal(await page.getByTestId('account-link').innerText(), DEMO.officer);
  await page.goto(`${base}/etablissements`);
  assert.equal(await page.getByTestId('establishment-row').count(), 1);
  assert.match(await page.getByTestId('establishment-row').innerText(), /Cholet-Mauges/);

  // Sign out: the session is gone.
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/connexion/);
  await page.goto(`${base}/etablissements`);
  assert.match(page.url(), /\/connexion\?suite=/);

  // Second sign-in with a TOTP code.
  await loginWithSecondFactor(page, base, DEMO.officer, secret);
  await page.goto(`${base}/compte`);
  assert.equal(await page.getByTestId('account-email').innerText(), DEMO.officer);
  await screenshot(page, 'account');
  await checkAccessibility(page);
  assertNoCspErrors(page);
  console.log('browser test passed: login, TOTP enrolment, logout, TOTP sign-in');
} finally {
  if (browser) await browser.close();
  srv.stop();
}
