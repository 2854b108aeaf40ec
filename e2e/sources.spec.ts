import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { labelThroughApi, projectWithTeam, signIn } from "./support/fixtures";

async function switchUser(page: Page, u: { email: string; password: string }) {
  await page.context().clearCookies();
  await signIn(page, u.email, u.password);
}

async function axeClean(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function nonBoilerplate(page: Page, documentId: string) {
  const r = await page.request.get(`/api/v1/documents/${documentId}`);
  return ((await r.json()) as { segments: { id: string; isBoilerplate: boolean }[] }).segments.filter((s) => !s.isBoilerplate);
}

test("a manager links typed source names and merges aliases in the ledger; the article report groups them", async ({ page }) => {
  test.slow(); // four users and a project made through the CLI, then many page loads
  const t = projectWithTeam("sources", { a1: "ANNOTATOR", a2: "ANNOTATOR", manager: "MANAGER" });
  const quoted = (name: string) => ({
    "sourcing:": "paraphrased_attribution",
    "source_name:": name,
    "source_type:": "government_official",
    "source_side:": "azerbaijan",
  });
  await switchUser(page, t.users.a1);
  const seg = await nonBoilerplate(page, t.documentId);
  await labelThroughApi(page, t.documentId, [
    [seg[1]!.id, quoted("Aliyev")],
    [seg[2]!.id, quoted("Ilham Aliyev")],
  ]);
  await switchUser(page, t.users.a2);
  await labelThroughApi(page, t.documentId, [
    [seg[1]!.id, quoted("Azerbaijan's President")],
    [seg[2]!.id, quoted("ilham  aliyev")],
  ]);

  await switchUser(page, t.users.manager);
  await page.goto(`/projects/${t.slug}`);
  await page.getByRole("link", { name: "Sources", exact: true }).click();
  await expect(page).toHaveURL(`/projects/${t.slug}/sources`);
  const pending = page.getByRole("region", { name: /Pending names/ });
  await expect(pending.getByRole("listitem")).toHaveCount(3);

  // Keyboard only: approve "Ilham Aliyev" as a new source.
  await pending.getByRole("listitem").filter({ hasText: "Ilham Aliyev" }).getByRole("button", { name: "Add as new source" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Added" })).toHaveText(/Added “Ilham Aliyev” to the ledger/);
  await expect(pending.getByRole("listitem")).toHaveCount(2);

  // Link "Aliyev" to it; add "Azerbaijan's President" as its own entry, then merge the two.
  const aliyev = pending.getByRole("listitem").filter({ hasText: /^Aliyev/ });
  await aliyev.getByLabel("Source to link “Aliyev” to").selectOption({ label: "Ilham Aliyev" });
  await aliyev.getByRole("button", { name: "Link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Linked" })).toHaveText(/Linked “Aliyev”/);
  await pending
    .getByRole("listitem")
    .filter({ hasText: "Azerbaijan's President" })
    .getByRole("button", { name: "Add as new source" })
    .click();
  await expect(pending).toContainText("Every typed name belongs to an entry.");
  await page.getByLabel("Merge “Azerbaijan's President” into the kept source").check();
  await page.getByLabel(/^Keep/).selectOption({ label: "Ilham Aliyev" });
  await page.getByRole("button", { name: "Merge ticked sources into it" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Merged" })).toHaveText(/Merged 1 entry \(1 names moved\); no label changed/);
  const entry = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /Ilham Aliyev/ }) });
  await expect(entry).toContainText("Names (3)");
  await expect(entry).toContainText("4 labels");

  // The ledger says Armenia where the annotators said Azerbaijan: the report will say so.
  await entry.getByText("Edit “Ilham Aliyev”").click();
  await entry.getByRole("combobox", { name: /^Side/ }).selectOption({ label: "Armenia" });
  await entry.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toHaveText(/Saved “Ilham Aliyev”/);
  await page.screenshot({ path: "/tmp/sources-ledger.png", fullPage: true });
  await axeClean(page);

  // Unmerge: split "Azerbaijan's President" off again, in one step.
  await entry.getByLabel(/Azerbaijan's President/).check();
  await entry.getByRole("button", { name: "Split ticked names off as a new source" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Split" })).toHaveText(/Split off “Azerbaijan's President”/);
  await expect(entry).toContainText("Names (2)");
  // … and merge it back.
  await page.getByLabel("Merge “Azerbaijan's President” into the kept source").check();
  await page.getByLabel(/^Keep/).selectOption({ label: "Ilham Aliyev" });
  await page.getByRole("button", { name: "Merge ticked sources into it" }).click();
  await expect(entry).toContainText("Names (3)");

  // The report: both sentences are one source (sentence 2's names differ, but they are one entry).
  await page.goto(`/projects/${t.slug}/documents/${t.documentId}/report`);
  const sources = page.getByRole("table", { name: /Every source/ });
  const row = sources.getByRole("row", { name: /Ilham Aliyev/ });
  await expect(sources.getByRole("row")).toHaveCount(2); // the header and one source
  await expect(row.getByRole("cell").nth(2)).toHaveText("2");
  await expect(row).toContainText("labels wrote:");
  await expect(row.getByRole("cell").nth(1)).toContainText("the ledger says Armenia");
  await page.screenshot({ path: "/tmp/sources-report.png", fullPage: true });
  await axeClean(page);

  // An annotator cannot open the ledger.
  await switchUser(page, t.users.a1);
  expect((await page.request.get(`/api/v1/projects/${t.slug}/sources`)).status()).toBe(403);
});

test("the source-name field offers the ledger's names and the annotator's own as they type, never a colleague's unapproved one", async ({
  page,
}) => {
  test.slow(); // three users and a project made through the CLI
  const t = projectWithTeam("typeahead", { a1: "ANNOTATOR", a2: "ANNOTATOR", manager: "MANAGER" });
  await switchUser(page, t.users.a2);
  const seg = await nonBoilerplate(page, t.documentId);
  await labelThroughApi(page, t.documentId, [
    [
      seg[3]!.id,
      { "sourcing:": "direct_quote", "source_name:": "Cavusoglu's aide", "source_type:": "government_official", "source_side:": "turkey" },
    ],
  ]);
  await switchUser(page, t.users.manager);
  const created = await page.request.post(`/api/v1/projects/${t.slug}/sources`, {
    data: { name: "Mevlüt Çavuşoğlu", names: ["Cavusoglu"] },
  });
  expect(created.status(), await created.text()).toBe(200);

  await switchUser(page, t.users.a1);
  await page.goto(`/projects/${t.slug}/documents/${t.documentId}`);
  const field = page.getByRole("combobox", { name: "Source name" });
  await field.focus();
  await page.keyboard.type("cavusoglu");
  const options = page.getByRole("listbox", { name: "Known source names" }).getByRole("option");
  await expect(field).toHaveAttribute("aria-expanded", "true");
  // The ledger's alias and canonical name, accent-insensitively; not the colleague's "Cavusoglu's aide".
  await expect(options).toHaveText([/^Cavusoglu \(source ledger: Mevlüt Çavuşoğlu\)$/, /^Mevlüt Çavuşoğlu \(source ledger\)$/]);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(field).toHaveAttribute("aria-activedescendant", (await options.nth(1).getAttribute("id"))!);
  await page.screenshot({ path: "/tmp/sources-typeahead.png", fullPage: false });
  await axeClean(page);
  await page.keyboard.press("Enter");
  await expect(field).toHaveValue("Mevlüt Çavuşoğlu");
  await expect(field).toHaveAttribute("aria-expanded", "false");
  // Saved as typed (chosen), a label like any other.
  await expect
    .poll(async () => {
      const r = await page.request.get(`/api/v1/documents/${t.documentId}/annotations`);
      return JSON.stringify(await r.json());
    })
    .toContain("Mevlüt Çavuşoğlu");
});
