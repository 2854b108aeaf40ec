import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Cookie } from "@playwright/test";
import { newUser, signIn, uid } from "./support/fixtures";

const sessionCookie = (cookies: Cookie[]) => cookies.find((c) => c.name.includes("session-token"));

/** A new browser context holding only `cookie`: someone who copied it. */
async function replay(browser: Browser, cookie: Cookie) {
  const context = await browser.newContext();
  await context.addCookies([cookie]);
  return { context, page: await context.newPage() };
}

test.describe("sessions", () => {
  test("after sign-out the old session cookie is refused", async ({ page, context, browser }) => {
    const u = newUser("signout");
    await signIn(page, u.email, u.password);
    const cookie = sessionCookie(await context.cookies());
    expect(cookie).toBeDefined();
    await page.getByLabel(/Account menu/).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);

    const copy = await replay(browser, cookie!);
    await copy.page.goto("/projects");
    await expect(copy.page).toHaveURL(/\/login/);
    expect((await copy.page.request.get("/api/v1/projects")).status()).toBe(401);
    await copy.context.close();
  });

  test("changing the password in one browser signs out every other one", async ({ page, browser }, testInfo) => {
    const u = newUser("pwchange");
    await signIn(page, u.email, u.password);
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, u.email, u.password);

    // From the user menu, by keyboard-reachable links and labelled fields.
    await page.getByLabel(/Account menu/).click();
    await page.getByRole("link", { name: "Change password" }).click();
    await expect(page.getByRole("heading", { name: "Change password" })).toBeVisible();
    await expect(page.getByRole("link", { name: "API tokens" })).toBeHidden(); // the menu closed on the way
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    const fill = async (current: string, next: string, again = next) => {
      await page.getByLabel("Current password").fill(current);
      await page.getByLabel("New password", { exact: true }).fill(next);
      await page.getByLabel("New password again").fill(again);
      await page.getByRole("button", { name: "Change password" }).click();
    };
    const next = `new-${uid()}-${uid()}`;
    await fill("not the password", next);
    const form = page.getByRole("form", { name: "Change password" });
    await expect(form.getByRole("alert")).toContainText("The current password is not correct");
    await fill(u.password, next);
    await expect(form.getByRole("status")).toContainText("Password changed");
    await page.screenshot({ path: testInfo.outputPath("change-password.png") });

    // This browser stays signed in; the other is signed out, and signs in with the new password only.
    await page.goto("/projects");
    await expect(page).toHaveURL(/\/projects$/);
    await otherPage.goto("/projects");
    await expect(otherPage).toHaveURL(/\/login/);
    expect((await otherPage.request.get("/api/v1/projects")).status()).toBe(401);
    await signIn(otherPage, u.email, next);
    await other.close();
  });
});
