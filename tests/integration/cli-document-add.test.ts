/**
 * `npm run slant -- document:add` goes through the import (same parsers, checks, segmentation,
 * duplicate check and report), run as a real command line against the database under test. It
 * used to store any file's bytes as the text: a UTF-16 file with its NUL bytes, an HTML page with
 * its <script>.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { SYSTEM_ACTOR } from "@/server/auth/actor";
import { createProject } from "@/server/projects";
import { getDb } from "@/server/db/client";

useTestDatabase();

const ARTICLE = "Ceasefire talks resume in Geneva.\n\nOfficials said the talks would last two days. Both sides sent delegations.";
const HTML = `<!doctype html><html><head><title>Talks resume</title><script>alert("owned")</script></head>
<body><nav>Home | World</nav><article><h1>Talks resume in Geneva</h1>
<p>Officials said the talks would last two days, and both sides sent delegations to the city.</p>
<p onclick="steal()">Observers expect a joint statement on Friday, according to people familiar with the plans.</p>
<script>document.write("<p>injected</p>")</script></article></body></html>`;

let dir: string;
let slug: string;
let projectId: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "slant-document-add-"));
  ({ slug, id: projectId } = await createProject(SYSTEM_ACTOR, { name: "document:add", targets: ["Armenia"] }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function documentAdd(name: string, bytes: Uint8Array | string, ...extra: string[]) {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const r = spawnSync(process.execPath, ["scripts/run.mjs", "slant", "document:add", "--project", slug, "--file", file, ...extra], {
    env: { ...process.env, AUTH_SECRET: "x".repeat(40) },
    encoding: "utf8",
  });
  return r;
}

const storedTexts = async () =>
  (await (await getDb()).document.findMany({ where: { projectId }, select: { title: true, text: true } })).map((d) => d.text);

describe("npm run slant -- document:add", () => {
  it("a UTF-16 file with NUL characters is refused with the import's message; nothing is stored", async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(`${ARTICLE}\0\0`, "utf16le")]);
    const r = documentAdd("utf16.txt", utf16, "--title", "Talks");
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^✗ utf16\.txt: rejected, nothing imported\n {2}utf16\.txt: file is not UTF-8 text\n/);
    expect(await storedTexts()).toEqual([]);
  });

  it("an HTML page is extracted like any import: the article's text, no script, no markup; the id is printed", async () => {
    const r = documentAdd("page.html", HTML, "--title", "Geneva talks", "--json");
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { created: string[]; duplicates: number; rejected: boolean };
    expect(out).toMatchObject({ duplicates: 0, rejected: false });
    expect(out.created).toHaveLength(1);
    const doc = await (await getDb()).document.findUniqueOrThrow({ where: { id: out.created[0]! }, include: { segments: true } });
    expect(doc.title).toBe("Geneva talks");
    expect(doc.text).toContain("Officials said the talks would last two days");
    expect(doc.text).not.toMatch(/<|alert|injected|steal|onclick/);
    expect(doc.segments.length).toBeGreaterThan(1);

    const again = documentAdd("page-again.html", HTML, "--title", "Geneva talks");
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^✓ page-again\.html: 0 imported, 1 duplicates skipped/);
  });

  it("--title on a file of several articles is refused, saying why", async () => {
    const csv = 'title,text\nOne,"First article text, long enough to be one."\nTwo,"Second article text, also long enough."\n';
    const r = documentAdd("two.csv", csv, "--title", "Both");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("--title names one document, but the file holds 2 articles");
  });
});
