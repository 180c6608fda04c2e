// Replays the examples of the OpenAPI document against `carepilot serve --demo`: every
// operation's request example (path and query parameter examples, request body example)
// is sent with a national administrator's API token, in the order below (create, read,
// update, list, delete of each resource), and the answer must have the documented status
// and match the documented response example. An example that no longer matches the
// server's behaviour fails the build. Generated values (ids, timestamps, token values,
// digests) are only required to be present; arrays in an example must each match some
// element of the answer (list examples show one or two items).
//
// The shared error responses are replayed too: every protected operation without
// credentials (401), every body-taking one with a wrong media type (415) and a malformed
// body (400), each answering the documented error body.
//
// CAREPILOT_RECORD_EXAMPLES=1 writes the observed answers into src/*/openapi.json as the
// response examples instead of checking them (review the diff before committing).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  root, openapiBase, openapiParts, mergeParts, operations, startCarepilot, adminSession,
} from './lib.mjs';

const CREATED_UNDER = {
  '/api/v1/establishments/{finess}/continuity/tests': '/api/v1/establishments/{finess}/continuity/plans/{id}/tests',
  '/api/v1/establishments/{finess}/continuity/bias': '/api/v1/establishments/{finess}/continuity/activities/{id}/bias',
  '/api/v1/establishments/{finess}/continuity/backup/declarations': '/api/v1/establishments/{finess}/continuity/backup/{point}',
  '/api/v1/establishments/{finess}/continuity/restore-tests': '/api/v1/establishments/{finess}/continuity/resources/{id}/restore-tests',
};

