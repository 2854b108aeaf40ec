import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(path.join(tmpdir(), "slant-suggest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(process.execPath, ["scripts/run.mjs", "slant", "suggest", ...args], {
    // A configuration that would stop any command needing the database: suggest must not read it.
    env: { ...process.env, DATABASE_URL: "mysql://nowhere/slant" },
    encoding: "utf8",
  });

// Each case starts a node process that compiles the CLI and loads the NLP model: slow on a busy machine.
describe("npm run slant -- suggest", { timeout: 120_000 }, () => {
  it("prints one JSON line per segment with its kind and suggestions, for text and HTML, with no database", () => {
    const txt = path.join(dir, "article.txt");
    writeFileSync(
      txt,
      'Egypt warns Ethiopia over dam\n\n"Water is life. We will not yield 😀," Egypt\'s Foreign Minister Sameh Shoukry said.\n',
    );
    const html = path.join(dir, "page.html");
    writeFileSync(
      html,
      "<html><head><title>Dam talks</title></head><body><article><p>Officials in Khartoum say the dam could threaten Sudan. The talks failed, according to diplomats.</p></article></body></html>",
    );
    const r = run(txt, html, "--targets", "Egypt,Ethiopia");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.kind, (l.sourcing as { value: string }).value])).toEqual([
      ["headline", "paraphrased_attribution"],
      ["sentence", "direct_quote"],
      ["sentence", "paraphrased_attribution"],
      ["sentence", "paraphrased_attribution"],
    ]);
    const quote = lines[1]!;
    // code points: the emoji counts as one
    expect(quote).toMatchObject({ quotes: [[1, 35]], speakerCanonical: "Sameh Shoukry", sourceSide: { value: "Egypt" } });
    expect([...(quote.text as string)].slice(1, 35).join("")).toBe("Water is life. We will not yield 😀");
    expect(lines[2]).toMatchObject({ file: html, title: "Dam talks", speaker: { value: "Officials in Khartoum" } });
  });

  it("a missing file is a usage error", () => {
    const r = run(path.join(dir, "missing.txt"));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("missing.txt: no such file");
  });
});
