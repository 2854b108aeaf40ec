/**
 * The authorization matrix: every page and every route handler method of app/, and what each
 * role gets. e2e/authz.spec.ts fails when a route exists without an entry here.
 * Outcomes: "ok" (2xx), 401, 403, 404, "login" (a page redirecting to the sign-in page), and 422 where
 * the request is deliberately invalid (to leave the fixture unchanged): authorized, then refused.
 */
import type { Fixture, Role } from "./fixture";

export type Outcome = "ok" | 401 | 403 | 404 | 422 | "login";
export interface Entry {
  file: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  expect: Record<Role, Outcome>;
}

const outcome = (
  anonymous: Outcome,
  nonMember: Outcome,
  annotator: Outcome,
  reviewer: Outcome,
  manager: Outcome,
  admin: Outcome,
): Record<Role, Outcome> => ({
  anonymous,
  nonMember,
  annotator,
  reviewer,
  manager,
  admin,
});
/** Any signed-in user. */
const signedIn = (anon: Outcome = 401) => outcome(anon, "ok", "ok", "ok", "ok", "ok");
/** Members of the project (and site admins); strangers learn nothing. */
const members = (anon: Outcome = 401) => outcome(anon, 404, "ok", "ok", "ok", "ok");
/** Reviewers and managers (and admins); annotators are refused. */
const reviewers = (anon: Outcome = 401) => outcome(anon, 404, 403, "ok", "ok", "ok");
/** Managers (and admins) only. */
const managers = (anon: Outcome = 401) => outcome(anon, 404, 403, 403, "ok", "ok");
const everyone = outcome("ok", "ok", "ok", "ok", "ok", "ok");

const p = (f: Fixture) => `/projects/${f.slug}`;
const api = (f: Fixture) => `/api/v1/projects/${f.slug}`;
const label = (f: Fixture) => ({
  documentId: f.documentId,
  segmentId: f.segmentId,
  dimension: "sourcing",
  target: null,
  value: "no_claim",
  baseVersion: null,
});

