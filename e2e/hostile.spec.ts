import { expect, test, type Page } from "@playwright/test";
import { newUser, signIn, slant, uid } from "./support/fixtures";

/**
 * Hostile content is displayed inert everywhere: article text, titles, notes, source names,
 * project names, targets, guidelines and imported HTML carry script payloads; every page that
 * shows them is visited, and the test fails if any dialog opens or any payload runs.
 */
const PAYLOAD = `<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2;alert(2)</script>`;

test("script payloads in every user-supplied field stay inert on every page", async ({ page }) => {
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.on("pageerror", (e) => errors.push(e.message));
  const assertInert = async (where: string) => {
    expect(dialogs, `dialog on ${where}`).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), `payload ran on ${where}`).toBeUndefined();
  };

  const manager = newUser("hostile-m");
  const annotator = newUser("hostile-a");
  const project = slant<{ slug: string }>(
    "project:create",
    "--name",
    `Evil ${uid()} ${PAYLOAD}`,
    "--targets",
    `<script>alert(3)</script>,"><img src=x onerror=alert(4)>`,
  );
  slant("member:add", "--project", project.slug, "--email", manager.email, "--role", "MANAGER");
  slant("member:add", "--project", project.slug, "--email", annotator.email, "--role", "ANNOTATOR");

  await signIn(page, manager.email, manager.password);
  // Guidelines with raw HTML and a javascript: link, through the settings page.
  await page.goto(`/projects/${project.slug}/settings`);
  await page
    .getByRole("textbox", { name: "Guidelines" })
    .fill(`# Rules ${PAYLOAD}\n\n[click me](javascript:window.__pwned=3;alert(5))\n\n<a href="javascript:alert(6)">raw link</a>`);
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText(/saved/i).first()).toBeVisible();
  await assertInert("settings");

  // An imported HTML page with scripts and handlers, and pasted text with payloads in title and body.
  const html = `<!doctype html><html lang="en"><head><title>Evil page ${PAYLOAD}</title><script>alert(7)</script></head>
    <body onload="alert(8)"><article><h1>Headline <img src=x onerror=alert(9)></h1><p>First paragraph with <a href="javascript:alert(10)">a link</a>.</p>
    <p onclick="alert(11)">Second paragraph. <script>window.__pwned=4</script> It ends here.</p></article></body></html>`;
  const up = await page.request.post(`/api/v1/projects/${project.slug}/imports`, {
    multipart: { files: { name: `evil-${PAYLOAD.slice(0, 20)}.html`, mimeType: "text/html", buffer: Buffer.from(html) } },
  });
  expect(up.status()).toBe(202);
  const pasted = await page.request.post(`/api/v1/projects/${project.slug}/imports`, {
    data: { title: `Pasted ${PAYLOAD}`, text: `A sentence with ${PAYLOAD} inside. Another "<script>alert(12)</script>" sentence.` },
  });
  expect(pasted.status()).toBe(202);
  await expect
    .poll(async () => (await (await page.request.get(`/api/v1/projects/${project.slug}`)).json()).documents.length, { timeout: 20_000 })
    .toBe(2);
  const docs = (await (await page.request.get(`/api/v1/projects/${project.slug}`)).json()).documents as { id: string }[];

  // The annotator writes payloads into a note and a source name.
  await page.context().clearCookies();
  await signIn(page, annotator.email, annotator.password);
  for (const d of docs) {
    const doc = await (await page.request.get(`/api/v1/documents/${d.id}`)).json();
    const seg = doc.segments.find((s: { isBoilerplate: boolean }) => !s.isBoilerplate);
    for (const [dimension, value] of [
      ["note", PAYLOAD],
      ["source_name", `<script>alert(13)</script>`],
      ["sourcing", "direct_quote"],
    ] as const) {
      const r = await page.request.post("/api/v1/annotations", {
        data: { documentId: d.id, segmentId: seg.id, dimension, target: null, value, baseVersion: null },
      });
      expect(r.status()).toBe(200);
    }
    await page.goto(`/projects/${project.slug}/documents/${d.id}`);
    await expect(page.getByTestId("current-sentence")).toBeVisible();
    await page.keyboard.press("G"); // guidelines panel
    await expect(page.getByText("click me")).toBeVisible();
    await assertInert(`workspace ${d.id}`);
  }
  await visitAll(page, annotator.email, [`/projects`, `/projects/${project.slug}`], assertInert);

  // The manager sees everything: project, review, agreement, progress, import report, export, segments.
  await page.context().clearCookies();
  await signIn(page, manager.email, manager.password);
  const pages = [
    "/projects",
    `/projects/${project.slug}`,
    `/projects/${project.slug}/settings`,
    `/projects/${project.slug}/import`,
    `/projects/${project.slug}/export`,
    `/projects/${project.slug}/progress`,
    `/projects/${project.slug}/agreement`,
    `/projects/${project.slug}/review`,
    ...docs.flatMap((d) => [
      `/projects/${project.slug}/review/${d.id}`,
      `/projects/${project.slug}/documents/${d.id}/segments`,
      `/projects/${project.slug}/documents/${d.id}`,
    ]),
  ];
  await visitAll(page, manager.email, pages, assertInert);
  expect(errors.filter((e) => /pwned|alert/.test(e))).toEqual([]);
});

async function visitAll(page: Page, who: string, paths: string[], assertInert: (where: string) => Promise<void>) {
  for (const p of paths) {
    const res = await page.goto(p);
    expect(res?.status(), `${who} → ${p}`).toBeLessThan(400);
    await page.waitForLoadState("networkidle");
    await assertInert(p);
  }
}
