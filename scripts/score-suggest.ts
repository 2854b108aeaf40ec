// npm run score:suggest -- FIXTURE.json...   scores the segmenter and the attribution extractor
// against hand-labelled articles (format: lib/suggest/score.ts); --json for machine-readable
// output, --errors to list every segment that differs.
// npm run score:suggest -- --draft ARTICLE.txt   prints a fixture drafted from the extractor's
// output, to be corrected by hand (a draft is not a label).
import { readFileSync } from "node:fs";
import path from "node:path";
import { segmentText } from "../lib/segment";
import { suggestForDocument } from "../lib/suggest";
import { addCounts, emptyCounts, fixtureSchema, scores, scoreFixture, type Scores } from "../lib/suggest/score";

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith("--")));
const files = args.filter((a) => !a.startsWith("--"));

function draft(file: string) {
  const text = readFileSync(file, "utf8");
  const segs = segmentText(text);
  const sug = suggestForDocument(text, segs);
  const cp = (s: string, i: number) => [...s.slice(0, i)].length;
  const segments = segs.map((s, i) => {
    const t = text.slice(s.start, s.end);
    const x = sug[i]!;
    return {
      text: t,
      kind: s.kind,
      sourcing: x.sourcing.value,
      speaker: x.speaker?.value ?? null,
      speaker_canonical: x.speakerCanonical,
      cue: x.cue?.value ?? null,
      quotes: x.quotes.map(([a, b]) => [cp(t, a), cp(t, b)]),
    };
  });
  console.log(JSON.stringify({ note: "DRAFT from the extractor: correct every field by hand", text, segments }, null, 1));
}

const pct = (x: number) => (100 * x).toFixed(1);
const line = (name: string, s: Scores) =>
  `${name.padEnd(28)} ${String(s.segments).padStart(4)}  ${pct(s.sourcingAccuracy).padStart(5)}  ${pct(s.sourcingMacroF1).padStart(5)}   ${pct(s.quotes.exact.f1).padStart(5)}  ${pct(s.quotes.overlap50.f1).padStart(5)}   ${pct(s.speakerAccuracy).padStart(5)} (${s.speakers})  ${pct(s.boundaries.f1).padStart(5)}`;

function main() {
  if (files.length === 0) {
    console.error("usage: npm run score:suggest -- FIXTURE.json... [--json] [--errors]  |  --draft ARTICLE.txt");
    process.exit(2);
  }
  if (flags.has("--draft")) return files.forEach(draft);
  const total = emptyCounts();
  const rows: { file: string; scores: Scores; errors: string[] }[] = [];
  for (const file of files) {
    const parsed = fixtureSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (!parsed.success) {
      console.error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      process.exit(2);
    }
    const c = emptyCounts();
    scoreFixture(parsed.data, c);
    addCounts(total, c);
    rows.push({ file: path.basename(file, ".json"), scores: scores(c), errors: c.errors });
  }
  const overall = scores(total);
  if (flags.has("--json")) {
    console.log(JSON.stringify({ fixtures: rows.map(({ file, scores }) => ({ file, ...scores })), overall }, null, 2));
    return;
  }
  console.log(`${"fixture".padEnd(28)} segs   acc  macF1   qExact  q@50%   speaker      bndF1`);
  for (const r of rows) {
    console.log(line(r.file, r.scores));
    if (flags.has("--errors")) for (const e of r.errors) console.log(e);
  }
  console.log(line("OVERALL", overall));
  console.log(
    `per-class F1: ${Object.entries(overall.perClassF1)
      .map(([k, v]) => `${k} ${pct(v)}`)
      .join(", ")}`,
  );
  console.log(
    `quotes exact P/R ${pct(overall.quotes.exact.precision)}/${pct(overall.quotes.exact.recall)}, at 50% P/R ${pct(overall.quotes.overlap50.precision)}/${pct(overall.quotes.overlap50.recall)}; boundaries P/R ${pct(overall.boundaries.precision)}/${pct(overall.boundaries.recall)}`,
  );
}

main();
