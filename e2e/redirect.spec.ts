import { expect, test, type BrowserContext } from "@playwright/test";
import { DEMO, signIn } from "./support/fixtures";

/**
 * After sign-in, a callbackUrl that leads off the site sends the user to /projects instead. The
 * payloads are written as an attacker puts them in a link (the query string as sent).
 */
const PAYLOADS = [
  "/\\evil.com",
  "/%09/evil.com",
  "//evil.com",
  "https://evil.com",
  "/\\/evil.com",
  "%2F%2Fevil.com",
  "%2F%5Cevil.com",
  "/%5C%5Cevil.com",
  "/%0A/evil.com",
  "%09//evil.com",
];

/** Any request to evil.com is answered here, so leaving the site shows in the page's URL instead of a DNS error. */
async function catchEvil(context: BrowserContext) {
  await context.route(
    (url) => url.hostname === "evil.com",
    (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil</h1>" }),
  );
}

test.describe("open redirects after sign-in", () => {
  for (const payload of PAYLOADS.slice(0, 4)) {
    test(`signing in from /login?callbackUrl=${payload} stays on the site`, async ({ page, context, baseURL }) => {
      await catchEvil(context);
      await page.goto(`/login?callbackUrl=${payload}`);
      await page.getByLabel("Email").fill(DEMO.annotator1.email);
      await page.getByLabel("Password").fill(DEMO.annotator1.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(`${baseURL}/projects`);
    });
  }

  test("a signed-in visit to /login with a hostile callbackUrl is redirected on the site", async ({ page, context, baseURL }) => {
    await catchEvil(context);
    await signIn(page, DEMO.annotator2.email, DEMO.annotator2.password);
    for (const payload of PAYLOADS) {
      const res = await page.request.get(`/login?callbackUrl=${payload}`, { maxRedirects: 0 });
      expect(res.status(), payload).toBe(307);
      expect(new URL(res.headers().location!, baseURL).href, payload).toBe(`${baseURL}/projects`);
    }
    // A place on the site is kept.
    const ok = await page.request.get(`/login?callbackUrl=${encodeURIComponent("/projects/karabakh-demo")}`, { maxRedirects: 0 });
    expect(new URL(ok.headers().location!, baseURL).pathname).toBe("/projects/karabakh-demo");
  });

  test("next-auth's callback answers only URLs of the site", async ({ request, baseURL }) => {
    for (const payload of PAYLOADS) {
      const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
      const res = await request.post("/api/auth/callback/credentials", {
        form: {
          csrfToken,
          email: DEMO.manager.email,
          password: DEMO.manager.password,
          json: "true",
          callbackUrl: decodeURIComponent(payload),
        },
        maxRedirects: 0,
      });
      expect(res.status(), payload).toBe(200);
      expect(new URL((await res.json()).url).origin, payload).toBe(new URL(baseURL!).origin);
    }
  });
});
