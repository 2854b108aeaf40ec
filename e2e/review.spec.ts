import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { labelThroughApi, newUser, signIn, slant, uid } from "./support/fixtures";

/** A fresh project with the demo article, two annotators and a reviewer, all of its own. */
function team() {
  const slug = `review-${uid()}`;
  slant("project:create", "--name", `Review ${slug}`, "--slug", slug, "--targets", "Armenia,Azerbaijan,Turkey");
  const [a1, a2, reviewer, stranger] = [newUser("ann1"), newUser("ann2"), newUser("rev"), newUser("stranger")];
  slant("member:add", "--project", slug, "--email", a1.email, "--role", "ANNOTATOR");
  slant("member:add", "--project", slug, "--email", a2.email, "--role", "ANNOTATOR");
  slant("member:add", "--project", slug, "--email", reviewer.email, "--role", "REVIEWER");
  const doc = slant<{ created: string[] }>(
    "document:add",
    "--project",
    slug,
    "--file",
    "server/demo/trtworld-karabakh-2020.txt",
    "--title",
    "Karabakh",
  );
  return { slug, documentId: doc.created[0]!, a1, a2, reviewer, stranger };
}

/** Sentence ids by index, read from the annotation screen. */
async function segmentIds(page: Page, slug: string, documentId: string): Promise<string[]> {
  await page.goto(`/projects/${slug}/documents/${documentId}`);
  await expect(page.getByTestId("current-sentence")).toBeVisible();
  return page.locator("[data-segment-index]").evaluateAll((els) => els.map((e) => e.id.replace(/^seg-/, "")));
}

async function switchUser(page: Page, u: { email: string; password: string }) {
  await page.context().clearCookies();
  await signIn(page, u.email, u.password);
}

