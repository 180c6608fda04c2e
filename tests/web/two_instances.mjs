// Two `carepilot serve` processes on one PostgreSQL database (issue 21, docs/deployment.md),
// each on its own loopback port with nothing in front: a session opened on one works on the
// other, a write on one is read on the other (at once for plain reads, within the page cache's
// 50 ms for cached pages), a SIGKILL of one while it takes writes loses no acknowledged write,
// and the one scheduled task (the audit checkpoints, written at start, every
// audit_checkpoint_minutes and at stop into a file both instances share here) writes each
// chain head once. The audit chain written by both verifies. Fails without CAREPILOT_TEST_PG (as every PostgreSQL test does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminSession, DEMO } from '../api/lib.mjs';

const PG = process.env.CAREPILOT_TEST_PG;
const BIN = process.env.CAREPILOT_BIN;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const freePort = () => new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});

const psql = (url, sql) => execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql],
  { stdio: ['ignore', 'ignore', 'pipe'] });

// Starts one instance with the shared configuration; resolves when /readyz answers.
async function start(config, demo = false) {
  const port = await freePort();
  const args = ['serve', '--config', config, '--listen', `127.0.0.1:${port}`];
  if (demo) args.push('--demo');
  const proc = spawn(BIN, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d.toString(); });
  const exited = new Promise((r) => proc.on('exit', r));
  const base = `http://127.0.0.1:${port}`;
  // Seeding the demo territory (password hashes included) on PostgreSQL takes about 50 s on
  // the sanitizer build, and more than 2 minutes on a machine loaded three times over: wait up
  // to 5 minutes.
  const deadline = Date.now() + 300_000;
  for (;;) {
    try { if ((await fetch(`${base}/readyz`)).ok) break; } catch {}
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`carepilot did not become ready:\n${log}`);
    await sleep(100);
  }
  return {
    base,
    log: () => log,
    stop: async (signal = 'SIGTERM') => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
    },
  };
}

// Every (seq, head) of the checkpoint file, in order.
const checkpoints = (file) => readFileSync(file, 'utf8').split('\n')
  .filter((l) => l.startsWith('checkpoint'))
  .map((l) => `${l.match(/seq=(\S+)/)?.[1]}:${l.match(/head=(\S*)/)?.[1]}`);

