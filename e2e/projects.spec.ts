import { expect, test } from "@playwright/test";
import { newUser, signIn, slant, uid } from "./support/fixtures";

/** A fresh user who manages a project of their own already (so they may create projects). */
function newManager() {
  const u = newUser("mgr");
  const seed = slant<{ id: string }>("project:create", "--name", `Seed ${uid()}`);
  slant("member:add", "--project", seed.id, "--email", u.email, "--role", "MANAGER");
  return u;
}

test("a manager creates a project, invites an annotator and changes a setting; the annotator then sees it", async ({ page, browser }) => {
  const manager = newManager();
  const annotator = newUser("ann");
  const name = `Coverage ${uid()}`;

  await signIn(page, manager.email, manager.password);
  await page.getByRole("link", { name: "New project" }).click();
  await expect(page.getByRole("heading", { name: "New project" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Description").fill("How the war is covered.");

  // Targets: add three (button and Enter), move one up, remove one.
  const newTarget = page.getByLabel("New target");
  await newTarget.fill("Armenia");
  await page.getByRole("button", { name: "Add target" }).click();
  await newTarget.fill("Azerbaijan");
  await newTarget.press("Enter");
  await newTarget.fill("Turkey");
  await newTarget.press("Enter");
  await newTarget.fill("armenia");
  await newTarget.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: 'There is a target named "armenia" already' })).toBeVisible();
  await page.getByRole("button", { name: "Move Turkey up" }).click();
  await page.getByRole("button", { name: "Remove Azerbaijan" }).click();
  await expect(page.getByLabel("Name of target 1")).toHaveValue("Armenia");
  await expect(page.getByLabel("Name of target 2")).toHaveValue("Turkey");
  await expect(page.getByLabel("Name of target 3")).toHaveCount(0);

  // The default template is chosen; the guidelines preview renders markdown but no raw HTML or script links.
  await expect(page.getByLabel(/News stance & sourcing/)).toBeChecked();
  await page
    .getByLabel("Guidelines")
    .fill("# Rules\n\nRead [the codebook](https://example.org/codebook).\n\n<b>raw</b> [bad](javascript:alert(1))");
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByRole("heading", { name: "Rules" })).toBeVisible();
  await expect(preview.getByRole("link", { name: "the codebook" })).toHaveAttribute("href", "https://example.org/codebook");
  await expect(preview.locator("b")).toHaveCount(0);
  await expect(preview.locator('a[href^="javascript"]')).toHaveCount(0);

  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  const targets = page.getByRole("region", { name: "Targets" }).getByRole("listitem");
  await expect(targets).toHaveText(["Armenia", "Turkey"]);
  await expect(page.getByRole("link", { name: "Import documents" })).toHaveAttribute("href", `/projects/${slug}/import`);

  // Settings: invite the annotator, switch blind annotation off and raise the overlap.
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await page.getByLabel("Email").fill(annotator.email.toUpperCase());
  await page.getByLabel("Role", { exact: true }).selectOption("ANNOTATOR");
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${annotator.email} is now an annotator of this project` })).toBeVisible();
  await expect(page.getByLabel(`Role of ${annotator.email}`)).toHaveValue("ANNOTATOR");

  await page.getByLabel("Blind annotation", { exact: true }).uncheck();
  await page.getByLabel(/^Overlap/).fill("3");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved annotation settings" })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Blind annotation", { exact: true })).not.toBeChecked();
  await expect(page.getByLabel(/^Overlap/)).toHaveValue("3");

  // The only manager cannot demote themselves: a clear message, nothing changes.
  await page.getByLabel(`Role of ${manager.email}`).selectOption("REVIEWER");
  await page.getByRole("button", { name: `Change role: ${manager.email}` }).click();
  await expect(page.getByRole("alert").filter({ hasText: "is the only manager of this project" })).toBeVisible();

  // The annotator sees the project, but not its settings.
  const context = await browser.newContext();
  const other = await context.newPage();
  await signIn(other, annotator.email, annotator.password);
  await expect(other.getByRole("link", { name })).toBeVisible();
  await expect(other.getByRole("link", { name: "New project" })).toHaveCount(0);
  await other.getByRole("link", { name }).click();
  await expect(other.getByRole("link", { name: "Settings" })).toHaveCount(0);
  const denied = await other.goto(`/projects/${slug}/settings`);
  expect(denied?.status()).toBe(403);
  await expect(other.getByRole("heading", { name: "Not available to you" })).toBeVisible();
  await context.close();
});

test("a stranger gets 404 for a project's settings; a label-schema edit is validated as it is typed", async ({ page }) => {
  const project = slant<{ id: string; slug: string }>("project:create", "--name", `Schema ${uid()}`, "--targets", "A,B");
  const manager = newUser("schema");
  slant("member:add", "--project", project.id, "--email", manager.email, "--role", "MANAGER");
  const stranger = newUser("stranger");

  await signIn(page, stranger.email, stranger.password);
  expect((await page.goto(`/projects/${project.slug}/settings`))?.status()).toBe(404);

  await page.context().clearCookies();
  await signIn(page, manager.email, manager.password);
  await page.goto(`/projects/${project.slug}/settings`);
  const editor = page.getByLabel("Schema (JSON)");
  const json = JSON.parse(await editor.inputValue());
  json.dimensions[2].values[0].key = "om";
  await editor.fill(JSON.stringify(json, null, 2));
  await expect(page.getByText("dimensions[2].values[0].key: must be exactly one keyboard character")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save label schema" })).toBeDisabled();

  json.dimensions[2].values[0].key = "o";
  json.dimensions[1].label = "How it is sourced";
  await editor.fill(JSON.stringify(json, null, 2));
  await expect(page.getByRole("list", { name: "Values of How it is sourced" })).toBeVisible();
  await page.getByRole("button", { name: "Save label schema" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved the label schema (version 2)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Label schema.*version 2/ })).toBeVisible();
});
