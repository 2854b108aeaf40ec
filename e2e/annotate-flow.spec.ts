import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { labelThroughApi, projectWithTeam, signIn } from "./support/fixtures";

// CLI set-up of a project and its team, and many labels through the API: slow on a loaded machine.
test.slow();

type Segment = { id: string; isBoilerplate: boolean };
async function sentencesToAnnotate(page: Page, documentId: string): Promise<string[]> {
  const res = await page.request.get(`/api/v1/documents/${documentId}`);
  expect(res.status()).toBe(200);
  return ((await res.json()).segments as Segment[]).filter((s) => !s.isBoilerplate).map((s) => s.id);
}
async function labelsOf(page: Page, documentId: string) {
  const res = await page.request.get(`/api/v1/documents/${documentId}/annotations`);
  expect(res.status()).toBe(200);
  return (await res.json()) as {
    annotations: { segmentId: string; dimension: string; value: unknown }[];
    statuses: { segmentId: string; confirmed: boolean }[];
    done: boolean;
  };
}
const sourcingOf = async (page: Page, documentId: string, segmentId: string) =>
  (await labelsOf(page, documentId)).annotations.find((a) => a.segmentId === segmentId && a.dimension === "sourcing")?.value ?? null;
const saved = (page: Page) => expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
async function axeClean(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a sentence sent back is listed with its comment on the project page and atop the workspace; the document is not done until it is confirmed again", async ({
  page,
  browser,
}) => {
  const { slug, documentId, users } = projectWithTeam("sentback", { reviewer: "REVIEWER", annotator: "ANNOTATOR" });
  await signIn(page, users.annotator.email, users.annotator.password);
  const ids = await sentencesToAnnotate(page, documentId);
  await labelThroughApi(
    page,
    documentId,
    ids.slice(0, 3).map((id) => [id, { "sourcing:": "no_claim" }]),
  );
  const done = await page.request.post(`/api/v1/documents/${documentId}/done`, { data: { done: true, allowIncomplete: true } });
  expect(done.status()).toBe(200);

  // The reviewer sends sentence 2 back.
  const reviewer = await browser.newContext();
  const rp = await reviewer.newPage();
  await signIn(rp, users.reviewer.email, users.reviewer.password);
  const sent = await rp.request.post("/api/v1/review/send-back", {
    data: { documentId, segmentId: ids[1], annotatorId: users.annotator.id, comment: "The ministry is named: is this attributed?" },
  });
  expect(sent.status(), await sent.text()).toBe(200);
  await reviewer.close();

  await page.goto(`/projects/${slug}`);
  const list = page.getByRole("region", { name: /Sent back to you by a reviewer: 1 sentence/ });
  await expect(list).toContainText("The ministry is named: is this attributed?");
  const row = page.getByRole("list", { name: "Documents" }).getByRole("listitem");
  await expect(row).toContainText("✎ 1 sent back");
  await expect(row).not.toContainText("✓ Done");
  // the project page and the workspace count the same sentences
  await expect(row).toContainText(`2/${ids.length} sentences confirmed`);
  await axeClean(page);
  await page.screenshot({ path: "test-results/sent-back-project.png", fullPage: true });

  await list.getByRole("link", { name: "Karabakh" }).click();
  const banner = page.getByTestId("sent-back");
  await expect(banner).toContainText("The ministry is named: is this attributed?");
  await expect(banner).toContainText("Sentence 2");
  // it opens on the sentence sent back, shown as not confirmed
  const panel = page.getByRole("complementary", { name: "Labels for the current sentence" });
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText(new RegExp(`^Sentence 2 of ${ids.length}`, "i"));
  await expect(page.getByText(new RegExp(`^2/${ids.length} sentences confirmed$`))).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark document done" })).toBeVisible();
  await axeClean(page);
  await page.screenshot({ path: "test-results/sent-back-workspace.png" });

  await page.keyboard.press("Enter"); // confirmed again
  await expect(banner).toHaveCount(0);
  await saved(page);
  expect((await labelsOf(page, documentId)).done).toBe(true);
  await page.goto(`/projects/${slug}`);
  await expect(page.getByRole("region", { name: /Sent back to you/ })).toHaveCount(0);
  await expect(row).toContainText("✓ Done");
});

