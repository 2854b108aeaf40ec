/**
 * The figures of the sourcing reports, recomputed by pandas from the raw export: a dataset
 * package is written, and tests/pandas/check_reports.py resolves every label again from its
 * sentences.jsonl (gold > majority of the confirming annotators > the only confirming annotator)
 * and compares its per-article and per-outlet figures with the package's reports/articles.csv and
 * reports/outlets.csv. Those files are checked here to be the API's downloads byte for byte, and
 * the API's figures are the pages' (one service computes them). Skipped, and said so, when
 * /usr/bin/python3 or pandas is missing.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { pandasSkip, runPandas } from "../support/pandas";
import { collect } from "../support/export-fixture";
import { label, newActor, newProject } from "../support/team";
import type { Actor } from "@/server/auth/actor";
import { saveAnnotation } from "@/server/annotations";
import { saveGoldLabel } from "@/server/gold";
import { streamExport } from "@/server/export";
import { getGroupReports } from "@/server/reports/groups";
import { getArticleReport } from "@/server/reports/article";
import { groupRowsCsv, sourceRowsCsv } from "@/lib/reports/csv";
import { REPORT_FILES } from "@/lib/reports/files";

const missing = pandasSkip("pandas report checks");

useTestDatabase();

// Written for Slant's tests; no outlet published these. Plain words, so that Python's \w+ splits
// them as Intl.Segmenter does (the reports count words by Unicode word boundaries).
const TEXTS = [
  {
    title: "First telling",
    outlet: "Outlet A (test)",
    story: "Ganja",
    text: "Written for Slant's tests, not a real report. Ilham Aliyev said the army would push on. The ministry said the town was shelled. Officials in Yerevan denied the claim. Nikol Pashinyan called for talks. The night was quiet after that.",
  },
  {
    title: "Second telling",
    outlet: "Outlet B (test)",
    story: "Ganja",
    text: "Written for Slant's tests, not a real report. Nikol Pashinyan said civilians were hit. A spokesperson blamed the other side. The shelling went on for hours. Ilham Aliyev promised a response.",
  },
  {
    title: "Third telling",
    outlet: "Outlet A (test)",
    story: "Talks",
    text: "Written for Slant's tests, not a real report. Diplomats met in Moscow on Friday. A diplomat said both sides agreed to a pause. Observers doubted it would hold. The talks will go on next week.",
  },
  {
    title: "Fourth telling",
    text: "Written for Slant's tests, not a real report. Residents said they heard blasts all night. An analyst said the front had not moved. Nobody has claimed the strike.",
  },
];

/** A small deterministic generator (mulberry32), so the labels are varied but the same every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let mgr: Actor;
let slug: string;
let dir: string;
let documentIds: string[];

beforeAll(async () => {
  const [a1, a2, a3, rev] = await Promise.all(["pr-a1", "pr-a2", "pr-a3", "pr-rev"].map((n) => newActor(`${n}@example.org`)));
  mgr = await newActor("pr-mgr@example.org");
  const p = await newProject(
    "Reports by pandas",
    [
      [a1!, "ANNOTATOR"],
      [a2!, "ANNOTATOR"],
      [a3!, "ANNOTATOR"],
      [rev!, "REVIEWER"],
      [mgr, "MANAGER"],
    ],
    TEXTS,
  );
  slug = p.slug;
  documentIds = p.documents.map((d) => d.id);
  const rnd = random(16);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // Few values each, so that majorities, ties and single annotators all occur.
  const sourcing = ["direct_quote", "paraphrased_attribution", "paraphrased_attribution", "unattributed_claim", "no_claim"];
  const names = ["Ilham Aliyev", "ilham  ALIYEV", "Nikol Pashinyan", "A diplomat", null];
  const sides = ["armenia", "azerbaijan", "independent_unclear"];
  const types = ["government_official", "expert_academic"];
  const stances = ["favorable", "unfavorable", "neutral", null];
  for (const doc of p.documents) {
    for (const [i, seg] of doc.segments.entries()) {
      if (seg.isBoilerplate) continue;
      for (const a of [a1!, a2!, a3!]) {
        if (rnd() < 0.25) continue; // this annotator did not label the sentence
        const kind = pick(sourcing);
        const attributed = kind === "direct_quote" || kind === "paraphrased_attribution";
        const stance: Record<string, string> = {};
        for (const t of ["armenia", "azerbaijan", "turkey"]) {
          const v = pick(stances);
          if (v) stance[t] = v;
        }
        await label(a, doc, i, {
          sourcing: kind,
          ...(attributed ? { type: pick(types), side: pick(sides) } : {}),
          stance,
          confirm: rnd() < 0.85, // labels of an unconfirmed sentence do not count
        });
        const name = attributed ? pick(names) : null;
        if (name)
          await saveAnnotation(a, {
            documentId: doc.id,
            segmentId: seg.id,
            dimension: "source_name",
            target: null,
            value: name,
            baseVersion: null,
          });
      }
      if (rnd() < 0.2)
        for (const [dimension, value] of [
          ["sourcing", "paraphrased_attribution"],
          ["source_side", "azerbaijan"],
          ["source_name", "Ilham Aliyev"],
        ] as const)
          await saveGoldLabel(rev!, { documentId: doc.id, segmentId: seg.id, dimension, target: null, value, baseVersion: null });
    }
  }
  dir = mkdtempSync(path.join(tmpdir(), "slant-pandas-reports-"));
  return () => rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe("sourcing reports recomputed by pandas from the raw export", () => {
  it.skipIf(missing !== null)(`per article and per outlet figures agree${missing ? ` (SKIPPED: ${missing})` : ""}`, async () => {
    const zip = await collect((await streamExport(mgr, slug, { format: "package" })).chunks);
    const files = unzipSync(zip);
    writeFileSync(path.join(dir, "dataset.zip"), zip);

    // The package's report files are the API's downloads (and the API's figures the pages').
    const byOutlet = await getGroupReports(mgr, slug, { by: "outlet" });
    expect(strFromU8(files[REPORT_FILES.outletsCsv]!)).toBe(groupRowsCsv(byOutlet.groups, byOutlet.labels, "outlet"));
    const articles = await Promise.all(documentIds.map((id) => getArticleReport(mgr, slug, id)));
    const rows = (csv: string) => csv.trim().split("\r\n").slice(1).sort();
    expect(rows(strFromU8(files[REPORT_FILES.articlesCsv]!))).toEqual(rows(sourceRowsCsv(articles.map((a) => a.report))));
    // The fixture has what the resolution rule is about: gold, majorities, ties and single annotators.
    const basis = articles.flatMap((a) => a.report.sources.map((s) => s.basis));
    for (const k of ["gold", "majority", "annotator"] as const)
      expect(
        basis.some((b) => b[k] > 0),
        k,
      ).toBe(true);
    expect(articles.some((a) => a.report.unresolvedSourcing > 0)).toBe(true);

    writeFileSync(
      path.join(dir, "expected.json"),
      JSON.stringify({
        sourcing: { direct: "direct_quote", paraphrased: "paraphrased_attribution", unattributed: "unattributed_claim" },
        dimensions: { sourcing: "sourcing", name: "source_name", type: "source_type", side: "source_side", stance: "stance" },
        targets: ["armenia", "azerbaijan", "turkey"],
      }),
    );
    const r = runPandas("check_reports.py", dir);
    expect(r.stderr, r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/all checks passed/);
  });
});
