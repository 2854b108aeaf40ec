import { writeFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { labelThroughApi, projectWithTeam, signIn, slant, uid } from "./support/fixtures";

async function switchUser(page: Page, u: { email: string; password: string }) {
  await page.context().clearCookies();
  await signIn(page, u.email, u.password);
}

/** Clicks a download link and reads the file. */
async function downloadText(page: Page, link: string): Promise<string> {
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: link }).click();
  let text = "";
  for await (const chunk of await (await download).createReadStream()) text += chunk;
  return text;
}

/** A downloaded CSV's rows as objects by column name (the test files have no quoted commas). */
function csvObjects(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv
    .trim()
    .split("\r\n")
    .map((l) => l.split(","));
  return lines.map((l) => Object.fromEntries(header!.map((h, i) => [h, l[i]!])));
}

async function axeClean(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a manager ticks two documents on the documents list and sets their story", async ({ page }) => {
  const t = projectWithTeam("stories", { manager: "MANAGER" });
  const file = `/tmp/slant-e2e-story-${uid()}.txt`;
  writeFileSync(file, "Written for Slant's tests\n\nA second, fictional article about the same days. Nobody published it.\n");
  slant("document:add", "--project", t.slug, "--file", file, "--title", "Second telling");
  await switchUser(page, t.users.manager);
  await page.goto(`/projects/${t.slug}`);
  const set = page.getByRole("button", { name: /Set story for/ });
  await expect(set).toBeDisabled();
  await page.getByLabel("Select Karabakh").check();
  await page.getByLabel("Select Second telling").check();
  await expect(set).toHaveText("Set story for 2 selected");
  await page.getByLabel("Story", { exact: true }).fill("  Ganja strike ");
  await set.click();
  await expect(page.getByRole("status").filter({ hasText: "Ganja strike" })).toHaveText(/Set story “Ganja strike” on 2 documents/);
  await expect(page.getByRole("list", { name: "Documents" })).toContainText("Story: Ganja strike");
  const doc = await page.request.get(`/api/v1/documents/${t.documentId}`);
  expect((await doc.json()).story).toBe("Ganja strike");
  await page.screenshot({ path: "/tmp/sourcing-stories.png", fullPage: true });
  await axeClean(page);
});

test("a reviewer reads an article's sourcing report, chooses the fallback annotator, and downloads the same figures", async ({ page }) => {
  const t = projectWithTeam("report", { a1: "ANNOTATOR", a2: "ANNOTATOR", reviewer: "REVIEWER" });
  const reportUrl = `/projects/${t.slug}/documents/${t.documentId}/report`;

  await switchUser(page, t.users.reviewer);
  await page.goto(`/projects/${t.slug}`);
  await page.getByRole("link", { name: "Sourcing report of Karabakh" }).click();
  await expect(page).toHaveURL(reportUrl);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sourcing report: Karabakh");
  await expect(page.getByText("No sentence of this article has confirmed labels yet")).toBeVisible();

  await switchUser(page, t.users.a1);
  const seg = await page.request
    .get(`/api/v1/documents/${t.documentId}`)
    .then(async (r) =>
      ((await r.json()) as { segments: { id: string; isBoilerplate: boolean }[] }).segments.filter((s) => !s.isBoilerplate),
    );
  const quoted = {
    "sourcing:": "paraphrased_attribution",
    "source_name:": "Ilham Aliyev",
    "source_type:": "government_official",
    "source_side:": "azerbaijan",
  };
  await labelThroughApi(page, t.documentId, [
    [seg[0]!.id, { "sourcing:": "unattributed_claim", "stance:armenia": "unfavorable" }],
    [seg[1]!.id, quoted],
    [seg[2]!.id, { "sourcing:": "unattributed_claim" }],
  ]);
  // An annotator of a blind project cannot read a report that combines everyone's labels.
  expect((await page.request.get(`/api/v1/projects/${t.slug}/documents/${t.documentId}/report`)).status()).toBe(403);
  await switchUser(page, t.users.a2);
  await labelThroughApi(page, t.documentId, [
    [seg[0]!.id, { "sourcing:": "unattributed_claim", "stance:armenia": "unfavorable" }],
    [seg[1]!.id, { ...quoted, "source_name:": "ilham aliyev" }],
    [seg[2]!.id, { "sourcing:": "no_claim" }],
  ]);

  await switchUser(page, t.users.reviewer);
  await page.goto(reportUrl);
  await expect(page.getByRole("region", { name: "Summary" }).locator("p")).toHaveText(
    /^1 of 1 attributed sentence quotes the Azerbaijan side; the Armenia side and the Turkey side are never quoted; 1 unattributed claim: “Turkey, a longtime ally.*”; \d+ sentences without a resolved sourcing label\.$/,
  );
  // The sentences nobody labelled, and sentence 3, where the two annotators tie.
  const unresolved = async () =>
    Number(
      /(\d+) sentences? without a resolved sourcing label/.exec(
        (await page.getByRole("region", { name: "Summary" }).locator("p").textContent())!,
      )![1],
    );
  const before = await unresolved();
  const sources = page.getByRole("table", { name: /Every source/ });
  const row = sources.getByRole("row", { name: /Ilham Aliyev/ });
  await expect(row.getByRole("cell").nth(0)).toHaveText("Government official");
  await expect(row.getByRole("cell").nth(1)).toHaveText("Azerbaijan");
  await expect(row.getByRole("cell").nth(2)).toHaveText("1");
  await expect(row.getByRole("cell").last()).toHaveText("majority");
  const stance = page.getByRole("table", { name: /stance value toward each target/ });
  await expect(
    stance
      .getByRole("row", { name: /Armenia/ })
      .getByRole("cell")
      .last(),
  ).toHaveText(/^majority · \d+ unresolved$/); // the sentences nobody confirmed
  await expect(stance.getByRole("row", { name: /Armenia/ })).toContainText("−1.00");
  await page.screenshot({ path: "/tmp/sourcing-report.png", fullPage: true });
  await axeClean(page);

  // The CSV holds the figures the page shows.
  const csv = await downloadText(page, "Download CSV (one row per source)");
  const [header, line] = csv
    .trim()
    .split("\r\n")
    .map((l) => l.split(","));
  const cell = (name: string) => line![header!.indexOf(name)];
  expect([cell("source_name"), cell("source_side"), cell("sentences"), cell("labels")]).toEqual([
    "Ilham Aliyev",
    "azerbaijan",
    "1",
    "majority",
  ]);
  await expect(row.getByRole("cell").nth(3)).toHaveText(cell("words")!);

  // Choosing annotator a1 settles the tie on sentence 3 with a1's label (unattributed).
  await page.getByLabel("Where there is no gold and no majority, use").selectOption(t.users.a1.id);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`annotator=${t.users.a1.id}`));
  await expect(page.getByRole("region", { name: "Summary" }).locator("p")).toContainText("2 unattributed claims");
  expect(await unresolved()).toBe(before - 1);
});