export const ORDER = [
  'getHealth', 'getReadiness', 'getMetrics', 'getOpenApiDocument',
  'getMe', 'listTokens', 'createToken', 'revokeToken', 'listUsers',
  'listRegions', 'createRegion', 'getRegion', 'renameRegion',
  // The demo GHT 1 (its establishments weighed) before createGht gives {id} another value.
  'getGhtContinuity', 'getLegalEntityContinuity',
  'createGht', 'getGht', 'updateGht', 'listGhts',
  'createEstablishment', 'getEstablishment', 'replaceEstablishment', 'updateEstablishment',
  'listEstablishments', 'createInvitation', 'listInvitations', 'revokeInvitation',
  'createEvidence', 'listEvidence', 'getCompliance', 'withdrawEvidence',
  'declareRegistration', 'listRegistrations', 'listMissingRegistrations',
  'createPaqAction', 'getPaqAction', 'updatePaqAction', 'addPaqNote', 'listPaqActions',
  'listFrameworks', 'saveAssessmentAnswers', 'listAssessments', 'getAssessment',
  'createPaqActionsFromAssessment', 'declareAssessment', 'getAssessmentSnapshot',
  'listExerciseScenarios', 'createExerciseScenario', 'createExercise', 'getExercise',
  'updateExercise', 'listExercises', 'startExercise', 'addExerciseLogEntry',
  'addExerciseInject', 'playExerciseInject', 'putExerciseRetex', 'addRetexItem',
  'createPaqActionFromRetexItem', 'createPaqActionsFromRetex', 'putExerciseDeclaration',
  'withdrawExercise',
  'putTrainingYear', 'getTrainingYear', 'createTrainingCampaign', 'listTrainingCampaigns',
  'getTrainingOverview', 'withdrawTrainingCampaign',
  'putBudgetDeclaration', 'getBudgetDeclaration', 'listBudgetDeclarations',
  'withdrawBudgetDeclaration',
  'addIdentificationPopulation', 'addIdentificationAccessPoint', 'putIdentificationCell',
  'getIdentification', 'addIdentificationStep', 'updateIdentificationStep',
  'sendIdentificationStepToPaq', 'putIdentificationDesfire',
  'declareIdentificationObjective', 'listIdentificationDeclarations',
  'getIdentificationDeclarationDocument', 'withdrawIdentificationDeclaration',
  'getIdentificationShares', 'listIdentificationEstablishments',
  'addContinuityResource', 'addContinuityActivity', 'addContinuityBia', 'addContinuityPlan',
  'addContinuityPlanTest', 'addContinuityRestoreTest', 'addContinuityPlanDocument', 'getContinuityPlanDocument',
  'getContinuity', 'putActivityWeight',
  'declareContinuityBackup', 'getContinuityBackup', 'getContinuityBackupDocument', 'withdrawContinuityBackup',
  'sendContinuityPlanTestToPaq', 'sendContinuityRestoreTestToPaq',
  'withdrawContinuityPlanTest', 'withdrawContinuityRestoreTest',
  'withdrawContinuityBia', 'withdrawContinuityPlan',
  'withdrawPaqAction', 'exportEvidence', 'exportCompliance',
  'createAdAudit', 'getAdAudit', 'listAdAudits',
  // A collection sent in chunks (declared, one chunk, completed): a second AD audit.
  'createAdAuditUpload', 'putAdAuditUploadChunk', 'completeAdAuditUpload',
  // The demo's finished exposure audit (449900018, id 1) before any upload: the PAQ send
  // needs a finished audit, and an upload would give {id} another value.
  'getExposureAuditSeries', 'listExposureAudits', 'getExposureAuditComparison',
  'sendExposureFindingToPaq', 'createExposureAudit', 'getExposureAudit',
  'listAuditEntries', 'listJobs',
  'withdrawExposureAudit',  // the upload above, finished: after the journal's example
  'sendAdFindingToPaq',  // after the lists: it waits for the audit's background job
  'getAdAuditReport', 'getAdAuditResult',  // the same audit, finished
  'createIncident', 'addIncidentEvent',
  'addIncidentAttachment', 'listIncidentAttachments', 'getIncidentAttachment', 'withdrawIncidentAttachment',
  'putIncidentQualification', 'putIncidentDeclaration',
  'submitIncidentDeclaration', 'getIncidentDeclaration', 'putIncidentStatus', 'getIncident',
  'listIncidents', 'sendIncidentLessonsToPaq', 'getIncidentStatistics', 'withdrawIncidentEvent',
  'withdrawIncident',
  // Funding (issue 18): the demo GHT 44 (449900018) files for HospiConnect and its candidature
  // is walked to the payment by the national administrator (who may act for the candidate and
  // the ARS); then the lists.
  'listFundingCalls', 'fileFundingCandidature', 'getFundingCandidature',
  'getFundingCandidatureFile',
  'decideFundingCandidatureArs', 'declareFundingObjectives', 'verifyFundingObjectives',
  'requestFundingInstruction', 'answerFundingInstruction', 'grantFundingException',
  'decideFunding', 'payFunding', 'getEstablishmentFunding', 'listFundingCandidatures',
  'importFiness',  // last: its audit entry would move the seq of listAuditEntries' example
  // The knowledge base (issue 20) after the journal's example: its writes are audited.
  'createKnowledgeEntry', 'getKnowledgeEntry', 'updateKnowledgeEntry', 'listKnowledgeEntries',
  'searchKnowledge', 'deleteKnowledgeEntry', 'importKnowledge', 'exportKnowledge',
];

// Operations whose {id} is the example's, a record of the demo, not the one the replay
// created: a national exception needs a deadline already passed, and the candidature the
// replay files is within its calendar (the demo's domain-1 candidature, in national
// instruction, passed its deadline of 31/12/2025); a joined file needs a candidature with a
// file, which the API does not upload (the demo's domain-2 candidature of the GHT, its first
// prerequisite's file).
const DEMO_RECORD = new Set(['grantFundingException', 'getFundingCandidatureFile']);

