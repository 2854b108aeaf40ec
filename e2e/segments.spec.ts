import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { projectWithTeam, signIn } from "./support/fixtures";

async function expectNoA11yViolations(page: Page) {
  const r = await new AxeBuilder({ page }).analyze();
  expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a manager splits a sentence with the keyboard and merges two; the workspace shows the new count", async ({ page, browser }) => {
  const { slug, documentId, users } = projectWithTeam("segments", { manager: "MANAGER", annotator: "ANNOTATOR" });
  const { manager, annotator } = users;
  const workspace = `/projects/${slug}/documents/${documentId}`;
  const sentenceCount = page.getByText(/^\d+\/\d+ sentences confirmed$/);

  await signIn(page, manager.email, manager.password);
  await page.goto(workspace);
  // 38 segments, 6 of them boilerplate (skipped in the workspace).
  await expect(sentenceCount).toHaveText("0/32 sentences confirmed");

  await page.goto(`${workspace}/segments`);
  await expect(page.getByRole("heading", { name: "Sentence boundaries" })).toBeVisible();
  const list = page.getByRole("list", { name: "Sentences of this document" });
  const item = (n: number) => list.getByRole("listitem", { name: `Sentence ${n}`, exact: true });
  const status = page.getByRole("status");
  await expect(list.getByRole("listitem")).toHaveCount(38);
  await expectNoA11yViolations(page);

  // Split sentence 11 from the keyboard: open the picker, move along the word gaps, Enter.
  await page.getByRole("button", { name: "Split sentence 11…" }).focus();
  await page.keyboard.press("Enter");
  const slider = page.getByRole("slider", { name: "Split point in sentence 11" });
  await expect(slider).toBeFocused();
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(slider).toHaveAttribute("aria-valuetext", "after “Stoltenberg is expected”, before “to meet Turkish President…”");
  await expectNoA11yViolations(page);
  await page.keyboard.press("Enter");
  await expect(status).toHaveText("Sentence 11 was split into sentences 11 and 12. The document now has 39 sentences.");
  await expect(item(11)).toContainText("Stoltenberg is expected");
  await expect(item(12)).toContainText("to meet Turkish President Recep Tayyip Erdogan later during the trip.");
  await expect(item(11)).toBeFocused();

  await page.goto(workspace);
  await expect(sentenceCount).toHaveText("0/33 sentences confirmed");

  // Sentences 11 and 12 are one sentence cut in two. Sentence 12 has a label, so the merge asks first.
  await page.goto(`${workspace}/segments`);
  const ids = await list.getByRole("listitem").evaluateAll((els) => els.map((e) => e.id.replace(/^segment-/, "")));
  const saved = await page.request.post("/api/v1/annotations", {
    data: { documentId, segmentId: ids[11], dimension: "sourcing", target: null, value: "unattributed_claim", baseVersion: null },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  await page.getByRole("button", { name: "Merge with next: sentences 11 and 12" }).click();
  const dialog = page.getByRole("dialog", { name: "Merge sentences 11 and 12?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/1 annotator's labels on sentences 11 and 12: segments-manager \w+ \(1 label\)/);
  await expect(dialog).toContainText("1 label of the second sentence is taken over");
  await expectNoA11yViolations(page);
  // Esc changes nothing; the second attempt goes ahead.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(list.getByRole("listitem")).toHaveCount(39);
  await page.getByRole("button", { name: "Merge with next: sentences 11 and 12" }).click();
  await dialog.getByRole("button", { name: "Merge anyway" }).click();
  await expect(status).toHaveText("Sentences 11 and 12 were merged into sentence 11. The document now has 38 sentences.");
  await expect(item(11)).toContainText("Stoltenberg is expected to meet Turkish President Recep Tayyip Erdogan later during the trip.");

  await page.goto(workspace);
  await expect(sentenceCount).toHaveText("0/32 sentences confirmed");

  // An annotator of the project gets the 403 page.
  const context = await browser.newContext();
  const other = await context.newPage();
  await signIn(other, annotator.email, annotator.password);
  const res = await other.goto(`${workspace}/segments`);
  expect(res?.status()).toBe(403);
  await expect(other.getByRole("heading", { name: "Not available to you" })).toBeVisible();
  await context.close();
});
