// The conventions of docs/api.md, checked on every list route of the served document
// against `carepilot serve --demo`: pagination bounds (page, per_page), the sort whitelist
// (every allowed field sorts, ascending and descending; any other is refused with 400
// request.bad_sort), the list answer (items, total, page, per_page, page_count) and the
// error body shape; plus the other conventions that an answer carries (JSON media type,
// dates, money in euros).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { operations, startCarepilot, adminToken } from './lib.mjs';

let srv, token, doc, incidentId;
before(async () => {
  srv = await startCarepilot();
  token = await adminToken(srv.base);
  doc = await (await fetch(`${srv.base}/api/v1/openapi.json`)).json();
  // The establishment that the path parameter examples name (createEstablishment example).
  const create = doc.paths['/api/v1/establishments'].post.requestBody.content['application/json'].example;
  const res = await call('POST', '/api/v1/establishments', create);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  // A few records so that sorting and paging have something to order.
  const f = create.finess_et;
  for (const [title, due, priority] of [['Bêta', '2027-02-01', 'low'], ['Alpha', '2027-03-01', 'high'], ['Gamma', '2027-01-01', 'medium']])
    assert.equal((await call('POST', `/api/v1/establishments/${f}/paq/actions`, { title, due, priority })).status, 201);
  for (const [type, date] of [['registration', '2026-01-05'], ['registration', '2025-12-01']])
    assert.equal((await call('POST', `/api/v1/establishments/${f}/evidence`, { type, date, service: 'club-ssi' })).status, 201);
  // An incident of the establishment with three attachments: the lists under an incident
  // (its {id}) read it.
  const incident = await call('POST', `/api/v1/establishments/${f}/incidents`, { title: 'Essai', detected_at: '2026-03-29T01:30:00+01:00' });
  assert.equal(incident.status, 201, JSON.stringify(incident.body));
  incidentId = incident.body.id;
  for (const [name, text] of [['b.txt', 'Bêta\n'], ['a.txt', 'Alpha, le plus long\n'], ['c.txt', 'Gamma.\n']])
    assert.equal((await call('POST', `/api/v1/establishments/${f}/incidents/${incidentId}/attachments`,
      { file_name: name, content_base64: Buffer.from(text).toString('base64') })).status, 201);
});
after(() => srv?.stop());

async function call(method, path, body) {
  const res = await fetch(srv.base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), body: text ? JSON.parse(text) : null };
}

const lists = () => operations(doc).filter(({ method, op }) =>
  method === 'get' && /^list/.test(op.operationId));

const pathOf = ({ path, pathItem, op }) => path.replace(/\{([a-z_]+)\}/g, (m, name, offset) =>
  (name === 'id' && path.slice(0, offset).endsWith('/incidents/') ? incidentId
    : [...(pathItem.parameters || []), ...(op.parameters || [])].find((p) => p.name === name).example));

function assertErrorBody(res, status, code, where) {
  assert.equal(res.status, status, `${where}: ${JSON.stringify(res.body)}`);
  assert.match(res.type, /^application\/json/, where);
  const e = res.body.error;
  assert.deepEqual(Object.keys(res.body), ['error'], where);
  assert.equal(e.code, code, where);
  assert.equal(e.status, status, where);
  assert.equal(typeof e.message, 'string', where);
  assert.ok(e.message.length > 0, where);
  assert.match(e.request_id, /^[0-9a-f-]{8,}$/i, where);
  if (e.fields) for (const f of e.fields) assert.deepEqual(Object.keys(f).sort(), ['code', 'field', 'message'], where);
}

test('every list route is found', () => {
  assert.ok(lists().length >= 13, lists().map((l) => l.op.operationId).join(', '));
});

