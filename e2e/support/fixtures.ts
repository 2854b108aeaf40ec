import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";

/** Runs the Slant CLI against the e2e database and returns its JSON output. */
export function slant<T = Record<string, unknown>>(...args: string[]): T {
  const out = execFileSync(process.execPath, ["scripts/run.mjs", "slant", ...args, "--json"], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return JSON.parse(out) as T;
}

export const uid = () => randomBytes(4).toString("hex");

/** A fresh user of its own for one test, so tests never share mutable state. */
export function newUser(prefix = "user") {
  const email = `${prefix}-${uid()}@e2e.test`;
  const password = `pw-${uid()}-${uid()}`;
  const user = slant<{ id: string }>("user:create", "--email", email, "--name", `${prefix} ${uid()}`, "--password", password);
  return { id: user.id, email, password };
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects/);
}

export const DEMO = {
  admin: { email: "admin@slant.demo", password: "slant-demo-admin" },
  manager: { email: "manager@slant.demo", password: "slant-demo-manager" },
  annotator1: { email: "annotator1@slant.demo", password: "slant-demo-annotator1" },
  annotator2: { email: "annotator2@slant.demo", password: "slant-demo-annotator2" },
};
export const DEMO_PROJECT_NAME = "Karabakh coverage, October 2020 (demo)";
