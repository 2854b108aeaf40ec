/**
 * Sourcing reports benchmark (issue #16, "Measured"): 10,000 documents from five outlets, in
 * stories of 2-4 documents across outlets, 8 sentences each, labelled by 3 annotators with the
 * sourcing roles (sourcing; for attributed sentences source name, type and side; stance toward two
 * targets) and confirmed, with gold on one sentence in ten documents: ~1.08M labels, inserted with
 * raw better-sqlite3 statements (the report cache's triggers fire as for any write). Then against
 * `next start` with a signed-in manager:
 *  - the per-article download (GET /api/v1/projects/:id/reports/articles, CSV: one row per
 *    article × source), streamed: with an empty cache (every report computed), warm, and after
 *    a label change;
 *  - the per-outlet report page and one story's comparison page (time to the full HTML): warm,
 *    and cold after a label change (a label of one of its documents updated in the database);
 *  - baselines: raw better-sqlite3 aggregates of the same labels (attributed sentences per side
 *    per outlet; sources per article) on the same file.
 * Run alone: node --conditions=react-server --import tsx bench/reports.bench.ts
 * (BENCH_REPORTS_DOCS=N for a smaller project).
 */
import path from "node:path";
import type { BenchResult } from "./types";
import { seedTeam } from "./support/team";
import { benchAuthSecret, freshSqlite, percentile, signInCookie, startServer } from "./support/server";

const DOCS = Number(process.env.BENCH_REPORTS_DOCS ?? 10_000);
const SENTENCES = 8;
const ANNOTATORS = 3;
const PORT = Number(process.env.BENCH_PORT ?? 3202);
const OUTLETS = ["Outlet A (bench)", "Outlet B (bench)", "Outlet C (bench)", "Outlet D (bench)", "Outlet E (bench)"];
const TARGET_PAGE_MS = 1000;
const TARGET_ROWS_PER_S = 100_000;
const WORDS = "the minister said forces had advanced near the border while officials denied reports of civilian casualties".split(" ");