test('pagination: bounds refused with 400 request.bad_parameter, pages cut as announced', async () => {
  for (const l of lists()) {
    const p = pathOf(l);
    const where = l.op.operationId;
    for (const q of ['per_page=0', 'per_page=201', 'per_page=abc', 'page=0', 'page=-1', 'page=1x']) {
      const res = await call('GET', `${p}?${q}`);
      assertErrorBody(res, 400, 'request.bad_parameter', `${where} ?${q}`);
      assert.equal(res.body.error.fields[0].field, q.split('=')[0], `${where} ?${q}`);
    }
    const all = await call('GET', `${p}?per_page=200`);
    assert.equal(all.status, 200, where);
    const { total, page, per_page: perPage, page_count: pageCount, items } = all.body;
    assert.deepEqual([page, perPage], [1, 200], where);
    assert.equal(items.length, Math.min(total, 200), where);
    assert.equal(pageCount, Math.max(1, Math.ceil(total / 200)), where);
    const one = await call('GET', `${p}?per_page=1&page=2`);
    assert.equal(one.status, 200, where);
    assert.equal(one.body.total, total, where);
    assert.equal(one.body.page_count, Math.max(1, total), where);
    assert.equal(one.body.items.length, Math.min(1, total), where);
    if (total >= 2) assert.deepEqual(one.body.items[0], items[1], `${where}: page 2 of 1 is the second item`);
    // Past the last page: the last page.
    const past = await call('GET', `${p}?per_page=1&page=1000000`);
    assert.equal(past.body.page, Math.max(1, total), where);
  }
});