// `updated_on` is the Paris day of the last change: the day the replay runs.
const VOLATILE_KEY = /^(id|token|request_id|prefix|updated_on)$|_at$|_id$|hash|digest|sha256/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
// A day inside a text, ISO or as pages write it (« Non conforme au 02/12/2026 »).
const DAY = /\b\d{4}-\d{2}-\d{2}\b|\b\d{2}\/\d{2}\/\d{4}\b/;
const DAY_ALL = /\b\d{4}-\d{2}-\d{2}\b|\b\d{2}\/\d{2}\/\d{4}\b/g;
// Today in Paris (YYYY-MM-DD): a day field the server sets to the day of the request (the
// date of a territory's figures, of a measure written by the replay) was the day of the
// recording in the example; it matches when the answer says today.
const TODAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
const HEX = /\b[0-9a-f]{64}\b/;
const HEX_ALL = /\b[0-9a-f]{64}\b/g;
// Days the server counts from the day of the request (a token's expiry): any day matches.
const RELATIVE_DAY_KEY = /^expires_on$/;
const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

// Where `actual` departs from `example` (empty when it matches).
export function mismatches(example, actual, at = '$') {
  if (Array.isArray(example)) {
    if (!Array.isArray(actual)) return [`${at}: array expected`];
    if (example.length === 0 && actual.length !== 0) return [`${at}: empty array expected, got ${actual.length}`];
    const out = [];
    example.forEach((e, i) => {
      if (!actual.some((a) => mismatches(e, a).length === 0))
        out.push(`${at}[${i}]: no element matches ${JSON.stringify(e).slice(0, 200)}` +
          (actual.length ? ` (first difference with [0]: ${mismatches(e, actual[0], `${at}[0]`)[0]})` : ''));
    });
    return out;
  }
  if (example && typeof example === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return [`${at}: object expected`];
    const out = [];
    for (const [k, v] of Object.entries(example)) {
      if (!(k in actual)) out.push(`${at}.${k}: missing`);
      else if (RELATIVE_DAY_KEY.test(k) && typeof v === 'string' && DAY_ONLY.test(v)) {
        if (!(typeof actual[k] === 'string' && DAY_ONLY.test(actual[k])))
          out.push(`${at}.${k}: day expected, got ${JSON.stringify(actual[k])}`);
      } else if (!VOLATILE_KEY.test(k)) out.push(...mismatches(v, actual[k], `${at}.${k}`));
    }
    return out;
  }
  if (typeof example === 'string' && DAY_ONLY.test(example) && actual === TODAY) return [];
  if (typeof example === 'string' && DATETIME.test(example))
    return typeof actual === 'string' && DATETIME.test(actual) ? [] : [`${at}: timestamp expected, got ${JSON.stringify(actual)}`];
  // A day named inside a text (« Preuve supprimée : … du 2026-11-30 »; the journal page shows it in French) is the day the example
  // was recorded: any day matches it, the rest of the text must be the same.
  // A SHA-256 named inside a text (« … (version 1, SHA-256 51ca4…) » in the journal) is the
  // digest of a document made at recording time (a report carries its own date): any digest
  // matches it, the rest of the text must be the same.
  if (typeof example === 'string' && typeof actual === 'string' &&
      (DAY.test(example) || HEX.test(example)) && !/^[\d-]+$/.test(example)) {
    const norm = (t) => t.replace(DAY_ALL, 'AAAA-MM-JJ').replace(HEX_ALL, 'SHA256');
    return norm(example) === norm(actual) ? []
      : [`${at}: ${JSON.stringify(example)} expected, got ${JSON.stringify(actual)}`];
  }
  return example === actual ? [] : [`${at}: ${JSON.stringify(example)} expected, got ${JSON.stringify(actual)}`];
}

// Arrays cut to two items: an example shows the shape, not the whole list.
const trim = (v) => Array.isArray(v) ? v.slice(0, 2).map(trim)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, trim(x)])) : v;

const base = openapiBase();
const parts = openapiParts();
const doc = mergeParts(base, Object.values(parts));
const byId = new Map(operations(doc).map((o) => [o.op.operationId, o]));
const RECORD = process.env.CAREPILOT_RECORD_EXAMPLES === '1';

const hasExample = (r) => Object.values(r.content || {}).some((m) => m.example !== undefined);
const params = ({ op, pathItem }) => [...(pathItem.parameters || []), ...(op.parameters || [])];