async function seed(dbFile: string) {
  const { project, manager, users, token: secret } = await seedTeam("Reports bench", ["Armenia", "Azerbaijan"], ANNOTATORS);

  const Database = (await import("better-sqlite3")).default;
  const db = new Database(dbFile);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const now = new Date().toISOString().replace("Z", "+00:00");
  const insDoc = db.prepare(
    `INSERT INTO "Document" (id, projectId, title, outlet, story, language, text, textHash, position, createdAt) VALUES (?, ?, ?, ?, ?, 'en', ?, ?, ?, ?)`,
  );
  const insSeg = db.prepare(
    `INSERT INTO "Segment" (id, documentId, "index", start, "end", paragraph, isBoilerplate) VALUES (?, ?, ?, ?, ?, ?, 0)`,
  );
  const insAnn = db.prepare(
    `INSERT INTO "Annotation" (id, projectId, documentId, segmentId, userId, dimension, target, value, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const insSt = db.prepare(
    `INSERT INTO "SegmentStatus" (id, documentId, segmentId, userId, confirmedAt, confirmedTargets, version, updatedAt) VALUES (?, ?, ?, ?, ?, ?, 1, ?)`,
  );
  const insGold = db.prepare(
    `INSERT INTO "GoldLabel" (id, segmentId, dimension, target, value, decidedById, version, updatedAt) VALUES (?, ?, ?, '', ?, ?, 1, ?)`,
  );
  const covered = JSON.stringify(
    (db.prepare(`SELECT id FROM "Target" WHERE projectId = ?`).all(project.id) as { id: string }[]).map((t) => t.id),
  );
  const stances = ['"favorable"', '"unfavorable"', '"neutral"'];
  const sourcing = ['"direct_quote"', '"paraphrased_attribution"', '"unattributed_claim"', '"no_claim"'];
  const types = ['"government_official"', '"military"', '"expert_academic"'];
  const sides = ['"armenia"', '"azerbaijan"', '"independent_unclear"'];
  let labels = 0;
  let seedN = 7;
  const rnd = () => (seedN = (seedN * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  // Stories of 2, 3 and 4 consecutive documents, each from another outlet.
  const storyOf: string[] = [];
  for (let d = 0, k = 0; d < DOCS; k++) for (let n = 0; n < 2 + (k % 3) && d < DOCS; n++, d++) storyOf.push(`Story ${k} (bench)`);
  db.transaction(() => {
    for (let d = 0; d < DOCS; d++) {
      const docId = `doc${d}`;
      const sentences: string[] = [];
      for (let s = 0; s < SENTENCES; s++) {
        const w = Array.from({ length: 12 + Math.floor(rnd() * 12) }, () => WORDS[Math.floor(rnd() * WORDS.length)]!);
        sentences.push(`${w[0]![0]!.toUpperCase()}${w.join(" ").slice(1)}.`);
      }
      const text = `Written for the Slant benchmark. ${sentences.join(" ")}`;
      insDoc.run(docId, project.id, `Bench article ${d}`, OUTLETS[d % OUTLETS.length]!, storyOf[d]!, text, `hash${d}`, d, now);
      let at = "Written for the Slant benchmark. ".length;
      sentences.forEach((sentence, s) => {
        const segId = `${docId}s${s}`;
        insSeg.run(segId, docId, s, at, at + sentence.length, 0);
        for (const [u, userId] of users.entries()) {
          const row = (dim: string, target: string, value: string) =>
            insAnn.run(`l${labels++}`, project.id, docId, segId, userId, dim, target, value, now, now);
          const kind = (s + (u === 2 ? 1 : 0)) % 4; // annotators 0 and 1 agree, 2 differs
          row("sourcing", "", sourcing[kind]!);
          row("stance", "armenia", stances[(s + u) % 3]!);
          row("stance", "azerbaijan", stances[(s + d) % 3]!);
          if (kind < 2) {
            row("source_name", "", JSON.stringify(`Source ${(d + s) % 40}`));
            row("source_type", "", types[(d + s) % 3]!);
            row("source_side", "", sides[(d + s + u) % 3]!);
          }
          insSt.run(`st${d}_${s}_${u}`, docId, segId, userId, now, covered, now);
        }
        if (d % 10 === 0 && s === 0) insGold.run(`g${d}`, segId, "sourcing", sourcing[1]!, manager.id, now);
        at += sentence.length + 1;
      });
    }
  })();
  db.close();
  return { projectId: project.id, slug: project.slug, token: secret, labels, story: storyOf[DOCS >> 1]! };
}

/** Raw aggregates of the same labels on the same file: the floor a report's figures rest on. */
async function rawBaselines(dbFile: string, projectId: string) {
  const Database = (await import("better-sqlite3")).default;
  const db = new Database(dbFile, { readonly: true });
  const time = (f: () => number) => {
    const t0 = performance.now();
    const rows = f();
    return { ms: performance.now() - t0, rows };
  };
  // Attributed sentences per side per outlet (one annotator's labels each, no policy): the per-outlet page's core figure.
  const perOutlet = time(
    () =>
      db
        .prepare(
          `SELECT d.outlet, a.value, COUNT(*) FROM "Annotation" a JOIN "Document" d ON d.id = a.documentId
           WHERE a.projectId = ? AND a.dimension = 'source_side' GROUP BY d.outlet, a.value`,
        )
        .all(projectId).length,
  );
  // Sources per article (name, sentences) streamed out as CSV-ish text: the download's rows.
  const perArticle = time(() => {
    let rows = 0;
    let bytes = 0;
    for (const r of db
      .prepare(
        `SELECT documentId, value, COUNT(*) AS n FROM "Annotation" WHERE projectId = ? AND dimension = 'source_name' GROUP BY documentId, value`,
      )
      .raw()
      .iterate(projectId) as Iterable<unknown[]>) {
      bytes += r.join(",").length;
      rows++;
    }
    if (!bytes) throw new Error("no rows");
    return rows;
  });
  db.close();
  return { perOutlet, perArticle };
}

/** A label of `docId` changed in the database (as any instance's save would), raising its stamp. */
async function changeLabel(dbFile: string, docId: string, round: number) {
  const Database = (await import("better-sqlite3")).default;
  const db = new Database(dbFile);
  db.prepare(
    `UPDATE "Annotation" SET value = ?, version = version + 1 WHERE segmentId = ? AND dimension = 'sourcing' AND userId = (SELECT userId FROM "Annotation" WHERE segmentId = ? LIMIT 1)`,
  ).run(round % 2 ? '"direct_quote"' : '"unattributed_claim"', `${docId}s3`, `${docId}s3`);
  db.close();
}

async function timed(url: string, headers: Record<string, string>) {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  const body = await res.text();
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 200)}`);
  return { ms: performance.now() - t0, body };
}

