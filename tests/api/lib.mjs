// Shared steps of the API contract tests: the OpenAPI document as the modules write it
// (src/web/openapi.json plus every src/<module>/openapi.json, merged as the server merges
// them), a `carepilot serve --demo` on a loopback port, and an API token of a national
// administrator created through the token API (docs/auth.md).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { totp, startCarepilot, DEMO, DEMO_PASSWORD } from '../browser/lib.mjs';

export { startCarepilot, DEMO, DEMO_PASSWORD };

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const readJson = (f) => JSON.parse(readFileSync(f, 'utf8'));

// { module: part } for every src/<module>/openapi.json except the base (src/web).
export function openapiParts() {
  const parts = {};
  for (const mod of readdirSync(join(root, 'src')).sort()) {
    const f = join(root, 'src', mod, 'openapi.json');
    if (mod !== 'web' && existsSync(f)) parts[mod] = readJson(f);
  }
  return parts;
}

export const openapiBase = () => readJson(join(root, 'src', 'web', 'openapi.json'));

// The base document with the given parts merged in (paths and components), as
// web/ops_routes.cpp does for the served document.
export function mergeParts(base, parts) {
  const doc = structuredClone(base);
  for (const part of parts) {
    for (const [path, item] of Object.entries(part.paths || {})) doc.paths[path] = item;
    for (const [kind, defs] of Object.entries(part.components || {})) {
      doc.components[kind] ??= {};
      Object.assign(doc.components[kind], defs);
    }
  }
  return doc;
}

// Every operation: [{ path, method, op, pathItem }].
export const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
export function operations(doc) {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths || {}))
    for (const method of METHODS) if (item[method]) out.push({ path, method, op: item[method], pathItem: item });
  return out;
}

function cookieJar() {
  const jar = new Map();
  return {
    header: () => [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    take(res) {
      for (const c of res.headers.getSetCookie()) {
        const [kv] = c.split(';');
        const i = kv.indexOf('=');
        jar.set(kv.slice(0, i).trim(), kv.slice(i + 1).trim());
      }
    },
  };
}

const hidden = (html, name) => {
  const m = html.match(new RegExp(`name="${name}" value="([^"]*)"`));
  return m ? m[1] : '';
};

// Signs in the demo national administrator (enrolling its second factor through the
// enrolment page), then creates a personal API token with POST /api/v1/tokens under the
// session and its CSRF token (a token cannot create tokens). Returns the token "cpt_…";
// adminSession() also returns the session's cookie header and CSRF token.
export async function adminToken(base, options) {
  return (await adminSession(base, options)).token;
}

export async function adminSession(base, { email = DEMO.admin, role = 'national_admin' } = {}) {
  const jar = cookieJar();
  const go = async (path, init = {}) => {
    const res = await fetch(base + path, {
      redirect: 'manual', ...init, headers: { cookie: jar.header(), ...(init.headers || {}) },
    });
    jar.take(res);
    return res;
  };
  const form = (fields) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  let page = await (await go('/connexion')).text();
  let res = await go('/connexion', form({ email, password: DEMO_PASSWORD, csrf: hidden(page, 'csrf') }));
  if (res.status !== 303 && res.status !== 302) throw new Error(`sign-in answered ${res.status}`);
  page = await (await go('/connexion/enrolement')).text();
  const secret = page.match(/data-testid="totp-secret"[^>]*>\s*([A-Z2-7]{16,})/)?.[1];
  if (!secret) throw new Error('no TOTP secret on the enrolment page');
  res = await go('/connexion/enrolement', form({ code: totp(secret), csrf: hidden(page, 'csrf') }));
  if (res.status !== 200) throw new Error(`enrolment answered ${res.status}`);
  page = await res.text();
  const csrf = hidden(page, 'csrf') || hidden(await (await go('/compte')).text(), 'csrf');
  res = await go('/api/v1/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify({ name: 'contrat API', role, days: 1 }),
  });
  const body = await res.json();
  if (res.status !== 201 || !/^cpt_/.test(body.token)) throw new Error(`token: ${res.status} ${JSON.stringify(body)}`);
  return { token: body.token, cookie: jar.header(), csrf };
}