let srv, token, session;
before(async () => {
  srv = await startCarepilot();
  session = await adminSession(srv.base);
  token = session.token;
});

// The credentials an operation declares: none for open routes, the API token when it
// accepts one, otherwise the browser session with its CSRF token.
function credentials(op) {
  if (!op.security?.length) return {};
  if (op.security.some((r) => 'bearer' in r)) return { authorization: `Bearer ${token}` };
  return { cookie: session.cookie, 'x-csrf-token': session.csrf };
}
after(() => srv?.stop());

test('every operation has its examples and a place in the replay', () => {
  assert.deepEqual([...byId.keys()].filter((id) => !ORDER.includes(id)), [], 'operations missing from ORDER');
  assert.deepEqual(ORDER.filter((id) => !byId.has(id)), [], 'ORDER names unknown operations');
  for (const [id, o] of byId) {
    for (const p of params(o)) if (p.in === 'path') assert.ok(p.example !== undefined, `${id}: path parameter ${p.name} has no example`);
    if (o.op.requestBody) assert.ok(Object.values(o.op.requestBody.content).some((m) => m.example !== undefined), `${id}: no request body example`);
    if (RECORD) continue;
    const ok = Object.entries(o.op.responses).filter(([c]) => /^2/.test(c));
    assert.ok(ok.some(([c, r]) => c === '204' || hasExample(r)), `${id}: no success response example`);
  }
});

test('the comparison fails on a changed value and passes on extra fields', () => {
  assert.deepEqual(mismatches({ a: 1, b: [{ c: 'x' }] }, { a: 1, b: [{ c: 'y' }, { c: 'x', d: 2 }], e: 3 }), []);
  assert.equal(mismatches({ a: 1 }, { a: 2 }).length, 1);
  assert.equal(mismatches({ b: [{ c: 'z' }] }, { b: [{ c: 'x' }] }).length, 1);
  assert.equal(mismatches({ id: 7, created_at: '2026-01-01T10:00:00Z' }, { id: 9, created_at: '2026-11-30T08:00:00Z' }).length, 0);
  const sha = (c) => c.repeat(64);
  assert.equal(mismatches({ s: `Document (SHA-256 ${sha('a')})` }, { s: `Document (SHA-256 ${sha('b')})` }).length, 0);
  assert.equal(mismatches({ s: `Document (SHA-256 ${sha('a')})` }, { s: `Rapport (SHA-256 ${sha('b')})` }).length, 1);
  assert.equal(mismatches({ id: 7 }, {}).length, 1);
  // A token's expiry is counted from the day of the replay: any day, but a day.
  assert.equal(mismatches({ expires_on: '2027-02-28' }, { expires_on: '2027-03-01' }).length, 0);
  assert.equal(mismatches({ expires_on: '2027-02-28' }, { expires_on: null }).length, 1);
  assert.equal(mismatches({ due_on: '2027-02-28' }, { due_on: '2027-03-01' }).length, 1);
});

