import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { newUser, projectWithTeam, signIn, slant } from "./support/fixtures";

/** A project of its own with the demo article, one annotator's labels on its first two sentences, and a manager. */
async function labelledProject(page: Page) {
  const { slug, documentId, users } = projectWithTeam("export", { annotator: "ANNOTATOR", manager: "MANAGER" }, "Armenia,Azerbaijan");
  const { annotator, manager } = users;

  await signIn(page, annotator.email, annotator.password);
  await page.goto(`/projects/${slug}/documents/${documentId}`);
  await expect(page.getByTestId("current-sentence")).toBeVisible();
  // The first two sentences that are not boilerplate (exports leave boilerplate out by default).
  const sentences = await page.locator("[data-segment-index]").evaluateAll((els) =>
    els
      .filter((e) => !e.getAttribute("aria-label")!.includes("boilerplate"))
      .slice(0, 2)
      .map((e) => ({ id: e.id.replace(/^seg-/, ""), index: Number(e.getAttribute("data-segment-index")) })),
  );
  for (const [segmentId, stance] of [
    [sentences[0]!.id, "unfavorable"],
    [sentences[1]!.id, "favorable"],
  ]) {
    for (const [dimension, target, value] of [
      ["stance", "armenia", stance],
      ["sourcing", null, "direct_quote"],
      ["note", null, "=1+1"],
    ] as const) {
      const res = await page.request.post("/api/v1/annotations", {
        data: { documentId, segmentId, dimension, target, value, baseVersion: null },
      });
      expect(res.status(), await res.text()).toBe(200);
    }
  }
  await page.context().clearCookies();
  return { slug, manager, indexes: sentences.map((x) => x.index) };
}

test("a manager sees the size of an export, downloads it with progress, and the file holds the labels", async ({ page }, testInfo) => {
  const { slug, manager, indexes } = await labelledProject(page);
  await signIn(page, manager.email, manager.password);
  await page.goto(`/projects/${slug}/export`);

  // The estimate before downloading: the annotator's 6 labels, boilerplate left out by default.
  await expect(page.getByText(/^\d+ sentences × 1 annotator \(6 labels\)$/)).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // JSON Lines, chosen from the keyboard.
  await page.getByLabel(/^JSON Lines/).focus();
  await page.keyboard.press("Space");
  const jsonlDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download" }).click();
  const jsonl = await jsonlDownload;
  expect(jsonl.suggestedFilename()).toMatch(new RegExp(`^${slug}-sentences-\\d{4}-\\d{2}-\\d{2}\\.jsonl$`));
  await expect(page.getByTestId("export-done")).toContainText(/✓ [\d.]+ KB · Save /);
  const records = readFileSync((await jsonl.path())!, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  const labelled = records.filter((r) => r.annotations.length > 0);
  expect(
    labelled.map((r) => [
      r.sentence_index,
      r.annotations[0].annotator,
      r.annotations[0].labels.stance.armenia,
      r.annotations[0].labels.sourcing,
    ]),
  ).toEqual([
    [indexes[0], "annotator_1", "unfavorable", "direct_quote"],
    [indexes[1], "annotator_1", "favorable", "direct_quote"],
  ]);

  // CSV (long): the text exactly as annotated by default; "for spreadsheets" is an explicit choice that says what it changes.
  await page.getByLabel(/^CSV, long/).check();
  const sheets = page.getByLabel("For spreadsheets: keep cells starting with = + - @ from running as formulas");
  await expect(sheets).not.toBeChecked();
  await expect(sheets).toHaveAccessibleDescription(
    /apostrophe .* before every cell that starts with =, \+, - or @.*offsets and spans no longer match/,
  );
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  const download = async () => {
    const csvDownload = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download" }).click();
    return readFileSync((await (await csvDownload).path())!, "utf8");
  };
  const notes = (csv: string) => csv.split("\r\n").filter((l) => l.includes(",note,,"));
  const exact = await download();
  expect(exact.startsWith("project_id,document_id,")).toBe(true);
  expect(exact.split("\r\n").filter((l) => l.includes(",stance,armenia,")).length).toBe(2);
  expect(notes(exact).map((l) => l.split(",").at(-1))).toEqual(["=1+1", "=1+1"]);

  // For a spreadsheet: byte order mark, and formula-looking cells neutralised.
  await page.getByLabel("Byte order mark (for Excel)").check();
  await sheets.check();
  const csv = await download();
  expect(csv.startsWith("\uFEFFproject_id,document_id,")).toBe(true);
  expect(notes(csv).map((l) => l.split(",").at(-1))).toEqual(["'=1+1", "'=1+1"]);
  await page.screenshot({ path: testInfo.outputPath("export.png"), fullPage: true });
});

test("an export the server refuses says why, and the annotator of a blind project exports only their own labels", async ({ page }) => {
  const { slug } = await labelledProject(page);
  const other = newUser("other");
  slant("member:add", "--project", slug, "--email", other.email, "--role", "ANNOTATOR");
  await signIn(page, other.email, other.password);
  await page.goto(`/projects/${slug}/export`);
  await expect(page.getByRole("note")).toContainText("your export holds only your own labels");
  await expect(page.getByText(/^\d+ sentences × 0 annotators \(0 labels\)$/)).toBeVisible(); // not the first annotator's 6
  await expect(page.getByLabel(/Include annotators/)).toHaveCount(0); // emails are for managers only

  const res = await page.request.get(`/api/v1/projects/${slug}/export?format=jsonl&emails=true`);
  expect(res.status()).toBe(403);
  expect((await res.json()).error.message).toMatch(/Only managers/);
});
