/**
 * Benchmark: importing 10,000 news articles (~600 words each) from one JSONL file into a fresh
 * SQLite database, end to end: parse, validate, segment, insert (server/imports.ts importFilesNow).
 *
 * Used by the bench runner through `run()`, or alone:
 *   node --conditions=react-server --import tsx bench/import.bench.ts
 * (services import "server-only": the react-server condition makes it an empty module).
 *
 * With suggestions: the same file imported without any suggestion provider and with the built-in
 * rules (documents ready to annotate: the import's runs are only queued), each in fresh processes
 * run interleaved (ORDER), as a ratio of medians; after each import with the rules, its
 * suggestions computed in the background, in articles/s (wall and per CPU second).
 *
 * The baseline is the floor for the storage part: the same documents and segment rows
 * (segmented beforehand, not timed) inserted with raw better-sqlite3 prepared statements in one
 * transaction. Parse and segmentation alone are reported too, so the ratio can be read.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchResult } from "./types";
import { mulberry32 } from "@/lib/prng";

const ARTICLES = 10_000;
const WORDS_PER_ARTICLE = 600;
const TARGET_S = 30;

const WORDS = (
  "the government said on officials forces border talks ceasefire minister president parliament election vote " +
  "party opposition coalition troops region city capital residents reported attack shelling village civilians " +
  "ministry statement spokesman agency reuters according sources claimed denied accused after before during " +
  "week month year monday tuesday wednesday thursday friday weekend morning night early late new former " +
  "economic sanctions oil gas prices inflation budget deal agreement negotiations mediators international " +
  "community council security humanitarian aid refugees displaced hospital injured killed wounded damage " +
  "infrastructure bridge road power water supplies shortage protest demonstrators police arrested crowd " +
  "leaders summit meeting foreign diplomats envoy embassy relations tensions escalation conflict war peace " +
  "a an and or but with without from into over under about against between among within across toward " +
  "is was were has had have will would could should may might must not also still already only again"
).split(" ");
const NAMES = ["Aliyev", "Pashinyan", "Erdogan", "Stoltenberg", "Macron", "Putin", "Smith", "Petrova", "Okafor", "Haddad"];
const ROLES = ["a senior official", "the spokesman", "a military analyst", "a local resident", "the foreign minister", "an aid worker"];
const OUTLETS = ["Daily Wire Service", "The Example Times", "Regional Herald", "Global News Agency", "Evening Courier"];

function sentence(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const r = rand();
    if (r < 0.04) out.push(NAMES[Math.floor(rand() * NAMES.length)]!);
    else if (r < 0.06) out.push(String(Math.floor(rand() * 5000)));
    else if (r < 0.065) out.push("U.S.");
    else out.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  }
  const s = out.join(" ");
  return s[0]!.toUpperCase() + s.slice(1);
}

/** One news-like article: a few paragraphs, attributions, direct quotes; about WORDS_PER_ARTICLE words. */
export function generateArticle(rand: () => number, i: number) {
  const paragraphs: string[] = [];
  let words = 0;
  while (words < WORDS_PER_ARTICLE) {
    const sentences: string[] = [];
    const n = 2 + Math.floor(rand() * 3);
    for (let k = 0; k < n && words < WORDS_PER_ARTICLE; k++) {
      const len = 12 + Math.floor(rand() * 16);
      const kind = rand();
      if (kind < 0.15) sentences.push(`"${sentence(rand, len)}," ${ROLES[Math.floor(rand() * ROLES.length)]} said.`);
      else if (kind < 0.25) sentences.push(`${sentence(rand, len)}, Mr. ${NAMES[Math.floor(rand() * NAMES.length)]} told reporters.`);
      else sentences.push(`${sentence(rand, len)}.`);
      words += len + 3;
    }
    paragraphs.push(sentences.join(" "));
  }
  const day = 1 + (i % 28);
  return {
    id: `bench-${i}`,
    title: `${sentence(rand, 6 + Math.floor(rand() * 6))} (${i})`,
    text: `${paragraphs.join("\n\n")}\n\n(Reporting by ${NAMES[i % NAMES.length]}; article ${i})`,
    url: `https://news.example/${i}`,
    outlet: OUTLETS[i % OUTLETS.length],
    author: NAMES[(i * 7) % NAMES.length],
    published_at: `2024-03-${String(day).padStart(2, "0")}T08:00:00Z`,
    language: "en",
  };
}

