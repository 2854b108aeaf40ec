import { request, type APIRequestContext } from "@playwright/test";
import { newUser, slant, uid } from "../support/fixtures";

export const ROLES = ["anonymous", "nonMember", "annotator", "reviewer", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];
/** The same people calling with a personal access token (read+write) instead of a session cookie. */
export const TOKEN_ROLES = ["nonMember", "annotator", "reviewer", "manager", "admin"] as const;
export type TokenRole = `${(typeof TOKEN_ROLES)[number]}Token`;

export interface Fixture {
  projectId: string;
  slug: string;
  documentId: string;
  segmentId: string;
  lastSegmentId: string;
  annotatorId: string;
  users: Record<Exclude<Role, "anonymous">, { id: string; email: string; password: string }>;
}

/** One project with a document and one user per role; the admin is a site admin and not a member. */
export async function makeFixture(baseURL: string): Promise<{ fixture: Fixture; contexts: Record<Role | TokenRole, APIRequestContext> }> {
  const project = slant<{ id: string; slug: string }>("project:create", "--name", `Authz ${uid()}`, "--targets", "Armenia,Azerbaijan");
  const doc = slant<{ created: string[] }>(
    "document:add",
    "--project",
    project.slug,
    "--file",
    "server/demo/trtworld-karabakh-2020.txt",
    "--title",
    "Authz doc",
  );
  const users = {
    nonMember: newUser("authz-stranger"),
    annotator: newUser("authz-annotator"),
    reviewer: newUser("authz-reviewer"),
    manager: newUser("authz-manager"),
    admin: newUser("authz-admin"),
  };
  slant("user:make-admin", "--email", users.admin.email);
  for (const role of ["annotator", "reviewer", "manager"] as const)
    slant("member:add", "--project", project.slug, "--email", users[role].email, "--role", role.toUpperCase());
  const contexts = {} as Record<Role | TokenRole, APIRequestContext>;
  for (const role of TOKEN_ROLES) {
    const { secret } = slant<{ secret: string }>(
      "token:create",
      "--email",
      users[role].email,
      "--name",
      "authorization matrix",
      "--scope",
      "write",
    );
    contexts[`${role}Token`] = await request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  }
  contexts.anonymous = await request.newContext({ baseURL });
  for (const role of ["nonMember", "annotator", "reviewer", "manager", "admin"] as const) {
    const ctx = await request.newContext({ baseURL });
    const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
    const res = await ctx.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: users[role].email, password: users[role].password, json: "true" },
    });
    if (!res.ok()) throw new Error(`sign-in failed for ${role}: ${res.status()}`);
    contexts[role] = ctx;
  }
  const documentId = doc.created[0]!;
  const d = await (await contexts.annotator.get(`/api/v1/documents/${documentId}`)).json();
  const segmentId = d.segments.find((s: { isBoilerplate: boolean }) => !s.isBoilerplate).id as string;
  const lastSegmentId = d.segments.at(-1).id as string;
  return {
    fixture: { projectId: project.id, slug: project.slug, documentId, segmentId, lastSegmentId, annotatorId: users.annotator.id, users },
    contexts,
  };
}
