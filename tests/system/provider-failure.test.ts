/**
 * A failing suggestion provider configured the way a site does it (SUGGEST_HTTP_URL in the
 * server's environment), against a real `next start` server: an upload is imported, an annotator
 * saves labels, nothing of the provider is stored, and the manager sees the failure in
 * GET /api/v1/projects/{id}/suggestions and on the project's Suggestions page (looked at in
 * Chromium: screenshot, axe). Only the built server shows that the environment reaches the providers.
 */
import AxeBuilder from "@axe-core/playwright";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { expect, it } from "vitest";
import { signInCookie, startServer, type BenchServer } from "../../bench/support/server";
import { closeFakeServers, fakeServer } from "../support/fake-server";
import { useSystemDatabase } from "./support";
import { loadSuggestions } from "@/server/suggestions/sets";

const PORT = Number(process.env.PROVIDER_FAILURE_PORT ?? 3632);
let server: BenchServer | undefined;
const db = useSystemDatabase(async () => {
  await server?.stop();
  await closeFakeServers();
});

/** A Cookie header (signInCookie) as the browser's cookies for `url`. */
const browserCookies = (header: string, url: string) =>
  header.split("; ").map((c) => ({ name: c.slice(0, c.indexOf("=")), value: c.slice(c.indexOf("=") + 1), url }));

interface Runs {
  providers: { provider: string; counts: Record<string, number>; errors: { title: string; status: string; error: string }[] }[];
}

it("a provider answering 500: import and labels work, nothing of it is stored, managers see why on the page and in the API", async () => {
  let calls = 0;
  const provider = await fakeServer((req, res) => {
    calls++;
    req.resume();
    res.writeHead(500, { "content-type": "text/plain" });
    res.end("model server crashed");
  });
  const { SYSTEM_ACTOR } = await import("@/server/auth/actor");
  const { createUser } = await import("@/server/users");
  const { addMember, createProject } = await import("@/server/projects");
  const project = await createProject(SYSTEM_ACTOR, { name: "Provider failure", targets: ["Turkey", "Azerbaijan"] });
  const people = { manager: "MANAGER", annotator: "ANNOTATOR" } as const;
  for (const [who, role] of Object.entries(people)) {
    await createUser(SYSTEM_ACTOR, { email: `${who}@provider.test`, name: who, password: `${who}-password-1` });
    await addMember(SYSTEM_ACTOR, project.id, { email: `${who}@provider.test`, role });
  }

  server = await startServer(db.config!, PORT, { SUGGEST_HTTP_URL: provider, SUGGEST_PROVIDER_TIMEOUT_MS: "20000" });
  const base = server.baseUrl;
  const manager = await signInCookie(base, "manager@provider.test", "manager-password-1");
  const annotator = await signInCookie(base, "annotator@provider.test", "annotator-password-1");

  const form = new FormData();
  const article = 'Talks stall in Geneva\n\n"We are not there yet," Turkish Foreign Minister Mevlut Cavusoglu said. (Written for Slant.)';
  form.append("files", new Blob([article], { type: "text/plain" }), "geneva.txt");
  const upload = await fetch(`${base}/api/v1/projects/${project.slug}/imports`, {
    method: "POST",
    headers: { cookie: manager },
    body: form,
  });
  expect(upload.status).toBe(202);
  const { job } = (await upload.json()) as { job: { id: string } };
  const jobStatus = async () =>
    (
      (await (await fetch(`${base}/api/v1/projects/${project.slug}/imports/${job.id}`, { headers: { cookie: manager } })).json()) as {
        job: { status: string };
      }
    ).job.status;
  await expect.poll(jobStatus, { timeout: 120_000, interval: 200 }).toBe("done");

  const runs = async () =>
    ((await (await fetch(`${base}/api/v1/projects/${project.slug}/suggestions`, { headers: { cookie: manager } })).json()) as Runs)
      .providers;
  await expect
    .poll(async () => (await runs()).map((r) => [r.provider, r.counts.done, r.counts.failed]).sort(), { timeout: 120_000, interval: 200 })
    .toEqual([
      ["http", 0, 1],
      ["rules", 1, 0],
    ]);
  expect(calls).toBe(1);
  const http = (await runs()).find((r) => r.provider === "http")!;
  expect(http.errors).toEqual([
    expect.objectContaining({
      title: "Talks stall in Geneva",
      status: "failed",
      error: expect.stringMatching(/answered 500 Internal Server Error: model server crashed$/),
    }),
  ]);

  // The document is annotatable: the annotator's label is saved; the suggestions are the rules' only.
  const { getDb } = await import("@/server/db/client");
  const stored = await getDb();
  const doc = await stored.document.findFirstOrThrow({
    where: { projectId: project.id },
    include: { segments: { orderBy: { index: "asc" } } },
  });
  const saved = await fetch(`${base}/api/v1/annotations`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: annotator },
    body: JSON.stringify({
      documentId: doc.id,
      segmentId: doc.segments[1]!.id,
      dimension: "sourcing",
      target: null,
      value: "direct_quote",
      baseVersion: null,
    }),
  });
  expect(saved.status).toBe(200);
  const suggestions = await fetch(`${base}/api/v1/projects/${project.slug}/documents/${doc.id}/suggestions`, {
    headers: { cookie: annotator },
  });
  const { suggestions: list } = (await suggestions.json()) as { suggestions: { provider: string }[] };
  expect(list.length).toBeGreaterThan(0);
  expect(new Set(list.map((s) => s.provider))).toEqual(new Set(["rules"]));
  expect((await loadSuggestions(stored, { projectId: project.id, provider: "http" })).length).toBe(0);

  // The manager's page says it, in words.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies(browserCookies(manager, base));
    const page = await context.newPage();
    await page.goto(`${base}/projects/${project.slug}`);
    await page.screenshot({ path: "/tmp/suggest-providers-project.png" });
    await page.getByRole("link", { name: "Suggestions · ⚠ 1 failed" }).click();
    await page.waitForURL(`${base}/projects/${project.slug}/suggestions`);
    await page.getByRole("heading", { name: "Errors of http" }).waitFor();
    const text = await page.locator("main").innerText();
    expect(text).toContain("1 document's suggestions failed");
    expect(text).toMatch(/answered 500 Internal Server Error: model server crashed/);
    expect(await page.getByRole("row", { name: /^rules/ }).innerText()).toMatch(/rules\s+0\s+0\s+1\s+0/);
    expect(await page.getByRole("row", { name: /^http/ }).innerText()).toMatch(/http\s+0\s+0\s+0\s+1/);
    await page.screenshot({ path: "/tmp/suggest-providers-page.png", fullPage: true });
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
    // An annotator is refused the page.
    const other = await browser.newContext();
    await other.addCookies(browserCookies(annotator, base));
    const refused = await (await other.newPage()).goto(`${base}/projects/${project.slug}/suggestions`);
    expect(refused!.status()).toBe(403);
  } finally {
    await browser.close();
  }
}, 600_000);
