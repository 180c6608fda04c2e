// The OpenAPI document as a contract (docs/api.md): each module's part (merged alone into
// the base src/web/openapi.json) and the whole document served at /api/v1/openapi.json
// must be valid OpenAPI 3.1 for two independent validators from npm, and every operation
// must carry what an integrator relies on: a unique operationId, a summary, its security
// requirement (bearer token, or session cookie plus X-CSRF-Token for writes) and its
// error responses in the shared error schema.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Validator } from '@seriousme/openapi-schema-validator';
import {
  openapiBase, openapiParts, mergeParts, operations, startCarepilot,
} from './lib.mjs';

const require = createRequire(import.meta.url);
const SwaggerParser = require('@apidevtools/swagger-parser');

const OPEN = new Set(['/api/v1/openapi.json', '/healthz', '/readyz', '/metrics']);
// Open operations on a path that also has guarded ones (the knowledge base reads, issue 20).
const OPEN_OPS = new Set(['searchKnowledge', 'listKnowledgeEntries', 'getKnowledgeEntry', 'exportKnowledge']);
const WRITE = new Set(['post', 'put', 'patch', 'delete']);

async function validate(name, doc) {
  const v = new Validator();
  const res = await v.validate(structuredClone(doc));
  assert.ok(res.valid, `${name}: openapi-schema-validator: ${JSON.stringify(res.errors, null, 1)}`);
  assert.equal(v.version, '3.1', `${name}: validated as OpenAPI ${v.version}`);
  try {
    await SwaggerParser.validate(structuredClone(doc));
  } catch (e) {
    assert.fail(`${name}: swagger-parser: ${e.message}`);
  }
}

const deref = (doc, node) => {
  while (node && node.$ref) {
    node = node.$ref.slice(2).split('/').reduce((n, k) => n?.[k], doc);
  }
  return node;
};

// The rules every operation follows; returns the list of breaches (empty when fine).
export function contractBreaches(doc) {
  const out = [];
  const ids = new Map();
  if (JSON.stringify(doc).includes('"nullable"')) out.push('"nullable" is OpenAPI 3.0: use type [T, "null"]');
  for (const { path, method, op, pathItem } of operations(doc)) {
    const where = `${method.toUpperCase()} ${path}`;
    if (!op.operationId) out.push(`${where}: no operationId`);
    else if (ids.has(op.operationId)) out.push(`${where}: operationId ${op.operationId} also on ${ids.get(op.operationId)}`);
    else ids.set(op.operationId, where);
    if (!op.summary || !/[a-zàâçéèêëîïôûù]{3}/.test(op.summary)) out.push(`${where}: no French summary`);
    if (!Array.isArray(op.security)) { out.push(`${where}: no security requirement`); continue; }
    if (OPEN.has(path) || OPEN_OPS.has(op.operationId)) {
      if (op.security.length) out.push(`${where}: open route with a security requirement`);
      continue;
    }
    const names = op.security.map((r) => Object.keys(r).sort().join('+'));
    const session = WRITE.has(method) ? 'csrf+session' : 'session';
    // Only a browser session creates API tokens (a token cannot mint another).
    const bearer = op.operationId !== 'createToken';
    if (names.includes('bearer') !== bearer || !names.includes(session))
      out.push(`${where}: security must be [bearer] or [${session}], found ${JSON.stringify(names)}`);
    const responses = op.responses || {};
    // Lists follow one convention (docs/api.md): page, per_page, a sort whitelist, ListMeta.
    if (method === 'get' && /^list/.test(op.operationId)) {
      const names = [...(pathItem.parameters || []), ...(op.parameters || [])].map((p) => deref(doc, p).name);
      for (const n of ['page', 'per_page', 'sort']) if (!names.includes(n)) out.push(`${where}: list without ${n}`);
      const sort = (op.parameters || []).map((p) => deref(doc, p)).find((p) => p.name === 'sort');
      if (sort && !(sort.schema?.enum?.length > 0)) out.push(`${where}: sort without its whitelist (enum)`);
      const all = responses['200']?.content?.['application/json']?.schema?.allOf || [];
      if (!all.some((x) => x.$ref === '#/components/schemas/ListMeta')) out.push(`${where}: list answer without ListMeta`);
      if (!responses['400']) out.push(`${where}: list without 400`);
    }
    const need = ['401', '403'];
    const params = [...(pathItem.parameters || []), ...(op.parameters || [])].map((p) => deref(doc, p));
    if (params.some((p) => p.in === 'path')) need.push('404');
    if (op.requestBody) need.push('400', '415', '422');
    for (const code of need) if (!responses[code]) out.push(`${where}: no ${code} response`);
    for (const [code, r] of Object.entries(responses)) {
      if (!/^[45]/.test(code)) continue;
      const schema = deref(doc, r)?.content?.['application/json']?.schema;
      if (schema?.$ref !== '#/components/schemas/Error') out.push(`${where}: ${code} not in the shared Error schema`);
      const text = deref(doc, r)?.description || '';
      if (!/[a-z_]+\.[a-z_]+|not_found/.test((r.description || '') + text)) out.push(`${where}: ${code} names no error code`);
    }
  }
  return out;
}

