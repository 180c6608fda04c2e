// An integrator's program written against the client generated from the served OpenAPI
// document (openapi-typescript types driving openapi-fetch): it creates, reads, updates
// and lists the main resources of every module with an API token. tests/api/
// client_generated.mjs generates ./schema.d.ts, type-checks this file against it (a
// request or response that the document does not describe fails to compile) and runs it.
import createClient from 'openapi-fetch';
import type { paths } from './schema.js';
import assert from 'node:assert/strict';

const api = createClient<paths>({
  baseUrl: process.env.CAREPILOT_URL,
  headers: { Authorization: `Bearer ${process.env.CAREPILOT_TOKEN}` },
});
// Only the browser session creates API tokens (cookie and its CSRF token).
const browser = createClient<paths>({
  baseUrl: process.env.CAREPILOT_URL,
  headers: { Cookie: process.env.CAREPILOT_COOKIE ?? '', 'X-CSRF-Token': process.env.CAREPILOT_CSRF ?? '' },
});

// The data of a successful answer, or a failure naming the operation and the error body.
function ok<T>(what: string, r: { data?: T; error?: unknown; response: Response }, status: number): T {
  assert.equal(r.response.status, status, `${what}: ${r.response.status} ${JSON.stringify(r.error)}`);
  assert.ok(r.data !== undefined, `${what}: no body`);
  return r.data as T;
}

const finess = '690781810';
const path = { finess };
let steps = 0;

// Accounts: who am I, tokens (create, list, revoke), invitations and users.
{
  const me = ok('getMe', await api.GET('/api/v1/me'), 200);
  assert.equal(me.role, 'national_admin');
  const t = ok('createToken', await browser.POST('/api/v1/tokens', {
    body: { name: 'Outil BI', role: 'national_reader', days: 30 },
  }), 201);
  assert.match(t.token, /^cpt_/);
  const tokens = ok('listTokens', await api.GET('/api/v1/tokens'), 200);
  assert.ok(tokens.items.some((x) => x.id === t.id && x.name === 'Outil BI'));
  const revoked = await api.DELETE('/api/v1/tokens/{id}', { params: { path: { id: t.id } } });
  assert.equal(revoked.response.status, 204);
  const inv = ok('createInvitation', await api.POST('/api/v1/invitations', {
    body: { email: 'lecteur.client@example.fr', role: 'national_reader', scope: 'nation' },
  }), 201);
  assert.equal(inv.email, 'lecteur.client@example.fr');
  const users = ok('listUsers', await api.GET('/api/v1/users'), 200);
  assert.ok(users.items.some((u) => u.email === me.email));
  steps += 6;
}

// Registry: GHT and establishment (create, read, update, list).
let ghtId: number;
{
  const g = ok('createGht', await api.POST('/api/v1/ghts', {
    body: { code: 'GHT-CLIENT', name: 'GHT du client', region_code: '84' },
  }), 201);
  ghtId = g.id!;
  assert.equal(ok('getGht', await api.GET('/api/v1/ghts/{id}', { params: { path: { id: ghtId } } }), 200).code, 'GHT-CLIENT');
  const g2 = ok('updateGht', await api.PUT('/api/v1/ghts/{id}', {
    params: { path: { id: ghtId } }, body: { code: 'GHT-CLIENT', name: 'GHT du client (renommé)', region_code: '84' },
  }), 200);
  assert.equal(g2.name, 'GHT du client (renommé)');
  const ghts = ok('listGhts', await api.GET('/api/v1/ghts', { params: { query: { region: '84' } } }), 200);
  assert.ok(ghts.items!.some((x) => x.id === ghtId));

  const e = ok('createEstablishment', await api.POST('/api/v1/establishments', {
    body: { finess_et: finess, finess_ej: finess, name: 'CH du client', type: 'ch', department: '69', ght_id: ghtId, services: ['urgences'] },
  }), 201);
  assert.equal(e.region_code, '84');
  assert.equal(ok('getEstablishment', await api.GET('/api/v1/establishments/{finess}', { params: { path } }), 200).name, 'CH du client');
  const e2 = ok('updateEstablishment', await api.PATCH('/api/v1/establishments/{finess}', {
    params: { path }, body: { city: 'Lyon' },
  }), 200);
  assert.equal(e2.city, 'Lyon');
  const list = ok('listEstablishments', await api.GET('/api/v1/establishments', {
    params: { query: { q: finess, per_page: 10 } },
  }), 200);
  assert.equal(list.total, 1);
  assert.equal(list.items![0].finess_et, finess);
  steps += 8;
}

// Evidence and compliance.
{
  const ev = ok('createEvidence', await api.POST('/api/v1/establishments/{finess}/evidence', {
    params: { path }, body: { type: 'registration', date: '2026-02-01', service: 'club-ssi' },
  }), 201);
  const evs = ok('listEvidence', await api.GET('/api/v1/establishments/{finess}/evidence', { params: { path } }), 200);
  assert.ok(evs.items!.some((x) => x.id === ev.id && x.type === 'registration'));
  const c = await api.GET('/api/v1/establishments/{finess}/compliance', { params: { path, query: { as_of: '2026-11-23' } } });
  assert.equal(c.response.status, 200);
  steps += 3;
}

