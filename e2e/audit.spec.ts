import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { projectWithTeam, signIn } from "./support/fixtures";

test("the audit log names the document, the sentence and the dimension, and shows a schema edit as its diff", async ({
  page,
}, testInfo) => {
  const { slug, documentId, users } = projectWithTeam("audit", { manager: "MANAGER", ann: "ANNOTATOR" });

  // The annotator labels the first open sentence "no claim" and confirms it.
  await signIn(page, users.ann.email, users.ann.password);
  await page.goto(`/projects/${slug}/documents/${documentId}`);
  const sentence = page.getByTestId("current-sentence");
  await expect(sentence).toBeVisible();
  const current = await page.getByRole("button", { name: /^Sentence \d+.*, current$/ }).getAttribute("aria-label");
  const number = Number(/^Sentence (\d+)/.exec(current ?? "")![1]);
  await page.keyboard.press("x");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");

  // The manager renames a label in the schema, then reads the log.
  await page.context().clearCookies();
  await signIn(page, users.manager.email, users.manager.password);
  await page.goto(`/projects/${slug}/settings`);
  const editor = page.getByLabel("Schema (JSON)");
  const schema = JSON.parse(await editor.inputValue()) as {
    dimensions: { id: string; label: string; values?: { id: string; label: string }[] }[];
  };
  const sourcing = schema.dimensions.find((d) => d.id === "sourcing")!;
  const noClaim = sourcing.values!.find((v) => v.id === "no_claim")!;
  const oldLabel = noClaim.label;
  noClaim.label = "Nothing claimed";
  await editor.fill(JSON.stringify(schema, null, 2));
  await page.getByRole("button", { name: "Save label schema" }).click();
  await expect(page.locator("form[aria-labelledby=schema-h]").getByRole("status")).toBeVisible({ timeout: 30_000 });

  await page.goto(`/projects/${slug}/audit`);
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const rows = page.getByRole("row");
  const labelRows = rows.filter({ hasText: "Label saved" });
  await expect(labelRows).toHaveCount(1);
  await expect(labelRows).toContainText(`“Karabakh”, sentence ${number} · ${sourcing.label}`);
  await expect(labelRows).toContainText('value: set to "no_claim"');
  await expect(rows.filter({ hasText: "Sentence confirmed" })).toContainText(`sentence ${number}`);
  const schemaRow = rows.filter({ hasText: "Label schema changed" });
  await expect(schemaRow).toContainText(
    `labelSchema › dimensions › “${sourcing.label}” › values › “Nothing claimed” › label: "${oldLabel}" → "Nothing claimed"`,
  );
  // The diff, not the whole schema: other dimensions are not in the row.
  await expect(schemaRow).not.toContainText("stance");
  await page.screenshot({ path: testInfo.outputPath("audit-log.png"), fullPage: true });
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});
