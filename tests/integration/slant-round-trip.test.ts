/**
 * Export → import:slant → export, on the database under test (SQLite, or PostgreSQL with
 * TEST_PG_URL): document texts and sentence offsets come back identical, and every record
 * (labels, confirmations, gold, segment kinds, and the suggestions, which the importing server's
 * providers compute again) equals the first export's apart from ids. Version 1 (written before
 * format_version existed) and version 2 files (no kinds, no suggestions) still import.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { collect, newActor } from "../support/export-fixture";
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { addMember, createProject } from "@/server/projects";
import { insertDocuments } from "@/server/documents";
import { saveAnnotation, setSegmentStatus } from "@/server/annotations";
import { saveGoldLabel } from "@/server/gold";
import { getDb } from "@/server/db/client";
import { streamExport } from "@/server/export";
import { importSlantJsonl } from "@/server/import-slant";
import { suggestionsIdle } from "@/server/suggestions/jobs";
import { requestSuggestions } from "@/server/suggestions/service";
import { SLANT_FORMAT_VERSION, type SentenceRecord } from "@/lib/export";

useTestDatabase();

// Leading and trailing whitespace, single line breaks inside a paragraph, paragraph breaks, a
// "READ MORE:" line and a photo caption (boilerplate), emoji (surrogate pairs) and accents.
const ARTICLE =
  "\n  Café owners in Gyumri 😀 said the ceasefire held.\nThey reopened on Monday.\n\n" +
  "READ MORE: Azerbaijan accuses Armenia of shelling Ganja\n\n" +
  "Photo: Reuters\n\n" +
  "«Nous avons peur», a déclaré Anaïs, 34 ans 👋🏽.\tShe left the next day.\n\n\n" +
  "Turkey, meanwhile, has supported Baku.\n";
const SECOND = "Une phrase\u00a0: courte.\r\n\r\nEt une autre 🎉.";

const cps = (s: string) => Array.from(s);

interface Built {
  projectId: string;
  slug: string;
}

async function labelledProject(): Promise<Built> {
  const [ana, ben, rev] = await Promise.all(["ana", "ben", "rev"].map((n) => newActor(`${n}-rt@example.org`)));
  const p = await createProject(SYSTEM_ACTOR, { name: "Round trip source", targets: ["Armenia", "Azerbaijan"] });
  for (const a of [ana!, ben!]) await addMember(SYSTEM_ACTOR, p.id, { email: a.email, role: "ANNOTATOR" });
  await addMember(SYSTEM_ACTOR, p.id, { email: rev!.email, role: "REVIEWER" });
  const db = await getDb();
  const { created } = await db.$transaction((tx) =>
    insertDocuments(tx, SYSTEM_ACTOR, p.id, [
      {
        title: "Gyumri",
        text: ARTICLE,
        outlet: "Wire",
        story: "Gyumri shelling",
        url: "https://example.org/a",
        author: "A. Writer",
        publishedAt: "2020-10-05",
      },
      { title: "Deuxième", text: SECOND, language: "fr", externalId: "ext-2" },
    ]),
  );
  const segs = await db.segment.findMany({ where: { documentId: created[0]! }, orderBy: { index: "asc" } });
  expect(segs.filter((s) => s.isBoilerplate).map((s) => s.boilerplateReason)).toEqual(["read_more", "caption"]);
  const documentId = created[0]!;
  const at = (i: number) => segs[i]!.id;
  const save = (who: Actor, i: number, dimension: string, target: string | null, value: unknown) =>
    saveAnnotation(who, { documentId, segmentId: at(i), dimension, target, value, baseVersion: null });
  const confirm = (who: Actor, i: number) => setSegmentStatus(who, { documentId, segmentId: at(i), confirmed: true, baseVersion: null });
  const quote = segs.findIndex((s) => ARTICLE.slice(s.start, s.end).startsWith("«"));
  const fear = ARTICLE.indexOf("peur");

  await save(ana!, 0, "stance", "armenia", "favorable");
  await save(ana!, 0, "sourcing", null, "paraphrased_attribution");
  await save(ana!, 0, "source_type", null, "eyewitness_civilian");
  await save(ana!, 0, "source_side", null, "armenia");
  await confirm(ana!, 0); // azerbaijan: "none"
  await save(ana!, quote, "spans", null, [{ start: fear, end: fear + 4, label: "loaded_language" }]);
  await save(ana!, quote, "sourcing", null, "direct_quote"); // not confirmed
  await save(ana!, 2, "flag", null, true); // a label on boilerplate
  await save(ben!, 0, "stance", "armenia", "neutral");
  await save(ben!, 0, "sourcing", null, "paraphrased_attribution");
  await save(ben!, 0, "source_type", null, "military");
  await save(ben!, 0, "source_side", null, "independent_unclear");
  await save(ben!, 0, "note", null, "=1+1 «ça»");
  await confirm(ben!, 0);
  await save(ben!, 1, "sourcing", null, "no_claim");
  await confirm(ben!, 1); // no stance: "none" for both targets
  for (const [dimension, target, value] of [
    ["stance", "armenia", "favorable"],
    ["sourcing", null, "paraphrased_attribution"],
  ] as const) {
    await saveGoldLabel(rev!, { documentId, segmentId: at(0), dimension, target, value, baseVersion: null });
  }
  await requestSuggestions(SYSTEM_ACTOR, p.id, {});
  await suggestionsIdle();
  return { projectId: p.id, slug: p.slug };
}

async function exportJsonl(projectId: string): Promise<string> {
  const file = await streamExport(SYSTEM_ACTOR, projectId, { format: "jsonl", filters: { includeBoilerplate: true } });
  return new TextDecoder().decode(await collect(file.chunks));
}

const records = (jsonl: string) =>
  jsonl
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as SentenceRecord);
/** A record without the ids that differ between projects. */
const withoutIds = (r: SentenceRecord) => ({ ...r, project: null, document: { ...r.document, id: null } });

