import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { makeFixture, ROLES, TOKEN_ROLES, type Fixture, type Role, type TokenRole } from "./authz/fixture";
import { ROUTES, type Outcome } from "./authz/routes";

/** Every page and every exported HTTP method of every route handler under app/. */
function discoverRoutes(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name === "page.tsx") out.push(`GET ${full}`);
      else if (e.name === "route.ts") {
        const src = readFileSync(full, "utf8");
        const methods = new Set<string>();
        for (const m of src.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(m[1]!);
        for (const m of src.matchAll(/export\s*\{([^}]*)\}/g))
          for (const n of m[1]!.matchAll(/as\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(n[1]!);
        for (const m of methods) out.push(`${m} ${full}`);
      }
    }
  };
  walk("app");
  return out.sort();
}

test("every page and route handler has an entry in the authorization matrix", () => {
  const registered = new Set(ROUTES.map((r) => `${r.method} ${r.file}`));
  const missing = discoverRoutes().filter((r) => !registered.has(r));
  expect(missing, "add these to e2e/authz/routes.ts").toEqual([]);
  const stale = [...registered].filter((r) => !discoverRoutes().includes(r));
  expect(stale, "entries for routes that no longer exist").toEqual([]);
});

test.describe("authorization matrix", () => {
  // Not serial: one failing route must not hide the others.
  let fixture: Fixture;
  let contexts: Record<Role | TokenRole, APIRequestContext>;

  test.beforeAll(async ({ baseURL }) => {
    ({ fixture, contexts } = await makeFixture(baseURL!));
  });
  test.afterAll(async () => {
    for (const c of Object.values(contexts ?? {})) await c.dispose();
  });

  for (const route of ROUTES) {
    test(`${route.method} ${route.file}`, async () => {
      const got: Record<string, Outcome | number> = {};
      // A token authenticates the API only: on pages its holder is anonymous.
      const expected: Record<string, Outcome> = { ...route.expect };
      const isApi = route.path(fixture).startsWith("/api/v1/");
      for (const role of TOKEN_ROLES) expected[`${role}Token`] = isApi ? route.expect[role] : route.expect.anonymous;
      for (const role of [...ROLES, ...TOKEN_ROLES.map((r) => `${r}Token` as const)]) {
        const url = route.path(fixture);
        const res = await contexts[role].fetch(url, { method: route.method, data: route.body?.(fixture), maxRedirects: 0 });
        const status = res.status();
        const location = res.headers()["location"] ?? "";
        got[role] =
          status >= 300 && status < 400 ? (location.includes("/login") ? "login" : "ok") : status >= 200 && status < 300 ? "ok" : status;
      }
      expect(got).toEqual(expected);
    });
  }
});
