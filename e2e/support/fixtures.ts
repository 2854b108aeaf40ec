import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";

/** Runs the Slant CLI against the e2e database and returns its JSON output. */
export function slant<T = Record<string, unknown>>(...args: string[]): T {
  const out = execFileSync(process.execPath, ["scripts/run.mjs", "slant", ...args, "--json"], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return JSON.parse(out) as T;
}

export const uid = () => randomBytes(4).toString("hex");

/** A fresh user of its own for one test, so tests never share mutable state. */
export function newUser(prefix = "user") {
  const email = `${prefix}-${uid()}@e2e.test`;
  const password = `pw-${uid()}-${uid()}`;
  const user = slant<{ id: string }>("user:create", "--email", email, "--name", `${prefix} ${uid()}`, "--password", password);
  return { id: user.id, email, password };
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects/);
}

export const DEMO = {
  admin: { email: "admin@slant.demo", password: "slant-demo-admin" },
  manager: { email: "manager@slant.demo", password: "slant-demo-manager" },
  annotator1: { email: "annotator1@slant.demo", password: "slant-demo-annotator1" },
  annotator2: { email: "annotator2@slant.demo", password: "slant-demo-annotator2" },
};
export const DEMO_PROJECT_NAME = "Karabakh coverage, October 2020 (demo)";

type Role = "MANAGER" | "REVIEWER" | "ANNOTATOR";

/**
 * A fresh project of its own (slug `<prefix>-<random>`) holding the demo article, with a new user
 * for each name in `roles`, a member in that role.
 */
export function projectWithTeam<N extends string>(prefix: string, roles: Record<N, Role>, targets = "Armenia,Azerbaijan,Turkey") {
  const slug = `${prefix}-${uid()}`;
  slant("project:create", "--name", `${prefix} ${slug}`, "--slug", slug, "--targets", targets);
  const users = {} as Record<N, ReturnType<typeof newUser>>;
  for (const [name, role] of Object.entries(roles) as [N, Role][]) {
    users[name] = newUser(`${prefix}-${name}`);
    slant("member:add", "--project", slug, "--email", users[name].email, "--role", role);
  }
  const documentId = slant<{ created: string[] }>(
    "document:add",
    "--project",
    slug,
    "--file",
    "server/demo/trtworld-karabakh-2020.txt",
    "--title",
    "Karabakh",
  ).created[0]!;
  return { slug, documentId, users };
}

/** Labels sentences through the API as the signed-in annotator ("dimension:target" → value), and confirms them. */
export async function labelThroughApi(page: Page, documentId: string, sentences: [string, Record<string, unknown>][]) {
  for (const [segmentId, labels] of sentences) {
    for (const [key, value] of Object.entries(labels)) {
      const [dimension, target] = key.split(":");
      const res = await page.request.post("/api/v1/annotations", {
        data: { documentId, segmentId, dimension, target: target || null, value, baseVersion: null },
      });
      expect(res.status(), await res.text()).toBe(200);
    }
    const res = await page.request.post("/api/v1/segment-status", { data: { documentId, segmentId, confirmed: true, baseVersion: null } });
    expect(res.status(), await res.text()).toBe(200);
  }
}