test("a reviewer adjudicates three disagreements with the keyboard; the gold layer holds them after a reload", async ({ page }) => {
  const t = team();
  await switchUser(page, t.a1);
  const seg = await segmentIds(page, t.slug, t.documentId);
  // Sentences 1, 4 and 5 (indices 0, 3, 4; 1 and 2 are photo captions).
  await labelThroughApi(page, t.documentId, [
    [seg[0]!, { "sourcing:": "unattributed_claim", "stance:armenia": "unfavorable" }],
    [seg[3]!, { "sourcing:": "no_claim" }],
    [seg[4]!, { "sourcing:": "unattributed_claim", "stance:turkey": "favorable" }],
  ]);
  await switchUser(page, t.a2);
  await labelThroughApi(page, t.documentId, [
    [seg[0]!, { "sourcing:": "no_claim", "stance:armenia": "neutral" }],
    [seg[3]!, { "sourcing:": "unattributed_claim" }],
    [seg[4]!, { "sourcing:": "unattributed_claim", "stance:turkey": "unfavorable" }],
  ]);

  await switchUser(page, t.reviewer);
  await page.goto(`/projects/${t.slug}/review`);
  await expect(page.getByTestId("review-documents")).toContainText("≠ 3");
  await page.getByRole("link", { name: "Karabakh" }).click();
  await expect(page.getByTestId("gold-heading")).toHaveText("Gold for sentence 1");
  await page.getByLabel("Disagreements only").check();
  await expect(page.getByTestId("review-sentence")).toHaveCount(3);
  await expect(page.getByTestId("review-sentence").first()).toContainText("≠ 2 disagreements");

  // Sentence 1: sourcing "unattributed claim" (c), Armenia (focused target 1) unfavorable (2).
  await page.keyboard.press("c");
  await page.keyboard.press("2");
  // Sentence 4: sourcing "unattributed claim".
  await page.keyboard.press("j");
  await expect(page.getByTestId("gold-heading")).toHaveText("Gold for sentence 4");
  await page.keyboard.press("c");
  // Sentence 5: Turkey (third target) neutral, then Enter accepts the remaining majorities.
  await page.keyboard.press("j");
  await expect(page.getByTestId("gold-heading")).toHaveText("Gold for sentence 5");
  await page.keyboard.press("t");
  await page.keyboard.press("t");
  await expect(page.getByRole("group", { name: /Gold Stance toward Turkey \(focused target\)/ })).toBeVisible();
  await expect(
    page.getByRole("group", { name: "Gold Sourcing" }).getByRole("button", { name: /Unattributed claim.*majority/ }),
  ).toBeVisible();
  // Neutral toward Turkey is nobody's (favorable and unfavorable were): Enter confirms it first.
  await page.keyboard.press("3");
  await expect(page.getByTestId("gold-pending")).toContainText("Stance toward Turkey: Neutral");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("gold-pending")).toHaveCount(0);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("gold-status")).toHaveAttribute("data-state", "saved");

  await page.reload();
  const gold = await page.request.get(`/api/v1/documents/${t.documentId}/gold`);
  expect(gold.status()).toBe(200);
  const rows = ((await gold.json()).gold as { segmentId: string; dimension: string; target: string | null; value: unknown }[]).filter(
    (g) => g.value !== null,
  );
  expect(rows.map((g) => [seg.indexOf(g.segmentId), g.dimension, g.target, g.value]).sort()).toEqual(
    [
      [0, "sourcing", null, "unattributed_claim"],
      [0, "stance", "armenia", "unfavorable"],
      [3, "sourcing", null, "unattributed_claim"],
      [4, "sourcing", null, "unattributed_claim"],
      [4, "stance", "turkey", "neutral"],
    ].sort(),
  );
  // The page shows them too: sentence 1's gold panel and every sentence's gold column.
  await expect(
    page.getByRole("group", { name: /Gold Stance toward Armenia/ }).getByRole("button", { name: /Unfavorable/, pressed: true }),
  ).toBeVisible();
  await expect(
    page.getByRole("group", { name: "Gold Sourcing" }).getByRole("button", { name: /Unattributed claim/, pressed: true }),
  ).toBeVisible();
  const fifth = page.getByTestId("review-sentence").filter({ has: page.getByRole("button", { name: "Review sentence 5", exact: true }) });
  await expect(fifth).toContainText("✓ Neutral");

  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);

  // The agreement page renders its tables for the reviewer.
  await page.goto(`/projects/${t.slug}/agreement`);
  await expect(page.getByTestId("agreement-table")).toContainText("Stance toward Armenia");
  await expect(page.getByTestId("agreement-table")).toContainText("undefined: only one category used");
  await expect(page.getByTestId("cohen-heatmap")).toBeVisible();
  await expect(page.getByTestId("confusion-matrix")).toBeVisible();
  await expect(page.getByTestId("agreement-documents")).toContainText("Karabakh");
  const agreement = await page.request.get(`/api/v1/projects/${t.slug}/agreement`);
  expect(agreement.status()).toBe(200);
  expect((await agreement.json()).sentences).toBe(3);

  // An annotator: 403 on the review page and the APIs; a non-member: 404.
  await switchUser(page, t.a1);
  await page.goto(`/projects/${t.slug}/review/${t.documentId}`);
  await expect(page.getByTestId("no-access")).toContainText("403");
  await expect(page.getByTestId("review-sentence")).toHaveCount(0);
  expect((await page.request.get(`/api/v1/projects/${t.slug}/agreement`)).status()).toBe(403);
  expect((await page.request.get(`/api/v1/documents/${t.documentId}/gold`)).status()).toBe(403);
  expect(
    (
      await page.request.post("/api/v1/gold", {
        data: { documentId: t.documentId, segmentId: seg[0], dimension: "sourcing", target: null, value: "no_claim", baseVersion: null },
      })
    ).status(),
  ).toBe(403);
  await page.goto(`/projects/${t.slug}/agreement`);
  await expect(page.getByTestId("no-access")).toBeVisible();

  await switchUser(page, t.stranger);
  expect((await page.goto(`/projects/${t.slug}/review/${t.documentId}`))?.status()).toBe(404);
  expect((await page.request.get(`/api/v1/projects/${t.slug}/agreement`)).status()).toBe(404);
});