export const ROUTES: Entry[] = [
  // Pages
  { file: "app/page.tsx", method: "GET", path: () => "/", expect: everyone },
  { file: "app/(auth)/login/page.tsx", method: "GET", path: () => "/login", expect: everyone },
  { file: "app/(app)/projects/page.tsx", method: "GET", path: () => "/projects", expect: signedIn("login") },
  {
    file: "app/(app)/projects/new/page.tsx",
    method: "GET",
    path: () => "/projects/new",
    expect: outcome("login", 403, 403, 403, "ok", "ok"),
  },
  { file: "app/(app)/projects/[projectId]/page.tsx", method: "GET", path: p, expect: members("login") },
  { file: "app/(app)/projects/[projectId]/settings/page.tsx", method: "GET", path: (f) => `${p(f)}/settings`, expect: managers("login") },
  {
    file: "app/(app)/projects/[projectId]/suggestions/page.tsx",
    method: "GET",
    path: (f) => `${p(f)}/suggestions`,
    expect: managers("login"),
  },
  { file: "app/(app)/projects/[projectId]/import/page.tsx", method: "GET", path: (f) => `${p(f)}/import`, expect: managers("login") },
  { file: "app/(app)/projects/[projectId]/export/page.tsx", method: "GET", path: (f) => `${p(f)}/export`, expect: members("login") },
  { file: "app/(app)/projects/[projectId]/audit/page.tsx", method: "GET", path: (f) => `${p(f)}/audit`, expect: managers("login") },
  { file: "app/(app)/projects/[projectId]/sources/page.tsx", method: "GET", path: (f) => `${p(f)}/sources`, expect: reviewers("login") },
  { file: "app/(app)/projects/[projectId]/progress/page.tsx", method: "GET", path: (f) => `${p(f)}/progress`, expect: reviewers("login") },
  {
    file: "app/(app)/projects/[projectId]/agreement/page.tsx",
    method: "GET",
    path: (f) => `${p(f)}/agreement`,
    expect: reviewers("login"),
  },
  { file: "app/(app)/projects/[projectId]/review/page.tsx", method: "GET", path: (f) => `${p(f)}/review`, expect: reviewers("login") },
  { file: "app/(app)/projects/[projectId]/quality/page.tsx", method: "GET", path: (f) => `${p(f)}/quality`, expect: reviewers("login") },
  {
    file: "app/(app)/projects/[projectId]/review/[documentId]/page.tsx",
    method: "GET",
    path: (f) => `${p(f)}/review/${f.documentId}`,
    expect: reviewers("login"),
  },
  {
    file: "app/(workspace)/projects/[projectId]/documents/[documentId]/page.tsx",
    method: "GET",
    path: (f) => `${p(f)}/documents/${f.documentId}`,
    expect: members("login"),
  },
  {
    file: "app/(app)/projects/[projectId]/documents/[documentId]/segments/page.tsx",
    method: "GET",
    path: (f) => `${p(f)}/documents/${f.documentId}/segments`,
    expect: managers("login"),
  },
  {
    // The fixture's project is blind: a report combines every annotator's labels, so annotators are refused.
    file: "app/(app)/projects/[projectId]/documents/[documentId]/report/page.tsx",
    method: "GET",
    path: (f) => `${p(f)}/documents/${f.documentId}/report`,
    expect: reviewers("login"),
  },
  { file: "app/(app)/projects/[projectId]/reports/page.tsx", method: "GET", path: (f) => `${p(f)}/reports`, expect: reviewers("login") },
  {
    // The fixture has no stories: authorized, then the not-found page.
    file: "app/(app)/projects/[projectId]/reports/comparison/page.tsx",
    method: "GET",
    path: (f) => `${p(f)}/reports/comparison?story=none`,
    expect: outcome("login", 404, 403, 404, 404, 404),
  },
  { file: "app/(app)/admin/users/page.tsx", method: "GET", path: () => "/admin/users", expect: outcome("login", 404, 404, 404, 404, "ok") },
  { file: "app/(app)/settings/tokens/page.tsx", method: "GET", path: () => "/settings/tokens", expect: signedIn("login") },
  { file: "app/(app)/settings/password/page.tsx", method: "GET", path: () => "/settings/password", expect: signedIn("login") },

  // Route handlers
  { file: "app/api/health/route.ts", method: "GET", path: () => "/api/health", expect: everyone },
  { file: "app/api/auth/[...nextauth]/route.ts", method: "GET", path: () => "/api/auth/csrf", expect: everyone },
  { file: "app/api/auth/[...nextauth]/route.ts", method: "POST", path: () => "/api/auth/_log", body: () => ({}), expect: everyone },
  { file: "app/api/v1/openapi.json/route.ts", method: "GET", path: () => "/api/v1/openapi.json", expect: everyone },
  { file: "app/api/v1/provider-protocol.json/route.ts", method: "GET", path: () => "/api/v1/provider-protocol.json", expect: everyone },
  { file: "app/api/v1/projects/route.ts", method: "GET", path: () => "/api/v1/projects", expect: signedIn() },
  { file: "app/api/v1/projects/[projectId]/route.ts", method: "GET", path: api, expect: members() },
  { file: "app/api/v1/projects/[projectId]/documents/route.ts", method: "GET", path: (f) => `${api(f)}/documents`, expect: members() },
  {
    file: "app/api/v1/projects/[projectId]/documents/route.ts",
    method: "PATCH",
    path: (f) => `${api(f)}/documents`,
    // No story on a document that has none: authorized, nothing changes.
    body: (f) => ({ documentIds: [f.documentId], story: null }),
    expect: managers(),
  },
  { file: "app/api/v1/projects/[projectId]/annotations/route.ts", method: "GET", path: (f) => `${api(f)}/annotations`, expect: members() },
  { file: "app/api/v1/projects/[projectId]/agreement/route.ts", method: "GET", path: (f) => `${api(f)}/agreement`, expect: reviewers() },
  { file: "app/api/v1/projects/[projectId]/quality/route.ts", method: "GET", path: (f) => `${api(f)}/quality`, expect: reviewers() },
  {
    file: "app/api/v1/projects/[projectId]/assignments/route.ts",
    method: "GET",
    path: (f) => `${api(f)}/assignments`,
    expect: reviewers(),
  },
  {
    file: "app/api/v1/projects/[projectId]/assignments/route.ts",
    method: "POST",
    path: (f) => `${api(f)}/assignments`,
    body: (f) => ({ documentIds: [f.documentId], userIds: [f.annotatorId], assign: true }),
    expect: managers(),
  },
  {
    file: "app/api/v1/projects/[projectId]/next-document/route.ts",
    method: "POST",
    path: (f) => `${api(f)}/next-document`,
    body: () => ({}),
    expect: members(),
  },
  {
    file: "app/api/v1/projects/[projectId]/suggestions/route.ts",
    method: "GET",
    path: (f) => `${api(f)}/suggestions`,
    expect: managers(),
  },
  {
    file: "app/api/v1/projects/[projectId]/suggestions/route.ts",
    method: "POST",
    path: (f) => `${api(f)}/suggestions`,
    body: (f) => ({ documentIds: [f.documentId] }),
    expect: managers(),
  },
  {
    file: "app/api/v1/projects/[projectId]/documents/[documentId]/suggestions/route.ts",
    method: "GET",
    path: (f) => `${api(f)}/documents/${f.documentId}/suggestions`,
    expect: members(),
  },
  { file: "app/api/v1/projects/[projectId]/reports/route.ts", method: "GET", path: (f) => `${api(f)}/reports`, expect: reviewers() },
  {
    file: "app/api/v1/projects/[projectId]/reports/articles/route.ts",
    method: "GET",
    path: (f) => `${api(f)}/reports/articles`,
    expect: reviewers(),
  },
  {
    // The fixture has no stories: authorized, then "no such story".
    file: "app/api/v1/projects/[projectId]/reports/comparison/route.ts",
    method: "GET",
    path: (f) => `${api(f)}/reports/comparison?story=none`,
    expect: outcome(401, 404, 403, 404, 404, 404),
  },
  {
    file: "app/api/v1/projects/[projectId]/documents/[documentId]/report/route.ts",
    method: "GET",
    path: (f) => `${api(f)}/documents/${f.documentId}/report`,
    expect: reviewers(),
  },
  { file: "app/api/v1/projects/[projectId]/sources/route.ts", method: "GET", path: (f) => `${api(f)}/sources`, expect: reviewers() },
  {
    // A side the project does not have: refused after the access check, nothing written.
    file: "app/api/v1/projects/[projectId]/sources/route.ts",
    method: "POST",
    path: (f) => `${api(f)}/sources`,
    body: () => ({ name: "Authz source", side: "no-such-side" }),
    expect: outcome(401, 404, 403, 403, 422, 422),
  },
  ...(["PATCH", "DELETE"] as const).map((method): Entry => ({
    file: "app/api/v1/projects/[projectId]/sources/[sourceId]/route.ts",
    method,
    path: (f) => `${api(f)}/sources/no-such-source`,
    body: () => ({ side: null }),
    expect: outcome(401, 404, 403, 403, 404, 404),
  })),
  {
    file: "app/api/v1/projects/[projectId]/sources/[sourceId]/aliases/route.ts",
    method: "POST",
    path: (f) => `${api(f)}/sources/no-such-source/aliases`,
    body: () => ({ names: ["Authz"] }),
    expect: outcome(401, 404, 403, 403, 404, 404),
  },
  {
    file: "app/api/v1/projects/[projectId]/sources/merge/route.ts",
    method: "POST",
    path: (f) => `${api(f)}/sources/merge`,
    body: () => ({ into: "no-such-source", from: ["another"] }),
    expect: outcome(401, 404, 403, 403, 404, 404),
  },
  {
    file: "app/api/v1/projects/[projectId]/sources/split/route.ts",
    method: "POST",
    path: (f) => `${api(f)}/sources/split`,
    body: () => ({ aliasIds: ["no-such-alias"] }),
    expect: outcome(401, 404, 403, 403, 404, 404),
  },
  {
    file: "app/api/v1/projects/[projectId]/sources/attributes/route.ts",
    method: "PUT",
    path: (f) => `${api(f)}/sources/attributes`,
    body: () => ({ attributes: [] }),
    expect: managers(),
  },
  {
    file: "app/api/v1/projects/[projectId]/sources/names/route.ts",
    method: "GET",
    path: (f) => `${api(f)}/sources/names`,
    expect: members(),
  },
  { file: "app/api/v1/projects/[projectId]/imports/route.ts", method: "GET", path: (f) => `${api(f)}/imports`, expect: managers() },
  {
    file: "app/api/v1/projects/[projectId]/imports/route.ts",
    method: "POST",
    path: (f) => `${api(f)}/imports`,
    body: () => ({ text: "Authorization matrix check. A pasted article.", title: "Pasted" }),
    expect: managers(),
  },
  {
    file: "app/api/v1/projects/[projectId]/imports/[jobId]/route.ts",
    method: "GET",
    path: (f) => `${api(f)}/imports/no-such-job`,
    expect: outcome(401, 404, 403, 403, 404, 404),
  },
  {
    file: "app/api/v1/projects/[projectId]/export/route.ts",
    method: "GET",
    path: (f) => `${api(f)}/export?format=jsonl`,
    expect: members(),
  },
  {
    file: "app/api/v1/projects/[projectId]/export/estimate/route.ts",
    method: "GET",
    path: (f) => `${api(f)}/export/estimate?format=jsonl`,
    expect: members(),
  },
  {
    file: "app/api/v1/documents/[documentId]/route.ts",
    method: "GET",
    path: (f) => `/api/v1/documents/${f.documentId}`,
    expect: members(),
  },
  {
    file: "app/api/v1/documents/[documentId]/route.ts",
    method: "PATCH",
    path: (f) => `/api/v1/documents/${f.documentId}`,
    body: () => ({ story: null }),
    expect: managers(),
  },
  {
    file: "app/api/v1/documents/[documentId]/annotations/route.ts",
    method: "GET",
    path: (f) => `/api/v1/documents/${f.documentId}/annotations`,
    expect: members(),
  },
  {
    file: "app/api/v1/documents/[documentId]/done/route.ts",
    method: "POST",
    path: (f) => `/api/v1/documents/${f.documentId}/done`,
    body: () => ({ done: false }),
    expect: members(),
  },
  {
    file: "app/api/v1/documents/[documentId]/gold/route.ts",
    method: "GET",
    path: (f) => `/api/v1/documents/${f.documentId}/gold`,
    expect: reviewers(),
  },
  {
    file: "app/api/v1/documents/[documentId]/review-comments/route.ts",
    method: "GET",
    path: (f) => `/api/v1/documents/${f.documentId}/review-comments`,
    expect: members(),
  },
  {
    file: "app/api/v1/documents/[documentId]/segments/split/route.ts",
    method: "POST",
    path: (f) => `/api/v1/documents/${f.documentId}/segments/split`,
    body: (f) => ({ segmentId: f.segmentId, at: 0 }),
    expect: outcome(401, 404, 403, 403, 422, 422),
  },
  {
    file: "app/api/v1/documents/[documentId]/segments/merge/route.ts",
    method: "POST",
    path: (f) => `/api/v1/documents/${f.documentId}/segments/merge`,
    // Two sentences that are not neighbours: refused after the access check, nothing changes.
    body: (f) => ({ segmentIds: [f.segmentId, f.lastSegmentId] }),
    expect: outcome(401, 404, 403, 403, 422, 422),
  },
  { file: "app/api/v1/annotations/route.ts", method: "POST", path: () => "/api/v1/annotations", body: label, expect: members() },
  {
    file: "app/api/v1/segment-status/route.ts",
    method: "POST",
    path: () => "/api/v1/segment-status",
    body: (f) => ({ documentId: f.documentId, segmentId: f.segmentId, confirmed: false, baseVersion: null }),
    expect: members(),
  },
  {
    file: "app/api/v1/segment-time/route.ts",
    method: "POST",
    path: () => "/api/v1/segment-time",
    // Adds a millisecond to the caller's own time: no label changes.
    body: (f) => ({ documentId: f.documentId, entries: [{ segmentId: f.segmentId, ms: 1 }] }),
    expect: members(),
  },
  {
    file: "app/api/v1/gold/route.ts",
    method: "POST",
    path: () => "/api/v1/gold",
    body: (f) => ({ ...label(f), comment: "" }),
    expect: reviewers(),
  },
  {
    file: "app/api/v1/review/send-back/route.ts",
    method: "POST",
    path: () => "/api/v1/review/send-back",
    body: (f) => ({ documentId: f.documentId, segmentId: f.segmentId, annotatorId: f.annotatorId, comment: "Please check the source." }),
    expect: reviewers(),
  },
  // Any other path under /api/v1: a JSON 404 for everyone.
  ...(["GET", "POST", "PUT", "PATCH", "DELETE"] as const).map((method): Entry => ({
    file: "app/api/v1/[...path]/route.ts",
    method,
    path: () => "/api/v1/no-such-route",
    expect: outcome(404, 404, 404, 404, 404, 404),
  })),
];
