// A large AD collection sent in chunks on loopback (issue 14: up to 2 GB, streamed to disk,
// never held in memory): `carepilot serve --demo` on a throw-away SQLite database, a national
// administrator's API token, then a generated LDIF file of SIZE MiB (default 1024) declared,
// sent in 8 MiB chunks at their offsets and completed (checked, hashed in blocks, moved to the
// waiting folder, its audit created). Prints the throughput (MB/s, from the declaration to
// the completion's answer) and the server's resident memory before the upload and at its
// peak (VmHWM of /proc/PID/status); the server is stopped before its background job reads the
// file.
// Usage: NODE_PATH=node_modules CAREPILOT_BIN=build/src/app/carepilot node bench/upload/run.mjs [SIZE_MIB]
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminSession } from '../../tests/api/lib.mjs';

const MiB = 1024 * 1024;
const sizeMiB = Number(process.argv[2] || 1024);
const size = sizeMiB * MiB;
const dir = mkdtempSync(join(tmpdir(), 'carepilot-bench-upload-'));
const file = join(dir, 'collecte.ldif');

// An LDIF export of exactly `size` bytes: a domain entry, then comment lines.
{
  const fd = openSync(file, 'w');
  const head = Buffer.from('version: 1\n\ndn: DC=bench,DC=local\nobjectClass: domain\n\n');
  writeSync(fd, head);
  const line = Buffer.from(`# ${'x'.repeat(1021)}\n`);
  const block = Buffer.concat(Array(8192).fill(line));  // 8 MiB
  let left = size - head.length;
  while (left > 0) {
    const n = Math.min(left, block.length);
    writeSync(fd, block, 0, n);
    left -= n;
  }
  closeSync(fd);
}

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});
const proc = spawn(process.env.CAREPILOT_BIN, ['serve', '--demo', '--listen', `127.0.0.1:${port}`,
  '--database', `sqlite:${dir}/carepilot.db`], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, CAREPILOT_AD_AUDIT_DIR: join(dir, 'ad'), CAREPILOT_ACCESS_LOG: 'false' },
});
const base = `http://127.0.0.1:${port}`;
const memory = () => {
  const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
  const kb = (k) => Number(status.match(new RegExp(`${k}:\\s+(\\d+) kB`))[1]);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
};
try {
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/readyz`)).ok) break; } catch {}
    if (i > 3000) throw new Error('carepilot did not become ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  const { token } = await adminSession(base);
  const auth = { authorization: `Bearer ${token}` };
  const list = await (await fetch(`${base}/api/v1/establishments?per_page=1`, { headers: auth })).json();
  const api = `${base}/api/v1/establishments/${list.items[0].finess_et}/ad-audits/uploads`;
  const before = memory();
  const t0 = process.hrtime.bigint();
  let res = await fetch(api, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ file_name: 'collecte.ldif', size }) });
  if (res.status !== 201) throw new Error(`declare: ${res.status} ${await res.text()}`);
  const up = await res.json();
  const fd = openSync(file, 'r');
  const chunk = Buffer.alloc(up.chunk_max);
  let offset = 0;
  let chunks = 0;
  while (offset < size) {
    const n = readSync(fd, chunk, 0, chunk.length, offset);
    res = await fetch(`${api}/${up.id}?offset=${offset}`, { method: 'PUT',
      headers: { ...auth, 'content-type': 'application/octet-stream' }, body: chunk.subarray(0, n) });
    if (res.status !== 200) throw new Error(`chunk at ${offset}: ${res.status} ${await res.text()}`);
    offset = (await res.json()).offset;
    chunks += 1;
  }
  closeSync(fd);
  res = await fetch(`${api}/${up.id}/complete`, { method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
  const audit = await res.json();
  if (res.status !== 201) throw new Error(`complete: ${res.status} ${JSON.stringify(audit)}`);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const after = memory();
  if (audit.size !== size) throw new Error(`stored size ${audit.size}, sent ${size}`);
  console.log(`upload of ${sizeMiB} MiB in ${chunks} chunks: ${secs.toFixed(1)} s, ` +
    `${(size / 1e6 / secs).toFixed(0)} MB/s; server resident memory ${before.rss.toFixed(0)} MiB ` +
    `before, peak ${after.peak.toFixed(0)} MiB (+${(after.peak - before.rss).toFixed(0)} MiB for a ` +
    `${sizeMiB} MiB file)`);
} finally {
  proc.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
