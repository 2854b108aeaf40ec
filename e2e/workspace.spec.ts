import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { newUser, signIn, slant } from "./support/fixtures";

/** A fresh annotator in the demo project (blind: nobody else's labels show). */
function demoAnnotator(prefix: string) {
  const u = newUser(prefix);
  slant("member:add", "--project", "karabakh-demo", "--email", u.email, "--role", "ANNOTATOR");
  return u;
}

async function openDemoDocument(page: Page) {
  const res = await page.request.get("/api/v1/projects/karabakh-demo");
  const documentId = (await res.json()).documents[0].id as string;
  await page.goto(`/projects/karabakh-demo/documents/${documentId}`);
  await expect(page.getByTestId("current-sentence")).toBeVisible();
  return documentId;
}

type Labels = {
  annotations: { segmentId: string; dimension: string; target: string | null; value: unknown }[];
  statuses: { segmentId: string; confirmed: boolean }[];
};
async function myLabels(page: Page, documentId: string): Promise<Labels> {
  const res = await page.request.get(`/api/v1/documents/${documentId}/annotations`);
  expect(res.status()).toBe(200);
  return res.json();
}

const saved = (page: Page) => expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
const pressed = (page: Page, group: string | RegExp, name: string) =>
  page.getByRole("group", { name: group }).getByRole("button", { name, exact: false, pressed: true });

test("an annotator labels five sentences with the keyboard alone; a reload shows exactly the same", async ({ page }) => {
  const u = demoAnnotator("kbd");
  await signIn(page, u.email, u.password);
  const documentId = await openDemoDocument(page);
  const first = await page.getByTestId("current-sentence").textContent();
  expect(first).toContain("Turkey, a longtime ally of Azerbaijan");

  // 1: stance Armenia unfavorable (focused target 1 = Armenia), Turkey neutral; paraphrased attribution by a government, Turkey's side.
  await page.keyboard.press("2");
  await page.keyboard.press("t");
  await page.keyboard.press("t");
  await page.keyboard.press("3");
  await page.keyboard.press("p");
  await page.keyboard.press("o");
  await page.keyboard.press("6");
  await page.keyboard.press("Enter");
  // 2: an unattributed claim with a loaded-language span on its first two words, and a note.
  await page.keyboard.press("c");
  await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.press("h");
  await page.keyboard.press("/");
  await page.keyboard.type("Check the framing of this one.");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Enter");
  // 3, 4, 5: no claim / unattributed / direct quote by a government official of Azerbaijan.
  await page.keyboard.press("x");
  await page.keyboard.press("Enter");
  await page.keyboard.press("c");
  await page.keyboard.press("Enter");
  await page.keyboard.press("q");
  await page.keyboard.press("o");
  await page.keyboard.press("5");
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await myLabels(page, documentId)).statuses.filter((s) => s.confirmed).length).toBe(5);
  await saved(page);

  const before = await myLabels(page, documentId);
  const sorted = (l: Labels) => JSON.stringify(l.annotations.map((a) => [a.segmentId, a.dimension, a.target, a.value]).sort());
  const spans = before.annotations.find((a) => a.dimension === "spans")!.value as { start: number; end: number }[];
  expect(spans).toHaveLength(1);
  expect(before.annotations.find((a) => a.dimension === "note")?.value).toBe("Check the framing of this one.");

  await page.reload();
  await expect(page.getByRole("progressbar", { name: "Sentences complete in this document" })).toHaveAttribute("aria-valuenow", "5");
  expect(sorted(await myLabels(page, documentId))).toBe(sorted(before));
  // And the screen shows them: back to sentence 1.
  for (let i = 0; i < 5; i++) await page.keyboard.press("k");
  await expect(pressed(page, /toward Armenia/, "Unfavorable")).toBeVisible();
  await expect(pressed(page, /toward Turkey/, "Neutral")).toBeVisible();

  // Blind: a second annotator opening the same document sees none of them.
  const other = demoAnnotator("blind");
  await page.context().clearCookies();
  await signIn(page, other.email, other.password);
  await openDemoDocument(page);
  await expect(page.getByRole("button", { pressed: true })).toHaveCount(0);
  expect((await myLabels(page, documentId)).annotations).toEqual([]);
});

test("offline: changes queue, survive a reload, and are saved in order when the network returns", async ({ page }) => {
  const u = demoAnnotator("offline");
  await signIn(page, u.email, u.password);
  const documentId = await openDemoDocument(page);
  await page.route("**/api/v1/annotations", (route) => route.abort("internetdisconnected"));
  await page.keyboard.press("q"); // sourcing: direct quote
  await page.keyboard.press("p"); // … changed to paraphrased attribution
  await page.keyboard.press("1"); // Armenia: favorable
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "offline");
  await expect(page.getByTestId("save-status")).toContainText("3 changes queued");

  await page.reload();
  await expect(page.getByTestId("save-status")).toContainText("3 changes queued");
  await expect(pressed(page, /toward Armenia/, "Favorable")).toBeVisible();

  await page.unroute("**/api/v1/annotations");
  await page.getByRole("button", { name: "Retry now" }).click();
  await saved(page);
  const labels = await myLabels(page, documentId);
  const values = Object.fromEntries(labels.annotations.map((a) => [`${a.dimension}:${a.target ?? ""}`, a.value]));
  expect(values).toEqual({ "sourcing:": "paraphrased_attribution", "stance:armenia": "favorable" });
});

test("two tabs: the stale tab's save is refused and shown as a conflict; nothing is lost", async ({ page, context }) => {
  const u = demoAnnotator("tabs");
  await signIn(page, u.email, u.password);
  const documentId = await openDemoDocument(page);
  const tab2 = await context.newPage();
  await tab2.goto(page.url());
  await expect(tab2.getByTestId("current-sentence")).toBeVisible();
  // Tab 2 must be running (hydrated, its save queue read) before tab 1 saves: a queue started
  // later reads tab 1's versions from this browser's storage and is not stale at all.
  await tab2.keyboard.press("?");
  await expect(tab2.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await tab2.keyboard.press("Escape");
  await expect(tab2.getByRole("dialog", { name: "Keyboard shortcuts" })).toHaveCount(0);

  await page.keyboard.press("q");
  await expect
    .poll(async () => (await myLabels(page, documentId)).annotations.find((a) => a.dimension === "sourcing")?.value)
    .toBe("direct_quote");
  await tab2.keyboard.press("x"); // stale: tab 2 never saw the direct quote
  await expect(tab2.getByTestId("save-status")).toHaveAttribute("data-state", "conflict");
  await expect(tab2.getByTestId("save-status")).toContainText("changed elsewhere");
  let labels = await myLabels(page, documentId);
  expect(labels.annotations.find((a) => a.dimension === "sourcing")?.value).toBe("direct_quote");

  await tab2.getByRole("button", { name: "Keep mine" }).click();
  await saved(tab2);
  labels = await myLabels(page, documentId);
  expect(labels.annotations.find((a) => a.dimension === "sourcing")?.value).toBe("no_claim");
});

test("the document view has no serious accessibility violations; shortcut overlay opens with ?", async ({ page }) => {
  const u = demoAnnotator("axe");
  await signIn(page, u.email, u.password);
  await openDemoDocument(page);
  await page.keyboard.press("2");
  await page.keyboard.press("q");
  await expect(pressed(page, /toward Armenia/, "Unfavorable")).toBeVisible();
  await saved(page);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await page.screenshot({ path: "docs/screenshots/workspace.png" });
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});