test('the success examples replay against the server', async () => {
  const lastId = new Map();
  const recorded = new Map();
  const failures = [];
  for (const id of ORDER) {
    const o = byId.get(id);
    // A finding exists once the audit's background job has run (serve polls every few seconds).
    // The jobs also write journal entries: the AD audit's job ends before the exposure upload,
    // and the exposure audit's before the journal is listed, so that listAuditEntries' example
    // (its seq numbers) is the same on every run.
    const adAudit = lastId.get('/api/v1/establishments/{finess}/ad-audits');
    if (id === 'sendAdFindingToPaq' || id === 'getExposureAuditSeries') await auditFinished('getAdAudit', adAudit);
    if (id === 'getExposureAuditSeries')
      await auditFinished('getAdAudit', lastId.get('/api/v1/establishments/{finess}/ad-audits/uploads/{upload}/complete'));
    if (id === 'listAuditEntries')
      await auditFinished('getExposureAudit', lastId.get('/api/v1/establishments/{finess}/exposure-audits'));
    let url = o.path.replace(/\{([a-z_]+)\}/g, (m, name, offset) => {
      if ((name === 'id' || name === 'item' || name === 'upload') && !DEMO_RECORD.has(id)) {
        const key = o.path.slice(0, offset - 1);
        if (lastId.has(key)) return lastId.get(key);
        // Records created under another path (a plan's test, an activity's BIA): the demo's
        // registers hold ids of their own, so the example's id may be another establishment's.
        const created = CREATED_UNDER[key];
        if (created && lastId.has(created)) return lastId.get(created);
      }
      return encodeURIComponent(params(o).find((p) => p.name === name && p.in === 'path').example);
    });
    const query = params(o).filter((p) => p.in === 'query' && p.example !== undefined);
    if (query.length) url += '?' + new URLSearchParams(query.map((p) => [p.name, String(p.example)])).toString();
    // A JSON example is sent as JSON; an operation without one (a raw chunk) sends the example
    // of its first media type as it is.
    const media = o.op.requestBody
      ? Object.entries(o.op.requestBody.content).find(([t]) => t === 'application/json')
        || Object.entries(o.op.requestBody.content).find(([, m]) => m.example !== undefined)
      : undefined;
    let body = media?.[1].example;
    // An activity names the resources it uses by id: the one the replay created (the demo's
    // registers hold resources of their own, so the example's id may be another
    // establishment's).
    const resources = lastId.get('/api/v1/establishments/{finess}/continuity/resources');
    if (id === 'addContinuityActivity' && resources !== undefined) body = { ...body, resources: [resources] };
    // A payment is dated neither before the candidature the replay files today nor to come.
    if (id === 'payFunding' && body !== undefined) body = { ...body, paid_on: TODAY };
    const res = await fetch(srv.base + url, {
      method: o.method.toUpperCase(),
      headers: { ...credentials(o.op), ...(body !== undefined ? { 'content-type': media[0] } : {}) },
      body: body === undefined ? undefined : media[0] === 'application/json' ? JSON.stringify(body) : body,
    });
    const text = await res.text();
    const type = res.headers.get('content-type') || '';
    const json = type.split(';')[0].trim() === 'application/json' && text ? JSON.parse(text) : null;
    if (o.method === 'post' && res.status === 201 && json?.id !== undefined) lastId.set(o.path, json.id);
    const where = `${id} ${o.method.toUpperCase()} ${url}`;
    if (RECORD) {
      if (!/^2/.test(String(res.status))) failures.push(`${where}: ${res.status} ${text.slice(0, 300)}`);
      else recorded.set(id, { status: String(res.status), json, text, type });
      continue;
    }
    const documented = Object.keys(o.op.responses).filter((c) => /^2/.test(c));
    const expected = documented.find((c) => c === '204' || hasExample(o.op.responses[c]));
    if (String(res.status) !== expected) {
      failures.push(`${where}: status ${res.status}, documented example for ${expected}: ${text.slice(0, 300)}`);
      continue;
    }
    const content = o.op.responses[expected].content || {};
    if (content['application/json']?.example !== undefined) {
      if (!json) { failures.push(`${where}: JSON expected, got ${type}`); continue; }
      const diff = mismatches(content['application/json'].example, json);
      if (diff.length) failures.push(`${where}:\n    ${diff.slice(0, 5).join('\n    ')}`);
    } else if (Object.keys(content).length) {
      const [media, { example }] = Object.entries(content)[0];
      if (!type.startsWith(media)) failures.push(`${where}: ${media} expected, got ${type}`);
      if (media === 'application/jsonl') {
        // Every line is JSON; each example line matches some line of the answer.
        const got = text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
        for (const line of example.split('\n').filter(Boolean)) {
          const want = JSON.parse(line);
          if (!got.some((g) => mismatches(want, g).length === 0))
            failures.push(`${where}: no line matches ${line.slice(0, 200)}` +
              (got.length ? ` (first difference: ${mismatches(want, got[0])[0]})` : ' (no line)'));
        }
      }
    }
  }
  if (RECORD) writeRecorded(recorded);
  assert.deepEqual(failures, []);
});

