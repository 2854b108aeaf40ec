import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { newUser, signIn, slant, uid } from "./support/fixtures";
import { ROUTES } from "./authz/routes";
import type { Fixture } from "./authz/fixture";

/**
 * Outlet-blind annotation: a manager switches it on and names the outlet's aliases; then every page
 * an annotator can reach (e2e/authz/routes.ts) shows neither the outlet (by any of its names), nor
 * the author, nor the URL, in its text or its HTML; and a span the annotator marks over a masked
 * name is stored with the original text's offsets.
 */

const ARTICLE = readFileSync("server/demo/trtworld-karabakh-2020.txt", "utf8");
// The demo's real article under its real outlet; the author line is made up for Slant's tests.
const AUTHOR = "Slanttest Byline";
const URL_ = "https://www.trtworld.com/slant-e2e-article";
const LEAKS = [/trt\s?world/i, /\btrt\b/i, /slanttest/i];
const leaks = (s: string) => LEAKS.filter((r) => r.test(s)).map(String);

async function axeClean(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("outlet-blind: an annotator never sees the outlet, and spans marked on masked text keep the original offsets", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(480_000);
  const slug = `outlet-blind-${uid()}`;
  const project = slant<{ id: string }>(
    "project:create",
    "--name",
    `Outlet-blind ${slug}`,
    "--slug",
    slug,
    "--targets",
    "Armenia,Azerbaijan,Turkey",
  );
  const manager = newUser("ob-manager");
  const annotator = newUser("ob-annotator");
  slant("member:add", "--project", slug, "--email", manager.email, "--role", "MANAGER");
  slant("member:add", "--project", slug, "--email", annotator.email, "--role", "ANNOTATOR");
  const file = path.join(mkdtempSync(path.join(tmpdir(), "slant-ob-")), "article.jsonl");
  writeFileSync(
    file,
    `${JSON.stringify({ title: "TRT World: Aliyev on peace talks", text: ARTICLE, outlet: "TRT World", author: AUTHOR, url: URL_ })}\n`,
  );
  slant("import", "--project", slug, file);

  // The manager switches outlet-blind on and gives the outlet its other names.
  await signIn(page, manager.email, manager.password);
  await page.goto(`/projects/${slug}/settings`);
  await page.getByLabel("Outlet-blind annotation").check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Saved annotation settings")).toBeVisible();
  await page.getByLabel("Other names of TRT World").fill("TRTWorld, TRT, TRT Haber");
  await page.getByRole("button", { name: "Save aliases" }).click();
  await expect(page.getByText("Saved 3 outlet aliases")).toBeVisible();
  await page
    .locator("form", { has: page.getByRole("heading", { name: "Outlet aliases" }) })
    .screenshot({ path: testInfo.outputPath("settings-outlet-aliases.png") });
  await axeClean(page);
  const original = (await (await page.request.get(`/api/v1/projects/${slug}/documents`)).json()) as { documents: { id: string }[] };
  const documentId = original.documents[0]!.id;
  const stored = (await (await page.request.get(`/api/v1/documents/${documentId}`)).json()) as { text: string; outlet: string };
  expect(stored.outlet).toBe("TRT World");

  // The annotator visits every page an annotator can reach.
  const annotatorContext = await browser.newContext();
  const ap = await annotatorContext.newPage();
  await signIn(ap, annotator.email, annotator.password);
  const segments = (await (await ap.request.get(`/api/v1/documents/${documentId}`)).json()) as { segments: { id: string }[] };
  const fixture: Fixture = {
    projectId: project.id,
    slug,
    documentId,
    segmentId: segments.segments[0]!.id,
    lastSegmentId: segments.segments.at(-1)!.id,
    annotatorId: annotator.id,
    users: {} as Fixture["users"],
  };
  const pages = ROUTES.filter((r) => r.method === "GET" && r.file.startsWith("app/(") && r.expect.annotator !== "login");
  const seen: string[] = [];
  for (const r of pages) {
    const res = await ap.goto(r.path(fixture));
    const html = await ap.content();
    const text = await ap.locator("body").innerText();
    expect({ page: r.file, leaks: [...leaks(html), ...leaks(text)] }).toEqual({ page: r.file, leaks: [] });
    seen.push(`${res?.status()} ${r.path(fixture)}`);
    if (res?.ok()) await axeClean(ap);
  }
  test.info().annotations.push({ type: "pages", description: seen.join("; ") });
  expect(seen.filter((s) => s.startsWith("200"))).toEqual(
    expect.arrayContaining([`200 /projects/${slug}`, `200 /projects/${slug}/documents/${documentId}`, `200 /projects/${slug}/export`]),
  );

  // In the workspace: "Aliyev said on TRT Haber, the Turkish broadcaster." reads "[outlet]".
  await ap.goto(`/projects/${slug}/documents/${documentId}`);
  await expect(ap.getByText("Outlet and author hidden (outlet-blind project)")).toBeVisible();
  await ap.locator("[data-segment-index]", { hasText: "the Turkish broadcaster" }).first().click();
  const sentence = ap.getByTestId("current-sentence");
  await expect(sentence).toContainText("said on [outlet], the Turkish broadcaster");
  await ap.screenshot({ path: testInfo.outputPath("workspace-outlet-blind.png") });
  // ' o u finds "outlet"; three words more to "broadcaster"; h marks loaded language.
  for (const k of ["'", "o", "u", "Shift+ArrowRight", "Shift+ArrowRight", "Shift+ArrowRight", "h"]) await ap.keyboard.press(k);
  const span = async () => {
    const res = await ap.request.get(`/api/v1/documents/${documentId}/annotations`);
    const body = (await res.json()) as { annotations: { dimension: string; value: { start: number; end: number }[] | null }[] };
    const s = body.annotations.find((a) => a.dimension === "spans")?.value?.[0];
    return s ? stored.text.slice(s.start, s.end) : null;
  };
  await expect.poll(span).toBe("TRT Haber, the Turkish broadcaster");
  await expect(sentence.locator("mark")).toContainText("[outlet], the Turkish broadcaster");
  await ap.screenshot({ path: testInfo.outputPath("workspace-outlet-blind-span.png") });
  // After a reload the span is still drawn over the masked words.
  await ap.reload();
  await ap.locator("[data-segment-index]", { hasText: "the Turkish broadcaster" }).first().click();
  await expect(ap.getByTestId("current-sentence").locator("mark")).toContainText("[outlet], the Turkish broadcaster");
  expect(leaks(await ap.content())).toEqual([]);
  await annotatorContext.close();
});
