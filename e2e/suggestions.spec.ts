import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import type { Ghost as Suggestion } from "../lib/workspace/ghosts";
import { projectWithTeam, signIn } from "./support/fixtures";

// Each test makes its own project, team and document through the CLI and has suggestions computed: slow on a busy machine.
test.slow();

type Label = { segmentId: string; dimension: string; target: string | null; value: unknown; suggestionId: string | null };

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const saved = (page: Page) => expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
const confirmedCount = (page: Page) => page.getByRole("progressbar", { name: "Sentences complete in this document" });

/** A project of its own with the demo article, whose suggestions a manager has had computed. */
async function projectWithSuggestions(browser: Browser, prefix: string) {
  const project = projectWithTeam(prefix, { manager: "MANAGER", annotator: "ANNOTATOR" });
  const manager = await (await browser.newContext()).newPage(); // its own context: axe needs one
  await signIn(manager, project.users.manager.email, project.users.manager.password);
  const res = await manager.request.post(`/api/v1/projects/${project.slug}/suggestions`, { data: {} });
  expect(res.status()).toBe(202);
  let suggestions: Suggestion[] = [];
  await expect
    .poll(
      async () => {
        const r = await manager.request.get(`/api/v1/projects/${project.slug}/documents/${project.documentId}/suggestions`);
        suggestions = (await r.json()).suggestions;
        return suggestions.length;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  return { ...project, manager, suggestions };
}

test("y accepts a sentence's suggestions, one is overridden, a reload shows exactly that; a ghost is no label", async ({
  page,
  browser,
}) => {
  const { slug, documentId, users, suggestions, manager } = await projectWithSuggestions(browser, "sugg");
  // Before anyone decides, the managers' page says there is nothing to count yet.
  await manager.goto(`/projects/${slug}/suggestions`);
  await expect(manager.getByTestId("acceptance-empty")).toContainText("No decisions yet");
  await signIn(page, users.annotator.email, users.annotator.password);
  await page.goto(`/projects/${slug}/documents/${documentId}`);
  const sentence = page.getByTestId("current-sentence");
  await expect(sentence).toContainText("Turkey, a longtime ally of Azerbaijan, has accused Armenia");
  const doc = await (await page.request.get(`/api/v1/documents/${documentId}`)).json();
  const segmentId = doc.segments[0].id as string;
  const mine = suggestions.filter((s) => s.segmentId === segmentId);
  const sourcing = mine.find((s) => s.dimension === "sourcing")!;
  expect(sourcing.value).toBe("paraphrased_attribution");
  expect(mine.length).toBeGreaterThan(1);

  // Ghosts: a dashed box with the word "suggested", the provider, rule and confidence; no value is pressed.
  await expect(page.getByRole("list", { name: "Suggested Sourcing" })).toContainText(
    `suggested Paraphrased attribution (rules · ${sourcing.rule} · ${Math.round(sourcing.confidence * 100)}%)`,
  );
  await expect(page.getByRole("button", { name: "Paraphrased attribution suggested", pressed: false })).toBeVisible();
  // The cue is evidence, drawn in the sentence and said in words.
  await expect(page.getByTestId("evidence")).toContainText("cue “accused”");
  await page.screenshot({ path: "/tmp/suggest-ui-ghosts.png" });

  // A ghost is not a label: Enter does not confirm, Sourcing is still missing.
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Missing before confirming: Sourcing/)).toBeVisible();
  await expect(sentence).toContainText("Turkey, a longtime ally");
  await expect(confirmedCount(page)).toHaveAttribute("aria-valuenow", "0");

  // y accepts every suggestion of the sentence; then Sourcing is overridden by hand (c).
  await page.keyboard.press("y");
  await expect(page.getByRole("button", { name: /^Paraphrased attribution/, pressed: true })).toBeVisible();
  await page.keyboard.press("c");
  await expect(page.getByRole("button", { name: /^Unattributed claim/, pressed: true })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(confirmedCount(page)).toHaveAttribute("aria-valuenow", "1");
  await saved(page);

  // Stored: the accepted values record their suggestion, the overridden one records none.
  const expected: Label[] = mine.map((s) =>
    s === sourcing
      ? { segmentId, dimension: s.dimension, target: s.target, value: "unattributed_claim", suggestionId: null }
      : { segmentId, dimension: s.dimension, target: s.target, value: s.value, suggestionId: s.id },
  );
  const stored = async () => {
    const labels = (await (await page.request.get(`/api/v1/documents/${documentId}/annotations`)).json()).annotations as Label[];
    return labels
      .filter((a) => a.segmentId === segmentId)
      .map(({ segmentId, dimension, target, value, suggestionId }) => ({ segmentId, dimension, target, value, suggestionId }))
      .sort((a, b) => a.dimension.localeCompare(b.dimension));
  };
  expect(await stored()).toEqual(expected.sort((a, b) => a.dimension.localeCompare(b.dimension)));

  // After a reload the screen shows exactly that: the override pressed, the suggestion still a ghost beside it.
  await page.reload();
  await expect(confirmedCount(page)).toHaveAttribute("aria-valuenow", "1");
  await page.keyboard.press("k");
  await expect(sentence).toContainText("Turkey, a longtime ally");
  await expect(page.getByRole("button", { name: /^Unattributed claim/, pressed: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Paraphrased attribution suggested", pressed: false })).toBeVisible();
  // Nothing is left for y to accept: the other suggested dimensions hold the accepted values.
  await expect(page.getByRole("button", { name: "All set" })).toBeDisabled();
  expect(await stored()).toEqual(expected);

  await expectNoSeriousAxeViolations(page);

  // The managers' page counts the decisions: Sourcing overridden, the other suggested dimensions accepted unchanged.
  await manager.reload();
  const byDimension = manager.getByTestId("acceptance-by-dimension");
  await expect(byDimension.getByRole("row", { name: /^Sourcing/ })).toContainText("0 (0%)1 (100%)0 (0%)0 (0%)");
  const others = mine.length - 1;
  await expect(byDimension.getByRole("row", { name: "All suggestions" })).toContainText(
    `${mine.length}${others} (${Math.round((100 * others) / mine.length)}%)1 (${Math.round(100 / mine.length)}%)0 (0%)0 (0%)`,
  );
  await expect(manager.getByTestId("acceptance-by-rule").getByRole("row", { name: `rules · ${sourcing.rule}` })).toContainText("1 (100%)");
  await expectNoSeriousAxeViolations(manager);
  await manager.screenshot({ path: "/tmp/suggest-ui-rates.png", fullPage: true });
  await manager.context().close();
});

test("a manager turns suggestions off in Settings: the workspace shows none and y accepts nothing", async ({ page, browser }) => {
  const { slug, documentId, users, manager } = await projectWithSuggestions(browser, "sugg-off");
  await manager.goto(`/projects/${slug}/settings`);
  const box = manager.getByRole("checkbox", { name: "Machine suggestions" });
  await expect(box).toBeChecked();
  await box.uncheck();
  await manager.getByRole("button", { name: "Save settings" }).click();
  await expect(manager.getByText("Saved annotation settings")).toBeVisible();
  await manager.reload();
  await expect(manager.getByRole("checkbox", { name: "Machine suggestions" })).not.toBeChecked();
  await manager.context().close();

  await signIn(page, users.annotator.email, users.annotator.password);
  await page.goto(`/projects/${slug}/documents/${documentId}`);
  await expect(page.getByTestId("current-sentence")).toContainText("Turkey, a longtime ally of Azerbaijan");
  await expect(page.getByTestId("ghost")).toHaveCount(0);
  await expect(page.getByTestId("evidence")).toHaveCount(0);
  await page.keyboard.press("y");
  await expect(page.getByText("No suggestions for this sentence")).toBeAttached();
  await expect(page.getByRole("button", { name: /^Paraphrased attribution/, pressed: true })).toHaveCount(0);
});
