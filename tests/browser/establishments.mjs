// Browser test: Debian's chromium driven by playwright-core. Starts carepilot on a free
// loopback port with demo data, opens the establishments list, searches, opens an
// establishment, checks accessibility with axe-core and saves screenshots.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const bin = process.env.CAREPILOT_BIN;
const outDir = process.env.CAREPILOT_SCREENSHOTS || 'tests/browser/output';
mkdirSync(outDir, { recursive: true });

const freePort = () => new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});

const port = await freePort();
const dir = mkdtempSync(join(tmpdir(), 'carepilot-browser-'));
const server = spawn(bin, ['serve', '--demo', '--listen', `127.0.0.1:${port}`,
  '--database', `sqlite:${dir}/carepilot.db`], { stdio: ['ignore', 'ignore', 'inherit'] });
const base = `http://127.0.0.1:${port}`;
let browser;
try {
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/readyz`)).ok) break; } catch {}
    if (i > 100) throw new Error('carepilot did not become ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const cspErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') cspErrors.push(m.text()); });

  await page.goto(`${base}/etablissements`);
  assert.equal(await page.locator('h1').first().innerText(), 'Établissements');
  const all = await page.getByTestId('establishment-row').count();
  assert.ok(all >= 20, `expected a full first page, got ${all}`);
  await page.screenshot({ path: join(outDir, 'establishments-list.png'), fullPage: true });

  // Accessibility of the list page (axe-core, WCAG A/AA rules).
  // Injected through the DevTools protocol: our CSP (rightly) blocks inline scripts.
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }));
  const serious = results.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  for (const v of results.violations) console.log(`axe: ${v.impact} ${v.id} (${v.nodes.length})`);
  assert.equal(serious.length, 0, `accessibility violations: ${serious.map((v) => v.id).join(', ')}`);

  await page.getByTestId('search').fill('cholet');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.waitForURL(/q=cholet/);
  assert.equal(await page.getByTestId('establishment-row').count(), 1);
  await page.screenshot({ path: join(outDir, 'establishments-search.png'), fullPage: true });

  await page.getByTestId('establishment-row').first().getByRole('link').click();
  await page.waitForURL(/\/etablissements\/\d{9}$/);
  const name = await page.getByTestId('establishment-name').innerText();
  assert.match(name, /Cholet-Mauges/);
  assert.match(await page.getByTestId('finess-et').innerText(), /^\d{9}$/);
  await page.screenshot({ path: join(outDir, 'establishment.png'), fullPage: true });
  const blocked = cspErrors.filter((e) => /Content Security Policy/.test(e));
  assert.equal(blocked.length, 0, `CSP blocked: ${blocked.join(' | ')}`);
  console.log('browser test passed: list, search, establishment page, axe');
} finally {
  if (browser) await browser.close();
  server.kill('SIGTERM');
}
