// The proof that the document and the server agree: a client is generated from the
// document served by a running `carepilot serve --demo` (openapi-typescript), an
// integrator's program written against it (client/crud.mts, openapi-fetch) is type-checked
// with the TypeScript compiler in strict mode, then run against that server with a national
// administrator's API token. Nothing generated is committed: it goes to
// $CAREPILOT_API_OUT (build/tests/api/client by ctest).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import openapiTS, { astToString } from 'openapi-typescript';
import { root, startCarepilot, adminSession } from './lib.mjs';

const out = process.env.CAREPILOT_API_OUT || join(root, 'build', 'tests', 'api', 'client');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

let srv, session, served;
before(async () => {
  srv = await startCarepilot();
  session = await adminSession(srv.base);
  served = await (await fetch(`${srv.base}/api/v1/openapi.json`)).json();
});
after(() => srv?.stop());

// Generates the types of `doc` into `dir`, copies the program there and compiles it.
async function generateAndCompile(dir, doc) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc, null, 1));
  writeFileSync(join(dir, 'schema.d.ts'), astToString(await openapiTS(doc)));
  copyFileSync(join(root, 'tests', 'api', 'client', 'crud.mts'), join(dir, 'crud.mts'));
  return spawnSync(process.execPath, [tsc, '--strict',
    '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--types', 'node', '--skipLibCheck', '--outDir', dir, join(dir, 'crud.mts')],
  { encoding: 'utf8', cwd: dir, timeout: 120000 });
}

test('the program type-checks against the generated client and runs against the server', async () => {
  const c = await generateAndCompile(out, served);
  assert.equal(c.status, 0, `tsc:\n${c.stdout}${c.stderr}`);
  const run = spawnSync(process.execPath, [join(out, 'crud.mjs')], {
    encoding: 'utf8', timeout: 120000,
    env: {
      ...process.env, CAREPILOT_URL: srv.base, CAREPILOT_TOKEN: session.token,
      CAREPILOT_COOKIE: session.cookie, CAREPILOT_CSRF: session.csrf,
    },
  });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  assert.match(run.stdout, /generated client: \d+ calls answered as documented/);
});

test('a document that no longer describes a field the program uses fails to compile', async () => {
  const doc = structuredClone(served);
  delete doc.components.schemas.PaqAction.properties.progress;
  const c = await generateAndCompile(`${out}-drift`, doc);
  assert.notEqual(c.status, 0, 'tsc accepted a program using a field the document dropped');
  assert.match(c.stdout, /progress/);
});
