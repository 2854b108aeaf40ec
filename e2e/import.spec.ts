import { expect, test } from "@playwright/test";
import { newUser, signIn, slant, uid } from "./support/fixtures";

/** A project of its own with a fresh manager and a fresh annotator. */
function importProject() {
  const manager = newUser("importer");
  const annotator = newUser("reader");
  const project = slant<{ id: string; slug: string }>("project:create", "--name", `Import ${uid()}`, "--targets", "A,B");
  slant("member:add", "--project", project.slug, "--email", manager.email, "--role", "MANAGER");
  slant("member:add", "--project", project.slug, "--email", annotator.email, "--role", "ANNOTATOR");
  return { manager, annotator, project };
}

test("a manager imports a CSV and an HTML page with progress and a report; an annotator then sees the documents", async ({
  page,
  browser,
}) => {
  const { manager, annotator, project } = importProject();
  const tag = uid();
  const csv = [
    "title,text,outlet",
    `"Talks resume ${tag}","Negotiators met on Monday. ""We hope for progress,"" an envoy said.",Example Times`,
    `"Storm warning ${tag}","A storm is expected tonight. Residents were told to stay at home.",Regional Herald`,
  ].join("\n");
  const html = `<!doctype html><html lang="en"><head><title>Budget vote ${tag}</title></head><body><article><h1>Budget vote ${tag}</h1>
    <p>Parliament approved the budget on Friday after a long debate. The opposition voted against it.</p>
    <p>"This budget fails the regions," the opposition leader said. The finance minister defended the plan.</p></article></body></html>`;

  await signIn(page, manager.email, manager.password);
  await page.goto(`/projects/${project.slug}/import`);
  await expect(page.getByRole("heading", { name: "Import documents" })).toBeVisible();
  await page.getByLabel("Files", { exact: true }).setInputFiles([
    { name: "articles.csv", mimeType: "text/csv", buffer: Buffer.from(csv) },
    { name: "budget.html", mimeType: "text/html", buffer: Buffer.from(html) },
  ]);
  await expect(page.getByRole("list", { name: "Chosen files" })).toContainText("articles.csv");
  await page.getByRole("button", { name: "Import files" }).click();

  const bar = page.getByRole("progressbar", { name: "Import progress" });
  await expect(bar).toBeVisible();
  await expect(page.getByTestId("import-summary")).toHaveText("3 imported · 0 duplicates skipped · 0 files rejected");
  await expect(bar).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible();
  const files = page.getByRole("table", { name: "Files" });
  await expect(files.getByRole("row", { name: /articles\.csv/ })).toContainText("2");
  await expect(files.getByRole("row", { name: /budget\.html/ })).toContainText("✓ Stored");

  await page.getByRole("link", { name: "Back to the project" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.slug}$`));
  const docs = page.getByRole("list", { name: "Documents" });
  await expect(docs.getByRole("link").filter({ hasNotText: /^(Edit sentences|Review|Report)$/ })).toHaveText([
    `Talks resume ${tag}`,
    `Storm warning ${tag}`,
    `Budget vote ${tag}`,
  ]);

  // An annotator of the project sees the same documents, and cannot import.
  const other = await browser.newContext();
  const annotatorPage = await other.newPage();
  await signIn(annotatorPage, annotator.email, annotator.password);
  await annotatorPage.goto(`/projects/${project.slug}`);
  await expect(
    annotatorPage
      .getByRole("list", { name: "Documents" })
      .getByRole("link")
      .filter({ hasNotText: /^(Edit sentences|Review|Report)$/ }),
  ).toHaveText([`Talks resume ${tag}`, `Storm warning ${tag}`, `Budget vote ${tag}`]);
  const page403 = await annotatorPage.goto(`/projects/${project.slug}/import`);
  expect(page403?.status()).toBe(403);
  await expect(annotatorPage.getByRole("heading", { name: "Not available to you" })).toBeVisible();
  const denied = await annotatorPage.request.post(`/api/v1/projects/${project.slug}/imports`, { data: { text: "Should not be stored." } });
  expect(denied.status()).toBe(403);
  await other.close();
});

test("a malformed file is rejected with its line in the report; pasted text imports; the API refuses oversized uploads", async ({
  page,
}) => {
  const { manager, project } = importProject();
  await signIn(page, manager.email, manager.password);
  await page.goto(`/projects/${project.slug}/import`);
  const jsonl = [JSON.stringify({ text: "Fine record. Two sentences." }), '{"text": "truncated'].join("\n");
  await page
    .getByLabel("Files", { exact: true })
    .setInputFiles({ name: "broken.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(jsonl) });
  await page.getByRole("button", { name: "Import files" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("0 imported · 0 duplicates skipped · 1 file rejected");
  const errors = page.getByRole("table", { name: /Errors/ });
  await expect(errors.getByRole("row", { name: /broken\.jsonl/ })).toContainText("2");
  await expect(errors).toContainText("invalid JSON");

  await page.getByRole("button", { name: "Import more" }).click();
  await page.getByLabel("Title").fill("Pasted piece");
  await page.getByLabel("Article text").fill("The council met on Tuesday. It voted to close the bridge.");
  await page.getByRole("button", { name: "Import text" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("1 imported · 0 duplicates skipped · 0 files rejected");
  await expect(page.getByRole("list", { name: "Recent imports" }).getByRole("listitem")).toHaveCount(2);

  const big = await page.request.post(`/api/v1/projects/${project.slug}/imports`, {
    multipart: { files: { name: "big.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.alloc(53 * 1024 * 1024, 0x20) } },
  });
  expect(big.status()).toBe(413);
  expect((await big.json()).error.message).toMatch(/over the limit of 52\.4 MB per upload/);
});