// PAQ: create, read, update, note, list.
{
  const a = ok('createPaqAction', await api.POST('/api/v1/establishments/{finess}/paq/actions', {
    params: { path }, body: { title: 'Former les équipes de nuit', priority: 'medium', due: '2027-06-30' },
  }), 201);
  const id = a.id!;
  assert.equal(ok('getPaqAction', await api.GET('/api/v1/establishments/{finess}/paq/actions/{id}', { params: { path: { finess, id } } }), 200).title, 'Former les équipes de nuit');
  const a2 = ok('updatePaqAction', await api.PUT('/api/v1/establishments/{finess}/paq/actions/{id}', {
    params: { path: { finess, id } }, body: { status: 'in_progress', progress: 25 },
  }), 200);
  assert.equal(a2.progress, 25);
  ok('addPaqNote', await api.POST('/api/v1/establishments/{finess}/paq/actions/{id}/notes', {
    params: { path: { finess, id } }, body: { note: 'Première session faite.' },
  }), 201);
  const l = ok('listPaqActions', await api.GET('/api/v1/establishments/{finess}/paq/actions', {
    params: { path, query: { status: 'in_progress' } },
  }), 200);
  assert.deepEqual(l.items!.map((x) => x.id), [id]);
  steps += 5;
}

// Crisis exercises.
{
  const x = ok('createExercise', await api.POST('/api/v1/establishments/{finess}/exercises', {
    params: { path }, body: { title: 'Exercice panne électrique', date: '2026-09-10', scenario: 'ransomware', format: 'live' },
  }), 201);
  const id = x.id!;
  assert.equal(ok('getExercise', await api.GET('/api/v1/establishments/{finess}/exercises/{id}', { params: { path: { finess, id } } }), 200).status, 'planned');
  const x2 = ok('updateExercise', await api.PUT('/api/v1/establishments/{finess}/exercises/{id}', {
    params: { path: { finess, id } }, body: { title: 'Exercice cyberattaque', date: '2026-09-10', scenario: 'ransomware', format: 'table_top' },
  }), 200);
  assert.equal(x2.title, 'Exercice cyberattaque');
  const xs = ok('listExercises', await api.GET('/api/v1/establishments/{finess}/exercises', { params: { path } }), 200);
  assert.ok(xs.items!.some((e) => e.id === id));
  steps += 4;
}

// Maturity self-assessment: answers (create, then update), read, list.
{
  const y = { finess, year: 2026 };
  const first = ok('saveAssessmentAnswers', await api.PUT('/api/v1/establishments/{finess}/assessments/{year}', {
    params: { path: y }, body: { answers: [{ requirement: 'D2.P1', level: 2 }] },
  }), 200);
  assert.equal(first.status, 'draft');
  const second = ok('saveAssessmentAnswers', await api.PUT('/api/v1/establishments/{finess}/assessments/{year}', {
    params: { path: y }, body: { answers: [{ requirement: 'D2.P1', level: 3, comment: 'PSSI validée' }] },
  }), 200);
  assert.equal(second.status, 'draft');
  const read = ok('getAssessment', await api.GET('/api/v1/establishments/{finess}/assessments/{year}', { params: { path: y } }), 200);
  assert.equal(read.year, 2026);
  const all = ok('listAssessments', await api.GET('/api/v1/establishments/{finess}/assessments', { params: { path } }), 200);
  assert.deepEqual(all.items.map((a) => a.year), [2026]);
  steps += 4;
}

// Staff training: a year's coverage (create, update, read) and a campaign (create, list).
{
  const y = { finess, year: 2025 };
  const body = (trained: number) => ({ categories: [{ name: 'Soignants', headcount: 100, trained, trained_initial: 0, trained_continuing: trained }] });
  ok('putTrainingYear', await api.PUT('/api/v1/establishments/{finess}/training/{year}', { params: { path: y }, body: body(40) }), 201);
  ok('putTrainingYear', await api.PUT('/api/v1/establishments/{finess}/training/{year}', { params: { path: y }, body: body(60) }), 200);
  assert.equal(ok('getTrainingYear', await api.GET('/api/v1/establishments/{finess}/training/{year}', { params: { path: y } }), 200).trained, 60);
  ok('createTrainingCampaign', await api.POST('/api/v1/establishments/{finess}/training/campaigns', {
    params: { path }, body: { date: '2026-05-04', title: 'Module e-learning', kind: 'elearning', targeted: 100, participants: 80 },
  }), 201);
  const cs = ok('listTrainingCampaigns', await api.GET('/api/v1/establishments/{finess}/training/campaigns', { params: { path } }), 200);
  assert.ok(cs.items!.some((c) => c.title === 'Module e-learning'));
  steps += 5;
}

// Budget declarations: create, update, read, list.
{
  const y = { finess, year: 2025 };
  ok('putBudgetDeclaration', await api.PUT('/api/v1/establishments/{finess}/budget/{year}', {
    params: { path: y }, body: { total_eur: 1000000, digital_eur: 10000, cyber_eur: 5000, declared_on: '2026-02-01' },
  }), 201);
  const b = ok('putBudgetDeclaration', await api.PUT('/api/v1/establishments/{finess}/budget/{year}', {
    params: { path: y }, body: { total_eur: 1000000, digital_eur: 15000, cyber_eur: 6000, declared_on: '2026-02-01' },
  }), 200);
  assert.equal(b.threshold_met, true);
  assert.equal(ok('getBudgetDeclaration', await api.GET('/api/v1/establishments/{finess}/budget/{year}', { params: { path: y } }), 200).cyber_eur, 6000);
  const bs = ok('listBudgetDeclarations', await api.GET('/api/v1/establishments/{finess}/budget', { params: { path } }), 200);
  assert.deepEqual(bs.items!.map((x) => x.year), [2025]);
  steps += 4;
}

// The audit trail has recorded these writes.
{
  const audit = ok('listAuditEntries', await api.GET('/api/v1/audit'), 200);
  assert.ok(audit.items.length > 0);
  steps += 1;
}

console.log(`generated client: ${steps} calls answered as documented`);
