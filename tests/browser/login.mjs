// Browser test of accounts: a wrong password, then the demo security officer's first
// sign-in (second factor enrolled from the QR page's key, recovery codes shown), sign-out,
// and a second sign-in with a TOTP code. The officer then sees only their establishment.
import assert from 'node:assert/strict';
import {
  DEMO, startCarepilot, launchBrowser, newPage, loginWithSecondFactor, checkAccessibility,
  assertNoCspErrors, screenshot,
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

  // First sign-in: the role requires a second factor, enrolled now.
  const secret = await loginWithSecondFactor(page, base, DEMO.officer);
  assert.match(secret, /^[A-Z2-7]{32}$/);
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
