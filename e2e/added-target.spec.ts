import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { projectWithTeam, signIn } from "./support/fixtures";

const saved = (page: Page) => expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
const progress = (page: Page) => page.getByRole("progressbar", { name: "Sentences complete in this document" });

test("a target added after annotation: settings say what it does; the workspace brings back the sentences that need it", async ({
  page,
}, testInfo) => {
  const { slug, documentId, users } = projectWithTeam("addtarget", { manager: "MANAGER", ann: "ANNOTATOR" });
  const workspace = `/projects/${slug}/documents/${documentId}`;

  // The annotator confirms two sentences (no claim) before Russia exists.
  await signIn(page, users.ann.email, users.ann.password);
  await page.goto(workspace);
  await expect(page.getByTestId("current-sentence")).toBeVisible();
  for (let i = 0; i < 2; i++) {
    await page.keyboard.press("x");
    await page.keyboard.press("Enter");
  }
  await saved(page);
  await expect(progress(page)).toHaveAttribute("aria-valuenow", "2");
  await expect(page.getByTestId("needs-targets")).toHaveCount(0);

  // The manager adds Russia; the settings say what that does to confirmed sentences.
  await page.context().clearCookies();
  await signIn(page, users.manager.email, users.manager.password);
  await page.goto(`/projects/${slug}/settings`);
  await expect(page.getByTestId("new-target-help")).toContainText(
    "A sentence confirmed before the target existed was not judged toward it: its stance toward the new target stays not annotated (never “none”)",
  );
  await expect(page.getByLabel("New target")).toHaveAccessibleDescription(/Adding a target changes nothing annotators already said/);
  await page.getByLabel("New target").fill("Russia");
  await page
    .locator(".card")
    .filter({ has: page.getByTestId("new-target-help") })
    .screenshot({ path: testInfo.outputPath("settings-targets.png") });
  await page.getByLabel("New target").press("Enter");
  await page.getByRole("button", { name: "Save targets" }).click();
  await expect(page.getByLabel("Name of target 4")).toHaveValue("Russia");
  await expect.poll(async () => (await (await page.request.get(`/api/v1/projects/${slug}`)).json()).targets.length).toBe(4);

  // Back in the workspace: both sentences need Russia and count as not done.
  await page.context().clearCookies();
  await signIn(page, users.ann.email, users.ann.password);
  await page.goto(workspace);
  await expect(page.getByTestId("needs-targets")).toContainText("2 sentences were confirmed before Russia was added");
  await expect(progress(page)).toHaveAttribute("aria-valuenow", "0");
  await expect(page.getByRole("button", { name: /^Sentence \d+, confirmed before Russia was added/ })).toHaveCount(2);
  // The first open sentence is the first of them; its panel says what to do.
  await expect(page.getByTestId("needs-targets-sentence")).toContainText("You confirmed this sentence before Russia was added");
  await page.screenshot({ path: testInfo.outputPath("workspace-needs-target.png") });
  expect((await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual(
    [],
  );

  // Judging Russia ("none": left empty) and pressing Enter confirms it again.
  await page.keyboard.press("Enter");
  await saved(page);
  await expect(progress(page)).toHaveAttribute("aria-valuenow", "1");
  await expect(page.getByTestId("needs-targets")).toContainText("1 sentence was confirmed before Russia was added");
  const res = await page.request.get(`/api/v1/documents/${documentId}/annotations`);
  const statuses = (await res.json()).statuses as { confirmed: boolean; needsTargets: string[] }[];
  expect(statuses.map((s) => [s.confirmed, s.needsTargets])).toEqual(
    expect.arrayContaining([
      [true, []],
      [false, ["russia"]],
    ]),
  );
});
