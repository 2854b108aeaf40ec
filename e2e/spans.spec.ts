import { expect, test, type Page } from "@playwright/test";
import { newUser, signIn, slant } from "./support/fixtures";

/**
 * Span labelling by keyboard on the demo article: the word caret (←/→, Shift to extend) and
 * type-to-find (' and a word's first letters, n/N for the next/previous match). Each phrase must
 * take at most 6 keys from the moment its sentence is focused.
 */

async function openDemo(page: Page) {
  const u = newUser("spans");
  slant("member:add", "--project", "karabakh-demo", "--email", u.email, "--role", "ANNOTATOR");
  await signIn(page, u.email, u.password);
  const res = await page.request.get("/api/v1/projects/karabakh-demo");
  const documentId = (await res.json()).documents[0].id as string;
  await page.goto(`/projects/karabakh-demo/documents/${documentId}`);
  await expect(page.getByTestId("current-sentence")).toBeVisible();
  return documentId;
}

/** Focus the sentence containing `phrase` (a click in the article, not counted). */
async function focusSentenceWith(page: Page, phrase: string) {
  await page.locator("[data-segment-index]", { hasText: phrase }).first().click();
  await expect(page.getByTestId("current-sentence")).toContainText(phrase);
}

/** Press the keys and return how many were pressed. */
async function press(page: Page, keys: string[]) {
  for (const k of keys) await page.keyboard.press(k);
  return keys.length;
}

async function spansOf(page: Page, documentId: string) {
  const res = await page.request.get(`/api/v1/documents/${documentId}/annotations`);
  const body = (await res.json()) as { annotations: { segmentId: string; dimension: string; value: unknown }[] };
  return body.annotations
    .filter((a) => a.dimension === "spans")
    .flatMap((a) => (a.value as { start: number; end: number; label: string }[] | null) ?? []);
}

test("war crimes, conscience of humanity and terrorists are each marked as loaded language in at most 6 keys", async ({ page }) => {
  const documentId = await openDemo(page);
  const doc = (await (await page.request.get(`/api/v1/documents/${documentId}`)).json()) as { text: string };
  const marked = async () => (await spansOf(page, documentId)).map((s) => doc.text.slice(s.start, s.end));

  const counts: Record<string, number> = {};
  await focusSentenceWith(page, "committing war crimes");
  // ' w: the only word starting with w; Shift+→ takes "crimes" in; h marks it
  counts["war crimes"] = await press(page, ["'", "w", "Shift+ArrowRight", "h"]);
  await expect.poll(marked).toContain("war crimes");

  await focusSentenceWith(page, "conscience of humanity");
  // ' c o: "co" skips "civilians"; two words more; h
  counts["conscience of humanity"] = await press(page, ["'", "c", "o", "Shift+ArrowRight", "Shift+ArrowRight", "h"]);
  await expect.poll(marked).toContain("conscience of humanity");

  await focusSentenceWith(page, "mercenaries and terrorists");
  // ' t e finds "territories", Enter keeps it, N goes back round to the last te-word, "terrorists"
  counts["terrorists"] = await press(page, ["'", "t", "e", "Enter", "N", "h"]);
  await expect.poll(marked).toContain("terrorists");

  for (const [phrase, n] of Object.entries(counts)) expect(n, phrase).toBeLessThanOrEqual(6);
  expect(await marked()).toHaveLength(3);
  test.info().annotations.push({ type: "keys", description: JSON.stringify(counts) });
});

test("the caret moves word by word, Esc in a search goes back, and a marked span is removed from the keyboard", async ({ page }) => {
  const documentId = await openDemo(page);
  const help = page.getByTestId("caret-help");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(help).toContainText("Selected “a”");
  await page.keyboard.press("Shift+ArrowRight");
  await expect(help).toContainText("Selected “a longtime”");
  // a search that is abandoned puts the caret back where it was
  await page.keyboard.press("'");
  await page.keyboard.type("Arm");
  await expect(help).toContainText("Find: Arm");
  await page.keyboard.press("Escape");
  await expect(help).toContainText("Selected “a longtime”");
  await page.keyboard.press("h");
  await expect.poll(async () => (await spansOf(page, documentId)).length).toBe(1);
  // the marked span is listed with a remove button reachable by Tab
  const remove = page.getByRole("button", { name: 'Remove span "a longtime"' });
  await remove.focus();
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await spansOf(page, documentId)).length).toBe(0);
});

test("the label panel: counts agree, each sentence starts at the top, and a value set by a key is in view, never under the sentence", async ({
  page,
}) => {
  await openDemo(page);
  const panel = page.getByRole("complementary", { name: "Labels for the current sentence" });
  // the header counts the sentences to annotate, as the progress bar does (boilerplate left out)
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText(/^Sentence 1 of 32/i);
  await expect(page.getByText(/^0\/32 sentences confirmed$/)).toBeVisible();

  // a key for a dimension low in the panel scrolls it into view, below the sentence
  await page.keyboard.press("6"); // source side: Turkey
  const side = panel.getByRole("region", { name: /Source side/ });
  await expect(side.getByRole("button", { pressed: true })).toBeVisible();
  const header = (await panel.getByTestId("current-sentence").boundingBox())!;
  const sideBox = (await side.boundingBox())!;
  expect(sideBox.y).toBeGreaterThanOrEqual(header.y + header.height);
  const scroller = panel.locator(".overflow-y-auto");
  expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);

  // the next sentence's labels start at the top again
  await page.keyboard.press("j");
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText(/^Sentence 2 of 32/i);
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(0);
});