async function stored(projectId: string) {
  const db = await getDb();
  const docs = await db.document.findMany({
    where: { projectId },
    orderBy: { position: "asc" },
    select: {
      title: true,
      text: true,
      outlet: true,
      story: true,
      url: true,
      author: true,
      publishedAt: true,
      language: true,
      externalId: true,
      position: true,
      segments: {
        orderBy: { index: "asc" },
        select: { index: true, start: true, end: true, paragraph: true, isBoilerplate: true, boilerplateReason: true, kind: true },
      },
    },
  });
  return docs;
}

let source: Built;
let first: string;
beforeAll(async () => {
  source = await labelledProject();
  first = await exportJsonl(source.projectId);
});

describe("JSONL export → import:slant → export", () => {
  it(`writes format_version ${SLANT_FORMAT_VERSION} and the whitespace that rebuilds each text, not the text again`, () => {
    const recs = records(first);
    expect(new Set(recs.map((r) => r.format_version))).toEqual(new Set([SLANT_FORMAT_VERSION]));
    for (const title of ["Gyumri", "Deuxième"]) {
      const own = recs.filter((r) => r.document.title === title);
      const rebuilt = own[0]!.whitespace_before! + own.map((r) => r.text + r.whitespace_after).join("");
      expect(rebuilt).toBe(title === "Gyumri" ? ARTICLE : SECOND);
      for (const r of own) expect(cps(rebuilt).slice(r.start, r.end).join("")).toBe(r.text);
      expect(own.slice(1).every((r) => r.whitespace_before === null)).toBe(true);
    }
    expect(recs.filter((r) => r.is_boilerplate).map((r) => r.boilerplate_reason)).toEqual(["read_more", "caption"]);
  });

  it("carries each sentence's kind and its suggestions, apart from the labels", () => {
    const recs = records(first);
    expect(recs.filter((r) => r.document.title === "Gyumri").map((r) => r.kind)).toEqual([
      "sentence",
      "sentence",
      "boilerplate",
      "caption",
      "sentence",
      "sentence",
      "sentence",
    ]);
    const quote = recs.find((r) => r.text.startsWith("«"))!;
    const sourcing = quote.suggestions.find((s) => s.dimension === "sourcing")!;
    expect(sourcing).toMatchObject({ provider: "rules", target: null, value: "direct_quote" });
    const [start, end] = sourcing.evidence!.quotes![0]!;
    expect(cps(quote.text).slice(start, end).join("")).toBe("Nous avons peur");
    // Nobody's label: annotator_1 said direct_quote here, and the suggestion is not among the annotations.
    expect(quote.annotations.map((a) => a.annotator)).toEqual(["annotator_1"]);
  });

  it("gives identical document texts, offsets and records (labels, confirmations, gold) apart from ids", async () => {
    const target = await createProject(SYSTEM_ACTOR, { name: "Round trip copy", targets: ["Armenia", "Azerbaijan"] });
    const report = await importSlantJsonl(SYSTEM_ACTOR, target.id, new TextEncoder().encode(first));
    expect(report).toMatchObject({ formatVersions: [SLANT_FORMAT_VERSION], documents: 2, duplicates: 0, gold: 2 });

    const [before, after] = [await stored(source.projectId), await stored(target.id)];
    expect(after).toEqual(before);
    expect(after[0]!.text).toBe(ARTICLE);

    await suggestionsIdle();
    const again = await exportJsonl(target.id);
    expect(records(again).map(withoutIds)).toEqual(records(first).map(withoutIds));
    const confirmed = records(again).flatMap((r) => r.annotations.filter((a) => a.confirmed).map((a) => [r.sentence_index, a.annotator]));
    expect(confirmed).toEqual([
      [0, "annotator_1"],
      [0, "annotator_2"],
      [1, "annotator_2"],
    ]);

    // The text is exact now, so the same file again finds every document already there.
    const twice = await importSlantJsonl(SYSTEM_ACTOR, target.id, new TextEncoder().encode(first));
    expect(twice).toMatchObject({ documents: 0, duplicates: 2 });
  });

  it("refuses an export that left boilerplate out, saying how to export for a round trip", async () => {
    const file = await streamExport(SYSTEM_ACTOR, source.projectId, { format: "jsonl" });
    const partial = await collect(file.chunks);
    const target = await createProject(SYSTEM_ACTOR, { name: "Round trip partial", targets: ["Armenia", "Azerbaijan"] });
    await expect(importSlantJsonl(SYSTEM_ACTOR, target.id, partial)).rejects.toThrow(
      /sentences 2, 3 are not in the file.*--include-boilerplate/,
    );
    expect(await stored(target.id)).toEqual([]);
  });

  it("still imports a version 1 file (no format_version; spaces between sentences), labels and gold included", async () => {
    const v1 = readFileSync(path.join(__dirname, "../../lib/formats/fixtures/slant-export-v1.jsonl"));
    const target = await createProject(SYSTEM_ACTOR, { name: "Version 1", targets: ["Armenia", "Azerbaijan"] });
    const report = await importSlantJsonl(SYSTEM_ACTOR, target.id, v1);
    expect(report).toMatchObject({ formatVersions: [1], documents: 2, sentences: 6, gold: 3 });
    const old = records(new TextDecoder().decode(v1));
    const now = records(await exportJsonl(target.id));
    const v1Fields = (r: SentenceRecord) => {
      const { format_version, whitespace_before, whitespace_after, boilerplate_reason, kind, suggestions, ...rest } = withoutIds(r);
      void [format_version, whitespace_before, whitespace_after, boilerplate_reason, kind, suggestions];
      // document.story came later (null when a file has none).
      const { story, ...document } = rest.document;
      expect(story).toBeNull();
      // time_ms came in version 4 (null: no time recorded for imported labels).
      const annotations = rest.annotations.map(({ time_ms, ...a }) => {
        expect(time_ms).toBeNull();
        return a;
      });
      // Majority spans were never computed by the exports that wrote version 1 (always null); now
      // they are the Review screen's: [] where no word has a majority, as in these sentences.
      const majority = rest.majority && {
        ...rest.majority,
        spans: Array.isArray(rest.majority.spans) && !rest.majority.spans.length ? null : rest.majority.spans,
      };
      return { ...rest, document, annotations, majority };
    };
    expect(now.map(v1Fields)).toEqual(old.map((r) => withoutIds(r)));
    expect(now.every((r) => r.format_version === SLANT_FORMAT_VERSION)).toBe(true);
  });

  it("still imports a version 2 file (no kinds, no suggestions): the same documents, labels and gold, kinds unknown", async () => {
    const v2 = records(first).map((r) => {
      const { kind, suggestions, ...rest } = r;
      void [kind, suggestions];
      return JSON.stringify({ ...rest, format_version: 2 });
    });
    const target = await createProject(SYSTEM_ACTOR, { name: "Version 2", targets: ["Armenia", "Azerbaijan"] });
    const report = await importSlantJsonl(SYSTEM_ACTOR, target.id, new TextEncoder().encode(v2.join("\n") + "\n"));
    expect(report).toMatchObject({ formatVersions: [2], documents: 2, duplicates: 0, gold: 2 });
    const unknownKinds = (docs: Awaited<ReturnType<typeof stored>>) =>
      docs.map((d) => ({ ...d, segments: d.segments.map((s) => ({ ...s, kind: null })) }));
    expect(await stored(target.id)).toEqual(unknownKinds(await stored(source.projectId)));
    await suggestionsIdle();
    const now = records(await exportJsonl(target.id));
    const labelsOf = (r: SentenceRecord) => ({ annotations: r.annotations, gold: r.gold, majority: r.majority });
    expect(now.map(labelsOf)).toEqual(records(first).map(labelsOf));
  });

  it("npm run slant -- import:slant reads the file and says which format version it was", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "slant-import-slant-"));
    try {
      const file = path.join(dir, "export.jsonl");
      writeFileSync(file, first);
      const { slug } = await createProject(SYSTEM_ACTOR, { name: "Round trip CLI", targets: ["Armenia", "Azerbaijan"] });
      const r = spawnSync(process.execPath, ["scripts/run.mjs", "slant", "import:slant", "--project", slug, file], {
        env: { ...process.env, AUTH_SECRET: "x".repeat(40) },
        encoding: "utf8",
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^✓ format version 4: 2 documents \(0 duplicates skipped\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