test('two instances share one PostgreSQL database', {
  timeout: 660_000,
}, async (t) => {
  assert.ok(PG, 'CAREPILOT_TEST_PG is not set (scripts/pg-test.sh start prints it)');
  const dbName = `cp_two_instances_${process.pid}`;
  psql(PG, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  psql(PG, `CREATE DATABASE ${dbName}`);
  const url = new URL(PG);
  url.pathname = `/${dbName}`;
  const dir = mkdtempSync(join(tmpdir(), 'carepilot-two-'));
  const config = join(dir, 'carepilot.toml');
  const checkpointFile = join(dir, 'audit-checkpoints.log');
  // What several instances must share: the database, the audit key (one chain, one key) and
  // here, since both run on this host, the checkpoint file.
  writeFileSync(config, [
    `database = "${url.toString()}"`,
    `audit_key_file = "${join(dir, 'audit.key')}"`,
    `audit_checkpoint_file = "${checkpointFile}"`,
    'db_pool = 4',
    'threads = 2',
  ].join('\n') + '\n');
  const running = [];
  try {
    const a = await start(config, true);  // seeds the demo territory into the empty database
    running.push(a);
    const b = await start(config, true);  // the database is not empty: no second seeding
    running.push(b);

    const admin = await adminSession(a.base);  // signed in (two factors) on A
    const bearer = { authorization: `Bearer ${admin.token}` };
    const list = await (await fetch(`${a.base}/api/v1/establishments?per_page=200`,
      { headers: bearer })).json();
    assert.ok(list.total > 0);
    const finess = list.items[0].finess_et;
    const actions = `/api/v1/establishments/${finess}/paq/actions`;
    const sessionHeaders = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };

    await t.test('the demo territory was seeded once', async () => {
      const onB = await (await fetch(`${b.base}/api/v1/establishments?per_page=200`,
        { headers: bearer })).json();
      assert.equal(onB.total, list.total);
      const finesses = onB.items.map((e) => e.finess_et);
      assert.equal(new Set(finesses).size, finesses.length);
    });

    await t.test('a session and a token opened on A work on B', async () => {
      for (const headers of [{ cookie: admin.cookie }, bearer]) {
        const res = await fetch(`${b.base}/api/v1/me`, { headers });
        assert.equal(res.status, 200);
        assert.equal((await res.json()).email, DEMO.admin);
      }
      // Anonymous on B is still refused: the session is what opens it.
      assert.equal((await fetch(`${b.base}/api/v1/me`)).status, 401);
      // A session write on B with A's CSRF token, read back on A at once.
      const res = await fetch(`${b.base}${actions}`, {
        method: 'POST',
        headers: { ...sessionHeaders, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Écrit sur B avec la session de A' }),
      });
      assert.equal(res.status, 201);
      const { id } = await res.json();
      const back = await fetch(`${a.base}${actions}/${id}`, { headers: bearer });
      assert.equal(back.status, 200);
      assert.equal((await back.json()).title, 'Écrit sur B avec la session de A');
    });

    await t.test('a write on A shows on B\'s cached pages within the documented 50 ms', async () => {
      const path = `/api/v1/establishments?per_page=200`;
      const nameOn = async (base) => (await (await fetch(`${base}${path}`, { headers: bearer }))
        .json()).items.find((e) => e.finess_et === finess).name;
      const before = await nameOn(b.base);  // B caches the list for this data generation
      const renamed = `${before.replace(/ \(renommé \d+\)$/, '')} (renommé ${Date.now() % 1000})`;
      const res = await fetch(`${a.base}/api/v1/establishments/${finess}`, {
        method: 'PATCH',
        headers: { ...bearer, 'content-type': 'application/json' },
        body: JSON.stringify({ name: renamed }),
      });
      assert.equal(res.status, 200, await res.text());
      assert.equal(await nameOn(a.base), renamed);  // the writer sees it at once
      await sleep(150);  // the generation read is trusted for 50 ms (docs/architecture.md)
      assert.equal(await nameOn(b.base), renamed);
    });

    await t.test('killing A while it takes writes loses no acknowledged write', async () => {
      const acked = [];
      let killed = false;
      const worker = async (w) => {
        for (let i = 0; i < 200 && !killed; i++) {
          const title = `Charge ${w}-${i}`;
          try {
            const res = await fetch(`${a.base}${actions}`, {
              method: 'POST',
              headers: { ...bearer, 'content-type': 'application/json' },
              body: JSON.stringify({ title }),
            });
            const body = await res.json();
            if (res.status === 201) acked.push({ id: body.id, title });
            else assert.fail(`POST answered ${res.status}`);
          } catch (e) {
            if (!killed) throw e;  // after the kill: refused connections, cut answers
          }
        }
      };
      let failure = null;
      const workers = [0, 1, 2, 3].map((w) => worker(w).catch((e) => { failure = e; }));
      while (acked.length < 20 && !failure) await sleep(10);
      if (failure) throw failure;
      killed = true;  // the workers' requests in flight meet the kill
      await a.stop('SIGKILL');
      await Promise.all(workers);
      if (failure) throw failure;
      running.splice(running.indexOf(a), 1);
      assert.ok(acked.length >= 20);
      for (const { id, title } of acked) {
        const res = await fetch(`${b.base}${actions}/${id}`, { headers: bearer });
        assert.equal(res.status, 200, `action ${id} acknowledged by A is missing on B`);
        assert.equal((await res.json()).title, title);
      }
    });

    await t.test('the audit checkpoints are written once per chain head', async () => {
      await b.stop();  // writes the head at stop
      running.splice(running.indexOf(b), 1);
      const c = await start(config);  // a new instance: same head at start, nothing to add
      running.push(c);
      await c.stop();
      running.splice(running.indexOf(c), 1);
      const heads = checkpoints(checkpointFile);
      assert.ok(heads.length >= 2, heads.join('\n'));
      assert.equal(new Set(heads).size, heads.length, `a checkpoint written twice:\n${heads.join('\n')}`);
    });

    await t.test('the audit chain written by both instances verifies', async () => {
      const out = execFileSync(BIN, ['audit', 'verify', '--config', config], { encoding: 'utf8' });
      assert.match(out, /Journal intègre/);
    });
  } finally {
    for (const r of running) await r.stop();
    psql(PG, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  }
});
