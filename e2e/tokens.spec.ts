import { expect, test } from "@playwright/test";
import { newUser, signIn } from "./support/fixtures";

test("a user creates an API token (shown once), a blank name is refused, and revokes it", async ({ page }) => {
  const user = newUser("tokens");
  await signIn(page, user.email, user.password);
  await page.goto("/settings/tokens");

  await page.getByLabel("Name").fill("   ");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "name" })).toContainText("Give the token a name");
  await expect(page.getByLabel("Name")).toHaveValue("   "); // a refused form keeps what was typed

  await page.getByLabel("Name").fill("nightly export");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Created" })).toContainText("Created “nightly export” (read)");
  await expect(page.getByLabel("Your new token")).toHaveValue(/^slant_\S{20,}$/);

  await page.getByRole("button", { name: "Revoke nightly export" }).click();
  await expect(page.getByRole("row", { name: /nightly export/ })).toContainText("revoked");
});