test("past the last sentence the workspace says what is left; Shift+D marks the document done; undo survives a reload but never overwrites another tab's value", async ({
  page,
  context,
}) => {
  const { slug, documentId, users } = projectWithTeam("docend", { annotator: "ANNOTATOR" });
  await signIn(page, users.annotator.email, users.annotator.password);
  const ids = await sentencesToAnnotate(page, documentId);
  const last = ids.at(-1)!;
  // Every sentence but the last, except sentence 3, is confirmed.
  await labelThroughApi(
    page,
    documentId,
    ids.slice(0, -1).flatMap((id, i) => (i === 2 ? [] : [[id, { "sourcing:": "no_claim" }] as [string, Record<string, unknown>]])),
  );
  await page.goto(`/projects/${slug}/documents/${documentId}`);
  const panel = page.getByRole("complementary", { name: "Labels for the current sentence" });
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText(new RegExp(`^Sentence 3 of ${ids.length}`, "i"));

  // Undo survives a reload and writes through the save queue.
  await page.keyboard.press("c"); // unattributed claim
  await saved(page);
  expect(await sourcingOf(page, documentId, ids[2]!)).toBe("unattributed_claim");
  await page.reload();
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText(/^Sentence 3 of/i);
  await page.keyboard.press("z");
  await saved(page);
  await expect.poll(() => sourcingOf(page, documentId, ids[2]!)).toBeNull();

  // …but a value changed in another tab since is left as it is.
  await page.keyboard.press("c");
  await saved(page);
  const tab2 = await context.newPage();
  await tab2.goto(page.url());
  await expect(tab2.getByRole("complementary", { name: "Labels for the current sentence" }).getByRole("heading", { level: 2 })).toHaveText(
    /^Sentence 3 of/i,
  );
  await tab2.keyboard.press("q"); // direct quote, in the other tab
  await saved(tab2);
  await expect.poll(() => sourcingOf(page, documentId, ids[2]!)).toBe("direct_quote");
  await tab2.close();
  await page.reload();
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText(/^Sentence 3 of/i);
  await page.keyboard.press("z");
  await expect(page.getByText("Not undone: that label was changed elsewhere since (another tab)")).toBeAttached();
  await saved(page);
  expect(await sourcingOf(page, documentId, ids[2]!)).toBe("direct_quote");

  // Past the last sentence: what is left, and the done mark.
  await page
    .getByTestId(`seg-${last}`)
    .or(page.locator(`#seg-${last}`))
    .first()
    .click();
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText(new RegExp(`^Sentence ${ids.length} of ${ids.length}`, "i"));
  await page.keyboard.press("x");
  await page.keyboard.press("Enter");
  const end = page.getByTestId("document-end");
  await expect(end).toContainText(`1 of ${ids.length} sentences is not confirmed yet`);
  await expect(end.getByRole("button", { name: "Sentence 3" })).toBeVisible();
  await axeClean(page);
  await page.screenshot({ path: "test-results/document-end-left.png" });
  await end.getByRole("button", { name: "Sentence 3" }).click();
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText(/^Sentence 3 of/i);
  await page.keyboard.press("x"); // no claim (the other tab's direct quote would want its source)
  await page.keyboard.press("Enter");
  await page
    .getByTestId(`seg-${last}`)
    .or(page.locator(`#seg-${last}`))
    .first()
    .click();
  await page.keyboard.press("j");
  await expect(end).toContainText(`All ${ids.length} sentences are confirmed.`);
  await page.screenshot({ path: "test-results/document-end-all.png" });
  await page.keyboard.press("Shift+D");
  await expect(page.getByRole("button", { name: "✓ Done — reopen" })).toBeVisible();
  await saved(page);
  expect((await labelsOf(page, documentId)).done).toBe(true);
  await expect(end).toContainText("This document is marked done.");
});

test("the label panel: each sentence starts at the top, the sentence above never covers a control, a value set by a key is in view", async ({
  page,
}) => {
  const { slug, documentId, users } = projectWithTeam("panel", { annotator: "ANNOTATOR" });
  await signIn(page, users.annotator.email, users.annotator.password);
  await page.setViewportSize({ width: 1280, height: 600 }); // short: the panel scrolls
  await page.goto(`/projects/${slug}/documents/${documentId}`);
  const panel = page.getByRole("complementary", { name: "Labels for the current sentence" });
  const scroller = panel.locator(".overflow-y-auto");
  const header = panel.getByRole("heading", { level: 2 }).locator("..");
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText(/^Sentence 1 of/i);

  const noControlUnderHeader = async () => {
    const h = (await header.boundingBox())!;
    const s = (await scroller.boundingBox())!;
    expect(s.y).toBeGreaterThanOrEqual(h.y + h.height - 0.5);
    // every control drawn inside the scrolling region's visible part lies below the sentence
    const boxes = await scroller
      .locator("button, input, textarea")
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom, height: r.height })));
    const visible = boxes.filter((b) => b.height > 0 && b.bottom > s.y && b.top < s.y + s.height);
    expect(visible.length).toBeGreaterThan(3);
    for (const b of visible) expect(b.top).toBeGreaterThanOrEqual(h.y + h.height - 0.5);
  };

  await noControlUnderHeader();
  await page.keyboard.press("6"); // source side, low in the panel
  const side = panel.getByRole("region", { name: /Source side/ });
  await expect(side.getByRole("button", { pressed: true })).toBeInViewport();
  expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  await noControlUnderHeader();
  await page.keyboard.press("o"); // source type
  await expect(panel.getByRole("region", { name: /Source type/ }).getByRole("button", { pressed: true })).toBeInViewport();
  await page.keyboard.press("2"); // stance, at the top of the panel
  await expect(panel.getByRole("group", { name: /toward Armenia/ }).getByRole("button", { pressed: true })).toBeInViewport();
  await page.keyboard.press("6");
  await page.keyboard.press("j");
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText(/^Sentence 2 of/i);
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(0);
  await noControlUnderHeader();
  await axeClean(page);
  await page.screenshot({ path: "test-results/panel-scrolled.png" });
});