async function download(baseUrl: string, slug: string, token: string) {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/api/v1/projects/${slug}/reports/articles?format=csv`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok || !res.body) throw new Error(`download answered ${res.status}`);
  let rows = -1; // the header
  let bytes = 0;
  const reader = res.body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    bytes += r.value.length;
    for (const b of r.value) if (b === 10) rows++;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { rows, bytes, seconds, rate: rows / seconds };
}

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

export async function run(): Promise<BenchResult[]> {
  const { config, cleanup } = await freshSqlite();
  process.env.DATABASE_URL = config.url;
  process.env.PASSWORD_HASH_MEMORY_KIB ??= "8192";
  const dbFile = config.provider === "sqlite" ? config.file : "";
  try {
    const t0 = performance.now();
    const { slug, projectId, token, labels, story } = await seed(dbFile);
    console.error(`seeded ${DOCS} documents, ${labels} labels in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const raw = await rawBaselines(dbFile, projectId);
    console.error(
      `raw: per outlet ${raw.perOutlet.ms.toFixed(0)} ms, per article ${raw.perArticle.rows} rows in ${raw.perArticle.ms.toFixed(0)} ms`,
    );
    const server = await startServer(config, PORT, { AUTH_SECRET: benchAuthSecret() });
    try {
      const cookie = await signInCookie(server.baseUrl, "manager@bench.test", "bench-password-manager");
      const headers = { cookie };
      const outletPage = `${server.baseUrl}/projects/${slug}/reports?by=outlet`;
      const storyPage = `${server.baseUrl}/projects/${slug}/reports/comparison?story=${encodeURIComponent(story)}`;

      const empty = await download(server.baseUrl, slug, token);
      console.error(`download, empty cache: ${empty.rows} rows in ${empty.seconds.toFixed(1)} s`);
      const warmDownloads = [];
      for (let i = 0; i < 3; i++) warmDownloads.push(await download(server.baseUrl, slug, token));
      const warmDl = warmDownloads.sort((a, b) => b.rate - a.rate)[1]!; // the median of 3

      const first = await timed(outletPage, headers); // merges 10,000 cached article reports
      if (!first.body.includes(OUTLETS[0]!)) throw new Error("the per-outlet page does not show the outlets");
      const warmOutlet: number[] = [];
      for (let i = 0; i < 5; i++) warmOutlet.push((await timed(outletPage, headers)).ms);
      const coldOutlet: number[] = [];
      for (let i = 0; i < 3; i++) {
        await changeLabel(dbFile, `doc${100 + i}`, i);
        coldOutlet.push((await timed(outletPage, headers)).ms);
      }

      const Database = (await import("better-sqlite3")).default;
      const ro = new Database(dbFile, { readonly: true });
      const storyDoc = (ro.prepare(`SELECT id FROM "Document" WHERE story = ? LIMIT 1`).pluck().get(story) as string) ?? "doc0";
      ro.close();
      const firstStory = await timed(storyPage, headers);
      if (!firstStory.body.includes(OUTLETS[1]!)) throw new Error("the comparison page does not show the story");
      const warmStory: number[] = [];
      for (let i = 0; i < 5; i++) warmStory.push((await timed(storyPage, headers)).ms);
      const coldStory: number[] = [];
      for (let i = 0; i < 3; i++) {
        await changeLabel(dbFile, storyDoc, i + 1);
        coldStory.push((await timed(storyPage, headers)).ms);
      }
      await changeLabel(dbFile, "doc5000", 0);
      const afterChange = await download(server.baseUrl, slug, token);

      const outletBase = {
        name: "raw SQL: GROUP BY outlet, source side over the labels (better-sqlite3)",
        value: Math.round(raw.perOutlet.ms),
      };
      const rowsBase = {
        name: "raw SQL: GROUP BY article, source name over the labels, rows iterated (better-sqlite3)",
        value: Math.round(raw.perArticle.rows / (raw.perArticle.ms / 1000)),
      };
      const page = (name: string, ms: number): BenchResult => ({
        name,
        value: Math.round(ms),
        unit: "ms",
        target: `< ${TARGET_PAGE_MS} ms`,
        ok: ms < TARGET_PAGE_MS,
        baseline: outletBase,
        ratio: ms / raw.perOutlet.ms,
      });
      const rows = (name: string, r: { rate: number }, target: boolean): BenchResult => ({
        name,
        value: Math.round(r.rate),
        unit: "rows/s",
        ...(target ? { target: `≥ ${TARGET_ROWS_PER_S} rows/s`, ok: r.rate >= TARGET_ROWS_PER_S } : {}),
        baseline: rowsBase,
        ratio: r.rate / rowsBase.value,
      });
      const project = `${DOCS} documents, ${labels} labels`;
      return [
        rows(
          `per-article download, CSV over HTTP, warm cache (${project}; ${warmDl.rows} rows, ${(warmDl.bytes / 1e6).toFixed(1)} MB; median of 3)`,
          warmDl,
          true,
        ),
        rows(`per-article download after a label change (one article recomputed)`, afterChange, true),
        rows(`per-article download with an empty cache (every article report computed, ${empty.seconds.toFixed(1)} s)`, empty, false),
        page(`per-outlet report page, warm (full HTML, median of 5)`, median(warmOutlet)),
        page(`per-outlet report page, cold after a label change (median of 3)`, median(coldOutlet)),
        page(`per-outlet report page, first view (article reports cached, outlets merged and stored)`, first.ms),
        page(`story comparison page, warm (median of 5)`, median(warmStory)),
        page(`story comparison page, cold after a label change in the story (median of 3)`, median(coldStory)),
      ];
    } finally {
      await server.stop();
    }
  } finally {
    cleanup();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  run().then(
    (r) => {
      console.table(
        r.map((x) => ({
          name: x.name,
          value: x.value,
          unit: x.unit,
          target: x.target ?? "",
          ok: x.ok ?? "",
          baseline: x.baseline?.value ?? "",
          ratio: x.ratio?.toFixed(2) ?? "",
        })),
      );
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