test("a manager compares how two outlets told one story: sides per outlet, first quoted source, candidate omissions", async ({ page }) => {
  const t = projectWithTeam("compare", { manager: "MANAGER", a1: "ANNOTATOR" });
  const csv = `/tmp/slant-e2e-compare-${uid()}.csv`;
  writeFileSync(
    csv,
    [
      "title,text,outlet,story",
      `"First telling","Written for Slant's tests, not a real outlet's article. Ilham Aliyev said the army would push on.","Outlet A (test)","Ganja strike"`,
      `"Second telling","Written for Slant's tests, not a real outlet's article. Nikol Pashinyan said civilians were hit.","Outlet B (test)","Ganja strike"`,
    ].join("\n"),
  );
  slant("import", "--project", t.slug, csv);

  await switchUser(page, t.users.a1);
  const docs = (
    (await (await page.request.get(`/api/v1/projects/${t.slug}/documents`)).json()) as { documents: { id: string; story: string | null }[] }
  ).documents;
  const told = docs.filter((d) => d.story === "Ganja strike");
  expect(told).toHaveLength(2);
  for (const [i, d] of told.entries()) {
    const segs = ((await (await page.request.get(`/api/v1/documents/${d.id}`)).json()) as { segments: { id: string }[] }).segments;
    await labelThroughApi(page, d.id, [
      [segs[0]!.id, { "sourcing:": "no_claim" }],
      [
        segs[1]!.id,
        {
          "sourcing:": "paraphrased_attribution",
          "source_name:": i === 0 ? "Ilham Aliyev" : "Nikol Pashinyan",
          "source_type:": "government_official",
          "source_side:": i === 0 ? "azerbaijan" : "armenia",
          ...(i === 0 ? { "stance:armenia": "unfavorable" } : {}),
        },
      ],
    ]);
  }

  await switchUser(page, t.users.manager);
  await page.goto(`/projects/${t.slug}`);
  await page.getByRole("link", { name: "Sourcing reports" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sourcing by outlet");
  const groups = page.getByRole("table", { name: /Per outlet/ });
  await expect(groups.getByRole("row", { name: /Outlet A \(test\)/ })).toContainText("1 (100%)");
  // The chart of quoted sides: its table has the bars' numbers; the keyboard reaches every bar.
  const chart = page.getByRole("figure", { name: "Quoted sides per outlet" });
  const chartRow = (name: RegExp) => chart.getByRole("table").getByRole("row", { name });
  await expect(chartRow(/Outlet A \(test\)/).getByRole("cell")).toHaveText(["0", "1", "0", "1"]); // Armenia, Azerbaijan, Turkey, total
  await expect(chartRow(/Outlet B \(test\)/).getByRole("cell")).toHaveText(["1", "0", "0", "1"]);
  await expect(chart.getByRole("list", { name: /Legend/ })).toContainText("Armenia (solid)Azerbaijan (diagonal stripes)");
  await chart.getByRole("application").focus();
  await page.keyboard.press("ArrowDown");
  await expect(chart.getByRole("status")).toHaveText("Outlet A (test): 1 attributed sentences (Armenia 0, Azerbaijan 1, Turkey 0)");
  await page.keyboard.press("ArrowDown");
  await expect(chart.getByRole("status")).toHaveText("Outlet B (test): 1 attributed sentences (Armenia 1, Azerbaijan 0, Turkey 0)");
  await page.keyboard.press("ArrowUp");
  await expect(chart.getByRole("status")).toContainText("Outlet A (test)");
  const stanceChart = page.getByRole("figure", { name: "Stance toward Armenia per outlet" });
  await expect(
    stanceChart
      .getByRole("table")
      .getByRole("row", { name: /Outlet A \(test\)/ })
      .getByRole("cell"),
  ).toHaveText([
    "0", // favorable
    "1", // unfavorable
    "0", // neutral
    "1",
  ]);
  await expect(page.getByText("Stance toward Turkey per outlet: no sentence has a resolved stance label toward Turkey yet.")).toBeVisible();
  await page.screenshot({ path: "/tmp/sourcing-outlets.png", fullPage: true });
  // The download has the figures the page and the chart show.
  const outletRows = csvObjects(await downloadText(page, "Download CSV (one row per outlet)"));
  expect(outletRows.find((r) => r.outlet === "Outlet A (test)")).toMatchObject({
    "side:azerbaijan:sentences": "1",
    "side:armenia:sentences": "0",
    attributed_sentences: "1",
  });
  await axeClean(page);
  await page.getByRole("link", { name: "By story" }).click();
  await page.getByRole("link", { name: "Ganja strike" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("How the outlets told “Ganja strike”");
  const outlets = page.getByRole("table", { name: /Per outlet: its articles/ });
  await expect(outlets.getByRole("row", { name: /Outlet A \(test\)/ })).toContainText("Ilham Aliyev (Azerbaijan)");
  await expect(outlets.getByRole("row", { name: /Outlet B \(test\)/ })).toContainText("Nikol Pashinyan (Armenia)");
  const omissions = page.getByRole("table", { name: /Named sources some outlets quote/ });
  await expect(
    omissions
      .getByRole("row", { name: /Ilham Aliyev/ })
      .getByRole("cell")
      .last(),
  ).toHaveText("Outlet B (test)");
  await expect(
    omissions
      .getByRole("row", { name: /Nikol Pashinyan/ })
      .getByRole("cell")
      .last(),
  ).toHaveText("Outlet A (test)");
  await page.screenshot({ path: "/tmp/sourcing-comparison.png", fullPage: true });
  const storyRows = csvObjects(await downloadText(page, "Download CSV (one row per outlet)"));
  expect(storyRows.map((r) => [r.outlet, r.first_source_name, r.candidate_omissions])).toEqual([
    ["Outlet A (test)", "Ilham Aliyev", "Nikol Pashinyan"],
    ["Outlet B (test)", "Nikol Pashinyan", "Ilham Aliyev"],
  ]);
  await axeClean(page);
});

test("a manager accepts one story proposal and dismisses another on the documents list", async ({ page }) => {
  test.slow(); // a project, a user and four documents made through the CLI before the page opens
  const t = projectWithTeam("proposals", { manager: "MANAGER" });
  // Four short articles written for this test about two invented events.
  const articles = [
    [
      "Floods cut off Varnholt as the Elsa river bursts its banks",
      "Rescue teams reached Varnholt by boat after the Elsa river burst its banks.",
    ],
    ["Army sent to flooded Varnholt", "The army was sent to Varnholt, where the Elsa river flooded the lower town."],
    ["Dock workers in Port Quennel walk out over pay", "Dock workers at Port Quennel began a strike over pay."],
    [
      "Port Quennel strike halts container ships",
      "Container ships queued outside Port Quennel as the dockers' strike entered its second day.",
    ],
  ];
  for (const [title, text] of articles) {
    const file = `/tmp/slant-e2e-proposal-${uid()}.txt`;
    writeFileSync(file, `${text}\n\nWritten for Slant's tests; nobody published it.\n`);
    slant("document:add", "--project", t.slug, "--file", file, "--title", title!);
  }
  await switchUser(page, t.users.manager);
  await page.goto(`/projects/${t.slug}`);
  const proposals = page.getByRole("region", { name: "Proposed stories" });
  const flood = proposals.getByRole("form", { name: /Proposal \d: 2 documents/ }).filter({ hasText: "Varnholt" });
  const strike = proposals.getByRole("form", { name: /Proposal \d: 2 documents/ }).filter({ hasText: "Quennel" });
  await expect(flood).toBeVisible();
  await expect(strike).toBeVisible();
  await page.screenshot({ path: "/tmp/story-proposals.png", fullPage: true });
  await axeClean(page);
  await flood.getByLabel("Story name").fill("Varnholt flood");
  await flood.getByRole("button", { name: "Accept as one story" }).click();
  await expect(page.getByRole("list", { name: "Documents" })).toContainText("Story: Varnholt flood");
  await expect(proposals.getByText("Varnholt")).toHaveCount(0);
  await strike.getByRole("button", { name: "Dismiss" }).click();
  await expect(proposals).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("region", { name: "Proposed stories" })).toHaveCount(0);
});