const base = openapiBase();
const parts = openapiParts();

test('the base declares OpenAPI 3.1 and the security schemes', () => {
  assert.equal(base.openapi, '3.1.0');
  const s = base.components.securitySchemes;
  assert.deepEqual(Object.keys(s).sort(), ['bearer', 'csrf', 'session']);
  assert.equal(s.bearer.scheme, 'bearer');
  assert.equal(s.session.in, 'cookie');
  assert.deepEqual([s.csrf.in, s.csrf.name], ['header', 'X-CSRF-Token']);
  for (const [mod, part] of Object.entries(parts))
    assert.ok(!part.openapi && !part.components?.securitySchemes, `${mod}: a part declares only paths and components`);
});

test('each module part is valid on its own and follows the rules', async () => {
  assert.ok(Object.keys(parts).length >= 7, 'the module parts are found');
  await validate('web', base);
  assert.deepEqual(contractBreaches(base), [], 'web');
  for (const [mod, part] of Object.entries(parts)) {
    const doc = mergeParts(base, [part]);
    await validate(mod, doc);
    assert.deepEqual(contractBreaches(mergeParts({ ...base, paths: {} }, [part])), [], mod);
  }
});

test('the rules catch a breach (the check can fail)', () => {
  const doc = mergeParts(base, Object.values(parts));
  const broken = structuredClone(doc);
  const ops = operations(broken);
  delete ops[0].op.operationId;
  ops[1].op.operationId = ops[2].op.operationId;
  const write = ops.find((o) => WRITE.has(o.method) && o.op.security.length);
  write.op.security = [{ bearer: [] }, { session: [] }];
  const withBody = ops.find((o) => o.op.requestBody);
  delete withBody.op.responses['422'];
  const b = contractBreaches(broken);
  assert.ok(b.some((x) => x.includes('no operationId')), b.join('\n'));
  assert.ok(b.some((x) => x.includes('also on')));
  assert.ok(b.some((x) => x.includes('security must be')));
  assert.ok(b.some((x) => x.includes('no 422 response')));
});

test('the served document is the merge of the parts, valid and complete', async () => {
  const srv = await startCarepilot();
  after(() => srv.stop());
  const res = await fetch(`${srv.base}/api/v1/openapi.json`);
  assert.equal(res.status, 200);
  const served = await res.json();
  assert.deepEqual(served, mergeParts(base, Object.values(parts)));
  await validate('served', served);
  assert.deepEqual(contractBreaches(served), []);
  // The validators do refuse a 3.0 construct in a 3.1 document and the reverse.
  const wrong = structuredClone(served);
  wrong.openapi = '3.0.3';
  assert.equal((await new Validator().validate(wrong)).valid, false);
});
