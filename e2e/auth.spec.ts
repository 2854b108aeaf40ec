import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PROJECT_NAME, newUser, signIn, slant, uid } from "./support/fixtures";

test.describe("sign-in", () => {
  for (const [role, login] of Object.entries(DEMO)) {
    test(`demo ${role} signs in and sees the demo project`, async ({ page }) => {
      await signIn(page, login.email, login.password);
      await expect(page.getByRole("link", { name: DEMO_PROJECT_NAME })).toBeVisible();
    });
  }

  test("a wrong password gets one generic message and no session", async ({ page, context }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(DEMO.annotator1.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#login-error")).toHaveText("Email or password is incorrect.");
    // An unknown account gets exactly the same message.
    await page.getByLabel("Email").fill(`nobody-${uid()}@e2e.test`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#login-error")).toHaveText("Email or password is incorrect.");
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name.includes("session-token"))).toBeUndefined();
    await page.goto("/projects");
    await expect(page).toHaveURL(/\/login/);
  });

  test("the session cookie is httpOnly and SameSite", async ({ page, context }) => {
    await signIn(page, DEMO.annotator2.email, DEMO.annotator2.password);
    const cookie = (await context.cookies()).find((c) => c.name.includes("session-token"));
    expect(cookie).toBeDefined();
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe("Lax");
  });

  test("a disabled user cannot sign in and their open session stops working", async ({ page }) => {
    const u = newUser("disabled");
    await signIn(page, u.email, u.password);
    slant("user:disable", "--email", u.email);
    await page.goto("/projects");
    await expect(page).toHaveURL(/\/login/);
    const api = await page.request.get("/api/v1/projects");
    expect(api.status()).toBe(401);
    await page.getByLabel("Email").fill(u.email);
    await page.getByLabel("Password").fill(u.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#login-error")).toHaveText("Email or password is incorrect.");
  });

  test("sign out from the user menu", async ({ page }) => {
    await signIn(page, DEMO.annotator1.email, DEMO.annotator1.password);
    await page.getByLabel(/Account menu/).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/projects");
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe("authorization", () => {
  test("an annotator gets 404 on the admin page and on a project they are not in (page and API)", async ({ page }) => {
    const other = slant<{ id: string; slug: string }>("project:create", "--name", `Private ${uid()}`, "--targets", "A,B");
    await signIn(page, DEMO.annotator1.email, DEMO.annotator1.password);

    const admin = await page.goto("/admin/users");
    expect(admin?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

    for (const ref of [other.id, other.slug]) {
      const res = await page.goto(`/projects/${ref}`);
      expect(res?.status()).toBe(404);
      const api = await page.request.get(`/api/v1/projects/${ref}`);
      expect(api.status()).toBe(404);
    }
    // The same annotator sees their own project, by page and by API.
    await page.goto("/projects/karabakh-demo");
    await expect(page.getByRole("heading", { name: DEMO_PROJECT_NAME })).toBeVisible();
    const own = await page.request.get("/api/v1/projects/karabakh-demo");
    expect(own.status()).toBe(200);
    expect((await own.json()).targets.map((t: { name: string }) => t.name)).toEqual(["Armenia", "Azerbaijan", "Turkey", "NATO"]);
  });

  test("anonymous API requests get 401", async ({ request }) => {
    expect((await request.get("/api/v1/projects")).status()).toBe(401);
  });

  test("the admin manages users on the admin page", async ({ page }) => {
    await signIn(page, DEMO.admin.email, DEMO.admin.password);
    await page.getByRole("link", { name: "Users" }).click();
    const email = `made-${uid()}@e2e.test`;
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Name").fill("Made In Test");
    await page.getByLabel("Initial password").fill("a-long-password");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByRole("status").first()).toContainText(`Created ${email}`);
    // A created user's fields are cleared; a refused one keeps what was typed.
    await expect(page.getByLabel("Email")).toHaveValue("");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Name").fill("Made Twice");
    await page.getByLabel("Initial password").fill("another-long-password");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByRole("alert").filter({ hasText: email })).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await expect(page.getByLabel("Name")).toHaveValue("Made Twice");
    await expect(page.getByLabel("Initial password")).toHaveValue("another-long-password");
    await page.getByRole("button", { name: `Disable: ${email}` }).click();
    await expect(page.getByRole("button", { name: `Enable: ${email}` })).toBeVisible();
  });
});