test("each sentence starts on its first target; a gold value no annotator chose waits for a confirming key", async ({ page }) => {
  const t = team();
  await switchUser(page, t.a1);
  const seg = await segmentIds(page, t.slug, t.documentId);
  await labelThroughApi(page, t.documentId, [
    [seg[0]!, { "sourcing:": "unattributed_claim", "stance:armenia": "unfavorable" }],
    [seg[3]!, { "sourcing:": "no_claim", "stance:armenia": "neutral" }],
  ]);
  await switchUser(page, t.a2);
  await labelThroughApi(page, t.documentId, [
    [seg[0]!, { "sourcing:": "no_claim", "stance:armenia": "neutral" }],
    [seg[3]!, { "sourcing:": "unattributed_claim", "stance:armenia": "neutral" }],
  ]);
  await switchUser(page, t.reviewer);
  await page.goto(`/projects/${t.slug}/review/${t.documentId}`);
  await page.getByLabel("Disagreements only").check();
  await expect(page.getByTestId("gold-heading")).toHaveText("Gold for sentence 1");

  // Focus Turkey on sentence 1, go on: sentence 4 starts on Armenia again.
  await page.keyboard.press("t");
  await page.keyboard.press("t");
  await expect(page.getByRole("group", { name: /Gold Stance toward Turkey \(focused target\)/ })).toBeVisible();
  await page.keyboard.press("j");
  await expect(page.getByTestId("gold-heading")).toHaveText("Gold for sentence 4");
  await expect(page.getByRole("group", { name: /Gold Stance toward Armenia \(focused target\)/ })).toBeVisible();
  await expect(page.getByRole("group", { name: /\(focused target\)/ })).toHaveCount(1);

  // Both said neutral toward Armenia: "unfavorable" (2) is nobody's, so it waits for a confirming key.
  await page.keyboard.press("2");
  const pending = page.getByTestId("gold-pending");
  await expect(pending).toContainText("No annotator chose this: Stance toward Armenia: Unfavorable");
  await expect(page.getByTestId("gold-status")).toHaveAttribute("data-state", "idle");
  await expect(page.getByRole("group", { name: /Gold Stance toward Armenia/ })).toContainText("not chosen by any annotator: confirm");
  await page.screenshot({ path: "test-results/review-unchosen-pending.png", fullPage: true });
  // Esc cancels; nothing saved.
  await page.keyboard.press("Escape");
  await expect(pending).toHaveCount(0);
  await expect(page.getByTestId("gold-status")).toHaveAttribute("data-state", "idle");
  // 2 then 2 again sets it, and it stays marked as nobody's choice.
  await page.keyboard.press("2");
  await expect(pending).toBeVisible();
  await page.keyboard.press("2");
  await expect(pending).toHaveCount(0);
  await expect(page.getByTestId("gold-status")).toHaveAttribute("data-state", "saved");
  await expect(page.getByRole("group", { name: /Gold Stance toward Armenia/ })).toContainText("✓ gold · ⚠ no annotator chose this");
  // A value somebody chose (sourcing: unattributed claim, c) is set at once; Enter confirms a pending one.
  await page.keyboard.press("c");
  await expect(
    page.getByRole("group", { name: "Gold Sourcing" }).getByRole("button", { name: /Unattributed claim/, pressed: true }),
  ).toBeVisible();
  await expect(pending).toHaveCount(0);
  await page.keyboard.press("t"); // Azerbaijan: nobody gave a stance ("none" from both)
  await page.keyboard.press("1");
  await expect(pending).toContainText("Stance toward Azerbaijan: Favorable");
  await page.keyboard.press("Enter");
  await expect(pending).toHaveCount(0);
  await expect(page.getByTestId("gold-status")).toHaveAttribute("data-state", "saved");
  const fourth = page.getByTestId("review-sentence").filter({ has: page.getByRole("button", { name: /Review sentence 4/ }) });
  await expect(fourth).toContainText("✓ Unfavorable⚠ no annotator chose this");

  await page.reload();
  const gold = await page.request.get(`/api/v1/documents/${t.documentId}/gold`);
  const rows = ((await gold.json()).gold as { segmentId: string; dimension: string; target: string | null; value: unknown }[]).map((g) => [
    seg.indexOf(g.segmentId),
    g.dimension,
    g.target,
    g.value,
  ]);
  expect(rows.sort()).toEqual(
    [
      [3, "sourcing", null, "unattributed_claim"],
      [3, "stance", "armenia", "unfavorable"],
      [3, "stance", "azerbaijan", "favorable"],
    ].sort(),
  );
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("gold spans: a tie resolved, a span adjusted, removed and added, all by keyboard", async ({ page }) => {
  const t = team();
  await switchUser(page, t.a1);
  const seg = await segmentIds(page, t.slug, t.documentId);
  const text = (await (await page.request.get(`/api/v1/documents/${t.documentId}`)).json()).text as string;
  const span = (words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length, label: "loaded_language" });
  // Sentence 1: one annotator marks "war crimes", the other "crimes": "crimes" is the majority's, "war" a tie.
  await labelThroughApi(page, t.documentId, [[seg[0]!, { "sourcing:": "no_claim", "spans:": [span("war crimes")] }]]);
  await switchUser(page, t.a2);
  await labelThroughApi(page, t.documentId, [[seg[0]!, { "sourcing:": "no_claim", "spans:": [span("crimes")] }]]);
  await switchUser(page, t.reviewer);
  await page.goto(`/projects/${t.slug}/review/${t.documentId}`);
  await expect(page.getByTestId("gold-heading")).toHaveText("Gold for sentence 1");
  const editor = page.getByTestId("gold-spans-spans");
  await expect(editor).toContainText("Tie: marked by exactly half of the 2 annotators");
  const goldSpans = () => editor.getByTestId("gold-span");

  // The tie: include "war" (keyboard: the button takes focus, Enter presses it).
  await editor.getByRole("button", { name: "Include “war” (Loaded language) in the gold spans" }).focus();
  await page.keyboard.press("Enter");
  await expect(goldSpans()).toHaveCount(1);
  await expect(goldSpans().first()).toContainText("“war crimes” (Loaded language)");
  await page.screenshot({ path: "test-results/review-spans.png", fullPage: true });

  // Adjust: start one word earlier ("committing war crimes", which nobody marked).
  await editor.getByRole("button", { name: "Start one word earlier of “war crimes” (Loaded language)" }).focus();
  await page.keyboard.press("Enter");
  await expect(goldSpans().first()).toContainText("“committing war crimes” (Loaded language)⚠ no annotator marked this");
  // Remove it.
  await editor.getByRole("button", { name: "Remove “committing war crimes” (Loaded language)" }).focus();
  await page.keyboard.press("Enter");
  await expect(editor).toContainText("Gold: no spans");
  // Add one: h goes to the form (label Loaded language), arrows pick the words, Enter adds.
  await page.getByTestId("gold-heading").click();
  await page.keyboard.press("h");
  await expect(editor.getByLabel("Label")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(editor.getByLabel("From word")).toBeFocused();
  const words = await editor.getByLabel("From word").locator("option").allTextContents();
  const war = words.findIndex((w) => w.endsWith(". war"));
  for (let i = 0; i < war; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Tab");
  await expect(editor.getByRole("button", { name: "+ Add span" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(goldSpans()).toHaveCount(1);
  await expect(goldSpans().first()).toContainText("“war crimes” (Loaded language)");
  await expect(page.getByTestId("gold-status")).toHaveAttribute("data-state", "saved");

  const gold = await page.request.get(`/api/v1/documents/${t.documentId}/gold`);
  const rows = (await gold.json()).gold as { segmentId: string; dimension: string; value: unknown }[];
  expect(rows.filter((g) => g.dimension === "spans").map((g) => g.value)).toEqual([[span("war crimes")]]);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