// Issue 17 trial: a list answered 50 a page where docs/api.md says 100. Without per_page, every
// list answers the default the document gives (PerPage: 100; 25 for the establishments; 50 for
// the audit trail).
test('pagination: without per_page, each list answers the documented default', async () => {
  const defaults = { listEstablishments: 25, listAuditEntries: 50 };
  for (const l of lists()) {
    const where = l.op.operationId;
    const res = await call('GET', pathOf(l));
    assert.equal(res.status, 200, `${where}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.per_page, defaults[where] ?? 100, where);
  }
  assert.match(doc.components.parameters.PerPage.description, /défaut : 100, 25 pour les établissements/);
});

// Issue 17 trial: an unknown ?region= answered 200 with an empty list (« no establishment »,
// a false answer). Every GET that takes a region refuses an unknown code (400
// request.bad_parameter naming region) and filters on a known one; its document says so.
test('region filter: an unknown code is refused, a known one answers', async () => {
  const withRegion = operations(doc).filter(({ method, pathItem, op }) => method === 'get' &&
    [...(pathItem.parameters || []), ...(op.parameters || [])].some((p) => (p.$ref ? doc.components.parameters[p.$ref.split('/').pop()] : p).name === 'region'));
  assert.ok(withRegion.length >= 5, withRegion.map((l) => l.op.operationId).join(', '));
  for (const l of withRegion) {
    const where = l.op.operationId;
    const p = pathOf(l);
    const sep = p.includes('?') ? '&' : '?';
    for (const bad of ['99', 'xx', '5']) {
      const res = await fetch(`${srv.base}${p}${sep}region=${bad}`, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      const body = JSON.parse(text);
      assertErrorBody({ status: res.status, type: res.headers.get('content-type'), body }, 400, 'request.bad_parameter', `${where} region=${bad}`);
      assert.equal(body.error.fields?.[0]?.field, 'region', where);
    }
    const ok = await fetch(`${srv.base}${p}${sep}region=52`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(ok.status, 200, where);
    await ok.arrayBuffer();
    assert.ok(l.op.responses['400'], `${where}: 400 documented`);
  }
});

// Issue 20 trial: an unknown ?kind= of the knowledge search answered 200 (every entry, as if
// no filter). Every GET query parameter the document gives an enum (sort aside: its own test)
// refuses a value outside it (400 request.bad_parameter naming it) and answers each value.
test('enum filters: a value outside the enum is refused, each value answers', async () => {
  const withEnum = [];
  for (const o of operations(doc)) {
    if (o.method !== 'get') continue;
    for (const p of [...(o.pathItem.parameters || []), ...(o.op.parameters || [])]) {
      const param = p.$ref ? doc.components.parameters[p.$ref.split('/').pop()] : p;
      if (param.in === 'query' && param.name !== 'sort' && param.schema?.enum) withEnum.push([o, param]);
    }
  }
  assert.ok(withEnum.some(([o, p]) => o.op.operationId === 'searchKnowledge' && p.name === 'kind'), 'searchKnowledge kind');
  for (const [o, param] of withEnum) {
    const where = `${o.op.operationId} ${param.name}`;
    const p = pathOf(o);
    const sep = p.includes('?') ? '&' : '?';
    const bad = await call('GET', `${p}${sep}${param.name}=bogus`);
    assertErrorBody(bad, 400, 'request.bad_parameter', where);
    assert.equal(bad.body.error.fields?.[0]?.field, param.name, where);
    for (const value of param.schema.enum) {
      const ok = await call('GET', `${p}${sep}${param.name}=${encodeURIComponent(value)}`);
      assert.equal(ok.status, 200, `${where}=${value}: ${JSON.stringify(ok.body).slice(0, 300)}`);
    }
    assert.ok(o.op.responses['400'], `${where}: 400 documented`);
  }
});

const compare = (a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

test('sorting: every whitelisted field sorts both ways, any other field is refused', async () => {
  let sorted = 0;
  for (const l of lists()) {
    const p = pathOf(l);
    const where = l.op.operationId;
    const sortParam = l.op.parameters.find((x) => x.name === 'sort');
    for (const value of sortParam.schema.enum) {
      const res = await call('GET', `${p}?per_page=200&sort=${encodeURIComponent(value)}`);
      assert.equal(res.status, 200, `${where} sort=${value}: ${JSON.stringify(res.body)}`);
      const field = value.replace(/^-/, '');
      const sign = value.startsWith('-') ? -1 : 1;
      const keys = res.body.items.map((x) => x[field] ?? null);
      for (let i = 1; i < keys.length; i++) {
        if (field === 'name' && where === 'listEstablishments') break;  // accent- and case-folded
        assert.ok(sign * compare(keys[i - 1], keys[i]) <= 0, `${where} sort=${value}: ${JSON.stringify(keys)}`);
      }
      if (keys.length >= 2) sorted++;
    }
    for (const bad of ['nope', '-nope', 'id;drop', '--date']) {
      const res = await call('GET', `${p}?sort=${encodeURIComponent(bad)}`);
      assertErrorBody(res, 400, 'request.bad_sort', `${where} sort=${bad}`);
      assert.equal(res.body.error.fields[0].field, 'sort');
    }
  }
  assert.ok(sorted >= 10, `only ${sorted} sorts had two items to order`);
});

test('error body: the same shape on every kind of failure', async () => {
  const f = doc.paths['/api/v1/establishments'].post.requestBody.content['application/json'].example.finess_et;
  assertErrorBody(await call('GET', '/api/v1/establishments/130000000'), 404, 'not_found', 'unknown establishment');
  assertErrorBody(await call('POST', `/api/v1/establishments/${f}/paq/actions`, { title: '' }), 422, 'paq.title_required', 'validation');
  const anonymous = await fetch(`${srv.base}/api/v1/me`);
  assertErrorBody({ status: anonymous.status, type: anonymous.headers.get('content-type'), body: await anonymous.json() },
    401, 'auth.required', 'anonymous');
  const badToken = await fetch(`${srv.base}/api/v1/me`, { headers: { authorization: 'Bearer cpt_nothing' } });
  assert.equal(badToken.status, 401);
  assert.match((await badToken.json()).error.code, /^auth\.token_/);
});

test('dates are ISO 8601 days, money is in euros as numbers', async () => {
  const f = doc.paths['/api/v1/establishments'].post.requestBody.content['application/json'].example.finess_et;
  const b = await call('PUT', `/api/v1/establishments/${f}/budget/2025`, { total_eur: 1000000.5, digital_eur: 15000, cyber_eur: 6000.25, declared_on: '2026-02-01' });
  assert.ok([200, 201].includes(b.status), JSON.stringify(b.body));
  assert.equal(b.body.total_eur, 1000000.5);
  assert.equal(b.body.cyber_eur, 6000.25);
  assert.match(b.body.declared_on, /^\d{4}-\d{2}-\d{2}$/);
  const bad = await call('PUT', `/api/v1/establishments/${f}/budget/2025`, { total_eur: 1000, digital_eur: 10, cyber_eur: 5, declared_on: '01/02/2026' });
  assert.equal(bad.status, 422);
});
