import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { labelThroughApi, projectWithTeam, signIn } from "./support/fixtures";

async function switchUser(page: Page, u: { email: string; password: string }) {
  await page.context().clearCookies();
  await signIn(page, u.email, u.password);
}

test("a manager reads the annotator quality page: figures, κ matrix reached by keyboard, axe clean", async ({ page }) => {
  const t = projectWithTeam("quality", { a1: "ANNOTATOR", a2: "ANNOTATOR", manager: "MANAGER" });
  await switchUser(page, t.users.a1);
  const seg = await page.request
    .get(`/api/v1/documents/${t.documentId}`)
    .then(async (r) =>
      ((await r.json()) as { segments: { id: string; isBoilerplate: boolean }[] }).segments.filter((s) => !s.isBoilerplate),
    );
  await labelThroughApi(page, t.documentId, [
    [seg[0]!.id, { "sourcing:": "unattributed_claim" }],
    [seg[1]!.id, { "sourcing:": "no_claim" }],
  ]);
  // Time per sentence as the workspace sends it: one sentence under the 2 s floor.
  const time = await page.request.post("/api/v1/segment-time", {
    data: {
      documentId: t.documentId,
      entries: [
        { segmentId: seg[0]!.id, ms: 900 },
        { segmentId: seg[1]!.id, ms: 7100 },
      ],
    },
  });
  expect(time.status(), await time.text()).toBe(200);
  // An annotator may not see the quality of colleagues.
  expect((await page.request.get(`/api/v1/projects/${t.slug}/quality`)).status()).toBe(403);
  await switchUser(page, t.users.a2);
  await labelThroughApi(page, t.documentId, [
    [seg[0]!.id, { "sourcing:": "unattributed_claim" }],
    [seg[1]!.id, { "sourcing:": "unattributed_claim" }],
  ]);

  await switchUser(page, t.users.manager);
  await page.goto(`/projects/${t.slug}`);
  await page.getByRole("link", { name: "Annotator quality" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Annotator quality");
  const a1 = page.getByTestId("quality-annotators").getByRole("row", { name: /quality-a1 / });
  // median of 0.9 s and 7.1 s; one of two under 2 s; both sentences confirmed
  await expect(a1).toContainText("4.0 s over 2 sentences");
  await expect(a1).toContainText("50.0 % (1/2)");
  await expect(a1).toContainText("100.0 % (2/2)");
  const sourcing = page.getByTestId("quality-variable-sourcing");
  // With the others' majority: a1 agrees with a2 on the first sentence only.
  await expect(sourcing.getByRole("row", { name: /quality-a1 / }).first()).toContainText("50.0 % (1/2)");
  const matrix = page.getByRole("region", { name: /Cohen's κ per pair of annotators — Sourcing$/ });
  await expect(matrix.getByRole("table")).toContainText("n = 2");
  // The keyboard reaches the κ matrix's scroll region.
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await matrix.evaluate((el) => el === document.activeElement);
  }
  expect(reached).toBe(true);
  await page.screenshot({ path: "/tmp/quality-page.png", fullPage: true });
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  const csv = await page.request.get(`/api/v1/projects/${t.slug}/quality?format=csv`);
  expect(csv.headers()["content-type"]).toMatch(/text\/csv/);
  expect(await csv.text()).toMatch(/^annotator_id,annotator,variable,/);
});
