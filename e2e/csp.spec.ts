import { expect, test } from "@playwright/test";
import { projectWithTeam, signIn } from "./support/fixtures";

/** Pages run under a CSP whose scripts need this request's nonce: no 'unsafe-inline', and nothing of the app is blocked. */
test("pages carry a nonce CSP without 'unsafe-inline' for scripts, and work under it", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
  });
  page.on("pageerror", (e) => violations.push(e.message));
  const { slug, documentId, users } = projectWithTeam("csp", { annotator: "ANNOTATOR" });

  const login = await page.goto("/login");
  const csp = login!.headers()["content-security-policy"]!;
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  // A fresh nonce per request.
  const again = (await page.request.get("/login")).headers()["content-security-policy"]!;
  expect(again).not.toBe(csp);

  // Signing in, the project page and the workspace need the app's scripts (hydration, keyboard).
  await signIn(page, users.annotator.email, users.annotator.password);
  await page.goto(`/projects/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto(`/projects/${slug}/documents/${documentId}`);
  await expect(page.getByTestId("current-sentence")).toBeVisible();
  expect(violations).toEqual([]);
});
