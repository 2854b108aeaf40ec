import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { newUser, signIn, slant, uid } from "./support/fixtures";

test("overlap 2: two annotators take 'next document' and get distinct documents; the manager sees it on the progress page", async ({
  browser,
}) => {
  // Ten CLI runs (project, three documents, three users, three memberships) before the browser starts: slow on a busy machine.
  test.slow();
  const project = slant<{ id: string; slug: string }>("project:create", "--name", `Overlap ${uid()}`, "--targets", "Left,Right");
  const dir = mkdtempSync(path.join(tmpdir(), "slant-e2e-"));
  const titles = ["Alpha story", "Beta story", "Gamma story"];
  for (const [i, t] of titles.entries()) {
    const file = path.join(dir, `${i}.txt`);
    writeFileSync(file, `${t} happened today. Officials said more was coming.`);
    slant("document:add", "--project", project.slug, "--file", file, "--title", t);
  }
  const annotators = [newUser("next-a"), newUser("next-b")];
  for (const u of annotators) slant("member:add", "--project", project.slug, "--email", u.email, "--role", "ANNOTATOR");
  const manager = newUser("next-m");
  slant("member:add", "--project", project.slug, "--email", manager.email, "--role", "MANAGER");

  const opened: string[] = [];
  for (const u of annotators) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, u.email, u.password);
    await page.goto(`/projects/${project.slug}`);
    await page.getByRole("button", { name: "Next document →" }).click();
    await expect(page).toHaveURL(/\/documents\//);
    opened.push(await page.getByRole("heading", { level: 1 }).innerText());
    // Asking again (not done yet) gives the same document back.
    await page.getByRole("button", { name: "Next document →" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(opened.at(-1)!);
    await context.close();
  }
  expect(opened).toEqual(["Alpha story", "Beta story"]);

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, manager.email, manager.password);
  await page.goto(`/projects/${project.slug}/progress`);
  await expect(page.getByRole("heading", { name: "Team progress" })).toBeVisible();
  const rows = page.getByRole("row");
  await expect(rows.filter({ hasText: "Alpha story" })).toContainText("next-a");
  // Sentences and documents are counted on a chart each: one scale per measure.
  await expect(page.getByRole("figure", { name: /^Sentences confirmed per annotator/ })).toBeVisible();
  await expect(page.getByRole("figure", { name: /^Documents done per annotator/ })).toBeVisible();
  await context.close();

  // An annotator cannot see the team's progress.
  const ctx2 = await browser.newContext();
  const p2 = await ctx2.newPage();
  await signIn(p2, annotators[0]!.email, annotators[0]!.password);
  const res = await p2.goto(`/projects/${project.slug}/progress`);
  expect(res?.status()).toBe(403);
  await expect(p2.getByRole("heading", { name: "Not available to you" })).toBeVisible();
  expect((await p2.request.get(`/api/v1/projects/${project.slug}/assignments`)).status()).toBe(403);
  await ctx2.close();
});
