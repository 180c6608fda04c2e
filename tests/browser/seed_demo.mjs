// ctest fixture `demo.seed`: seeds the demo territory once per run into $CAREPILOT_DEMO_DB, so
// that every browser and API test starts its server on a copy (lib.mjs startCarepilot) instead
// of seeding again. The seeding itself is the one `carepilot serve --demo` does on an empty
// database; the server is stopped cleanly before the file is published (written beside, then
// renamed, so a test never copies half a database).
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startCarepilot } from './lib.mjs';

const target = process.env.CAREPILOT_DEMO_DB;
assert.ok(target, 'CAREPILOT_DEMO_DB is not set');
delete process.env.CAREPILOT_DEMO_DB;  // this start seeds an empty database
mkdirSync(dirname(target), { recursive: true });
rmSync(target, { force: true });

const app = await startCarepilot();
const res = await fetch(`${app.base}/readyz`);
assert.equal(res.status, 200);
const code = await app.stopAndWait();
assert.equal(code, 0, `carepilot did not stop cleanly:\n${app.log()}`);
assert.ok(!existsSync(join(app.dir, 'carepilot.db-wal')), 'the database was not checkpointed');
copyFileSync(join(app.dir, 'carepilot.db'), `${target}.tmp`);
renameSync(`${target}.tmp`, target);
rmSync(app.dir, { recursive: true, force: true });
console.log(`demo territory seeded into ${target}`);