test('the shared error examples replay on every operation', async () => {
  const failures = [];
  const check = async (o, code, init) => {
    const url = o.path.replace(/\{([a-z_]+)\}/g, (m, name) =>
      encodeURIComponent(params(o).find((p) => p.name === name && p.in === 'path').example));
    const res = await fetch(srv.base + url, { method: o.method.toUpperCase(), ...init });
    const where = `${o.op.operationId} (${code})`;
    const documented = o.op.responses[code];
    if (!documented) return failures.push(`${where}: not documented`);
    const ref = documented.$ref.split('/').pop();
    const example = doc.components.responses[ref].content['application/json'].examples.erreur.value;
    if (String(res.status) !== code) return failures.push(`${where}: status ${res.status}`);
    const body = await res.json();
    // Same shape and status; the code is one the response documents.
    const diff = mismatches({ error: { status: example.error.status } }, body);
    if (diff.length) failures.push(`${where}: ${diff.join('; ')}`);
    for (const k of ['code', 'message', 'status', 'request_id'])
      if (!(k in (body.error || {}))) failures.push(`${where}: error.${k} missing`);
    const codes = (documented.description || '') + doc.components.responses[ref].description;
    if (!codes.includes(body.error?.code)) failures.push(`${where}: code ${body.error?.code} not documented`);
  };
  let count = 0;
  for (const o of operations(doc)) {
    if (!o.op.security?.length) continue;
    await check(o, '401', {});
    count++;
    if (o.op.requestBody) {
      const auth = credentials(o.op);
      await check(o, '415', { headers: { ...auth, 'content-type': 'text/plain' }, body: 'x' });
      // A malformed body is a JSON one (a raw chunk has no malformed form).
      if (o.op.requestBody.content['application/json'])
        await check(o, '400', { headers: { ...auth, 'content-type': 'application/json' }, body: '{"a":' });
    }
  }
  assert.ok(count > 50, `only ${count} protected operations`);
  assert.deepEqual(failures, []);
});

// Waits until the audit `auditId` read by operation `getOp` (getAdAudit, getExposureAudit) is
// done or failed (at most a minute).
async function auditFinished(getOp, auditId) {
  if (auditId === undefined) return;
  const o = byId.get(getOp);
  const url = o.path.replace(/\{([a-z_]+)\}/g, (m, name) =>
    (name === 'id' ? auditId : encodeURIComponent(params(o).find((p) => p.name === name).example)));
  for (let i = 0; i < 120; i++) {
    const res = await fetch(`${srv.base}${url}`, { headers: credentials(o.op) });
    const state = res.ok ? (await res.json()).state : '';
    if (state === 'done' || state === 'failed') return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

function writeRecorded(recorded) {
  const files = new Map();
  for (const mod of ['web', ...Object.keys(parts)]) {
    const f = join(root, 'src', mod, 'openapi.json');
    files.set(f, JSON.parse(readFileSync(f, 'utf8')));
  }
  for (const [, part] of files) {
    for (const item of Object.values(part.paths)) {
      for (const op of Object.values(item)) {
        const r = recorded.get(op?.operationId);
        if (!r) continue;
        if (r.status === '204') continue;
        const resp = (op.responses[r.status] ??= { description: 'Succès' });
        delete op.responses[r.status].$ref;
        resp.content ??= {};
        if (r.json !== null) {
          resp.content['application/json'] ??= {};
          const ex = r.json;
          resp.content['application/json'].example = op.operationId === 'getOpenApiDocument'
            ? { openapi: ex.openapi, info: ex.info } : trim(ex);
        } else {
          const t = r.type.split(';')[0];
          resp.content[t] ??= {};
          resp.content[t].example = r.text.split('\n').slice(0, 2).join('\n') + '\n';
        }
      }
    }
  }
  for (const [f, part] of files) writeFileSync(f, JSON.stringify(part, null, 1) + '\n');
}