export function generateJsonl(count = ARTICLES, seed = 20240305): Buffer {
  const rand = mulberry32(seed);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(JSON.stringify(generateArticle(rand, i)));
  return Buffer.from(lines.join("\n"), "utf8");
}

/**
 * A fresh SQLite database, as tests/support/db.ts createTestDatabase makes one without TEST_PG_URL
 * (that module imports vitest at the top, which cannot be loaded outside the test runner).
 */
async function freshSqliteDatabase() {
  const { parseDatabaseUrl } = await import("../lib/env");
  const dir = mkdtempSync(path.join(tmpdir(), "slant-bench-"));
  const config = parseDatabaseUrl(`file:${path.join(dir, "bench.db")}`);
  if (config.provider !== "sqlite") throw new Error("unreachable");
  return { config, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** What one timed import (in a process of its own) measured. */
interface ImportRun {
  mode: "without" | "with";
  wallS: number;
  /** CPU time of the process during the import (the parse worker's thread included). */
  cpuS: number;
  /** From the end of parsing to the import's return: segmentation, then the file's write transaction. */
  storeS: number;
  /** "with" only: the background suggestions of that import, until the worker is idle. */
  background?: { wallS: number; cpuS: number; suggestions: number };
}

/**
 * The order of the timed imports. Each runs in a fresh process on a fresh database: the later of
 * two imports in one process ran against more rows and a larger heap, and that moved the ratio
 * more than the suggestions did (bench/README.md). Interleaved, so that the machine's load (it is
 * shared) falls on both settings alike.
 */
const ORDER: ImportRun["mode"][] = ["without", "with", "with", "without"];
const RUN_FLAG = "--import-run";

/**
 * One timed import of the generated file, in this process: a fresh database, a 100-article warm-up
 * import with the built-in rules (their suggestions computed too: the parse worker, the code and
 * wink-nlp's model loaded), then the 10,000 articles with the rules (their runs queued) or with no
 * provider at all. The warm-up is the same in both modes, so both time the same process state.
 */
async function importRun(mode: ImportRun["mode"]): Promise<ImportRun> {
  const bytes = generateJsonl();
  const { migrate } = await import("../server/db/migrate");
  const db = await freshSqliteDatabase();
  process.env.DATABASE_URL = db.config.url;
  try {
    await migrate(db.config);
    // Services read DATABASE_URL on first use: import them only now.
    const { SYSTEM_ACTOR } = await import("../server/auth/actor");
    const { createProject } = await import("../server/projects");
    const { importFilesNow } = await import("../server/imports");
    const { getDb, disconnectDb } = await import("../server/db/client");
    const { setProvidersForTests } = await import("../server/suggestions/providers");
    const { suggestionsIdle } = await import("../server/suggestions/jobs");
    const { loadSuggestions } = await import("../server/suggestions/sets");
    const warmUp = await createProject(SYSTEM_ACTOR, { name: "Import warm-up", targets: ["A"] });
    await importFilesNow(SYSTEM_ACTOR, warmUp.id, [{ name: "warm-up.jsonl", bytes: generateJsonl(100, 7) }]);
    await suggestionsIdle();

    if (mode === "without") setProvidersForTests([]);
    const project = await createProject(SYSTEM_ACTOR, { name: "Import bench", targets: ["A"] });
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let parsedAt = 0;
    const report = await importFilesNow(SYSTEM_ACTOR, project.id, [{ name: "bench.jsonl", bytes }], {
      onProgress: ({ processed }) => {
        if (processed === 0 && !parsedAt) parsedAt = performance.now();
      },
    });
    const t1 = performance.now();
    const cpuS = cpuSeconds(c0);
    if (report.imported !== ARTICLES || report.rejectedFiles)
      throw new Error(`bench import: unexpected report ${JSON.stringify(report).slice(0, 500)}`);
    const out: ImportRun = { mode, wallS: (t1 - t0) / 1000, cpuS, storeS: (parsedAt ? t1 - parsedAt : t1 - t0) / 1000 };
    if (mode === "with") {
      // The suggestions of that import, computed in the background once its documents are stored.
      const b0 = process.cpuUsage();
      await suggestionsIdle();
      const backgroundCpuS = cpuSeconds(b0);
      const backgroundWallS = (performance.now() - t1) / 1000;
      const prisma = await getDb();
      const runsDone = await prisma.suggestionRun.count({ where: { projectId: project.id, status: "done" } });
      if (runsDone !== ARTICLES) throw new Error(`bench import: ${runsDone} suggestion runs done of ${ARTICLES}`);
      const suggestions = (await loadSuggestions(prisma, { projectId: project.id })).length;
      out.background = { wallS: backgroundWallS, cpuS: backgroundCpuS, suggestions };
    }
    await disconnectDb();
    return out;
  } finally {
    await db.drop();
  }
}

function cpuSeconds(since: NodeJS.CpuUsage) {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
}

/** importRun in a child process (this file, RUN_FLAG); its result is the last line it prints. */
function spawnImportRun(mode: ImportRun["mode"]): ImportRun {
  const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", fileURLToPath(import.meta.url), RUN_FLAG, mode], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (r.status !== 0) throw new Error(`bench import (${mode}) exited with ${r.status}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as ImportRun;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function run(): Promise<BenchResult[]> {
  const runs: ImportRun[] = [];
  for (const mode of ORDER) {
    const r = spawnImportRun(mode);
    console.error(
      `import ${runs.length + 1} (${mode} suggestions): ${JSON.stringify(r)}; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    runs.push(r);
  }
  const of = (mode: ImportRun["mode"]) => runs.filter((r) => r.mode === mode);
  const each = (mode: ImportRun["mode"], f: (r: ImportRun) => number, digits = 1) =>
    of(mode)
      .map((r) => round(f(r), digits))
      .join(", ");
  const withWall = median(of("with").map((r) => r.wallS));
  const withoutWall = median(of("without").map((r) => r.wallS));
  const withCpu = median(of("with").map((r) => r.cpuS));
  const withoutCpu = median(of("without").map((r) => r.cpuS));
  const background = of("with").map((r) => r.background!);
  const perWall = median(background.map((b) => ARTICLES / b.wallS));
  const perCpu = median(background.map((b) => ARTICLES / b.cpuS));

  // The parts alone, and the floor of the storage part, in this process.
  const bytes = generateJsonl();
  const floorDb = await freshSqliteDatabase();
  try {
    const { migrate } = await import("../server/db/migrate");
    await migrate(floorDb.config);
    const { parseImportFiles } = await import("../lib/formats");
    const { segmentText } = await import("../lib/segment");
    const p0 = performance.now();
    const { articles } = parseImportFiles([{ name: "bench.jsonl", bytes }]);
    const p1 = performance.now();
    const segmented = articles.map((a) => segmentText(a.text, { language: a.language ?? "en" }));
    const p2 = performance.now();
    const segmentCount = segmented.reduce((n, s) => n + s.length, 0);

    // The floor: raw prepared statements, one transaction, rows computed beforehand.
    const Database = (await import("better-sqlite3")).default;
    const { newId } = await import("../lib/ids");
    const sqlite = new Database(floorDb.config.file);
    sqlite.pragma("journal_mode = WAL");
    const projectId = newId();
    sqlite
      .prepare(`INSERT INTO "Project" ("id","slug","name","labelSchema","updatedAt") VALUES (?,?,?,?,?)`)
      .run(projectId, "floor", "Floor", "{}", new Date().toISOString());
    const rows = articles.map((a, i) => ({
      a,
      id: newId(),
      hash: createHash("sha256").update(a.text).digest("hex"),
      segs: segmented[i]!.map((s) => ({ ...s, id: newId() })),
    }));
    const insertDoc = sqlite.prepare(
      `INSERT INTO "Document" ("id","projectId","externalId","title","outlet","url","author","publishedAt","language","text","textHash","position") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    const insertSeg = sqlite.prepare(
      `INSERT INTO "Segment" ("id","documentId","index","start","end","paragraph","isBoilerplate","boilerplateReason") VALUES (?,?,?,?,?,?,?,?)`,
    );
    const f0 = performance.now();
    sqlite.transaction(() => {
      rows.forEach(({ a, id, hash, segs }, position) => {
        insertDoc.run(
          id,
          projectId,
          a.externalId ?? null,
          a.title,
          a.outlet ?? null,
          a.url ?? null,
          a.author ?? null,
          a.publishedAt ?? null,
          a.language ?? "en",
          a.text,
          hash,
          position,
        );
        segs.forEach((s, index) =>
          insertSeg.run(s.id, id, index, s.start, s.end, s.paragraph, s.isBoilerplate ? 1 : 0, s.boilerplateReason),
        );
      });
    })();
    const f1 = performance.now();
    sqlite.close();
    const floor = (f1 - f0) / 1000;

    const name = `import: ${ARTICLES.toLocaleString("en")} articles (~${WORDS_PER_ARTICLE} words, ${(bytes.length / 1e6).toFixed(1)} MB JSONL, ${segmentCount.toLocaleString("en")} segments) end to end, SQLite, no suggestion provider (median of ${of("without").length}: ${each("without", (r) => r.wallS)} s)`;
    const order = ORDER.join(", ");
    return [
      {
        name,
        value: round(withoutWall, 2),
        unit: "s",
        target: `< ${TARGET_S} s`,
        ok: withoutWall < TARGET_S,
        baseline: { name: "raw better-sqlite3 insert of the same document + segment rows, one transaction", value: round(floor, 2) },
        ratio: round(withoutWall / floor, 1),
      },
      { name: "import: throughput end to end (no provider)", value: Math.round(ARTICLES / withoutWall), unit: "articles/s" },
      {
        // The process's CPU time (the parse worker's too): on a shared machine the wall times of two runs differ by more than 10%.
        name: `import with suggestion runs queued (documents ready) against no provider, CPU time of the process, medians of fresh processes run in the order ${order} (with: ${each("with", (r) => r.cpuS)} s; without: ${each("without", (r) => r.cpuS)} s)`,
        value: round(withCpu, 1),
        unit: "s",
        target: "ratio <= 1.10",
        ok: withCpu / withoutCpu <= 1.1,
        baseline: { name: "median CPU time of the import without a provider", value: round(withoutCpu, 1) },
        ratio: round(withCpu / withoutCpu, 2),
      },
      {
        name: `the same, wall time (with: ${each("with", (r) => r.wallS)} s; without: ${each("without", (r) => r.wallS)} s)`,
        value: round(withWall, 1),
        unit: "s",
        target: "ratio <= 1.10",
        ok: withWall / withoutWall <= 1.1,
        baseline: { name: "median wall time of the import without a provider", value: round(withoutWall, 1) },
        ratio: round(withWall / withoutWall, 2),
      },
      {
        name: `suggestions for the ${ARTICLES.toLocaleString("en")} imported articles in the background (built-in rules, ${background[0]!.suggestions.toLocaleString("en")} suggestions), wall, median of ${background.length} (${background.map((b) => Math.round(ARTICLES / b.wallS)).join(", ")}; ${background.map((b) => Math.round(b.wallS)).join(", ")} s)`,
        value: Math.round(perWall),
        unit: "articles/s",
        target: ">= 500 articles/s",
        ok: perWall >= 500,
      },
      {
        name: `the same per CPU second of the process (${background.map((b) => Math.round(ARTICLES / b.cpuS)).join(", ")}; ${background.map((b) => round(b.cpuS, 1)).join(", ")} s of CPU; wall time on a shared machine understates the rate)`,
        value: Math.round(perCpu),
        unit: "articles/s",
        target: ">= 500 articles/s",
        ok: perCpu >= 500,
      },
      { name: "import: parse + validate alone (parseImportFiles)", value: round((p1 - p0) / 1000, 2), unit: "s" },
      { name: "import: segmentation alone (segmentText)", value: round((p2 - p1) / 1000, 2), unit: "s" },
      {
        name: `import: store step after parsing (segmentation outside the transaction, then the file's write transaction), no provider, median (${each("without", (r) => r.storeS)} s)`,
        value: round(median(of("without").map((r) => r.storeS)), 2),
        unit: "s",
      },
      { name: "load average (1 min) at the end (2 cores: above 2, the runs shared the CPU)", value: round(loadavg()[0]!, 1), unit: "" },
    ];
  } finally {
    await floorDb.drop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf(RUN_FLAG);
  if (flag >= 0) {
    const mode = process.argv[flag + 1];
    if (mode !== "with" && mode !== "without") throw new Error(`${RUN_FLAG} with|without`);
    importRun(mode).then(
      (r) => {
        console.log(`\n${JSON.stringify(r)}`);
        process.exit(0);
      },
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  } else {
    run().then(
      (results) => {
        for (const r of results) {
          const extra = [
            r.target ? `target ${r.target}${r.ok === undefined ? "" : r.ok ? " ✓" : " ✗"}` : "",
            r.baseline ? `baseline ${r.baseline.value} ${r.unit} (${r.baseline.name}), ratio ${r.ratio}` : "",
          ]
            .filter(Boolean)
            .join("; ");
          console.log(`${r.name}: ${r.value} ${r.unit}${extra ? ` — ${extra}` : ""}`);
        }
        process.exit(0);
      },
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  }
}
