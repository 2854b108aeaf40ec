/**
 * Workspace benchmarks, against a real `next start` on a fresh SQLite database:
 *  (a) a 300-sentence article: browser navigation → ready to annotate (first sentence shown);
 *  (b) label saves from 32 concurrent annotators over HTTP: p50/p95/p99 latency and throughput,
 *      beside raw better-sqlite3 inserts of the same rows (annotation + audit event per save).
 * Run alone: node --conditions=react-server --import tsx bench/workspace.bench.ts
 */
import { existsSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { tmpdir } from "node:os";
import type { BenchResult } from "./types";
import { runInChild, serveLoadChild } from "./support/load-child";
import { freshSqlite, percentile, signInCookie, startServer } from "./support/server";

const ANNOTATORS = 32;
const SAVE_SECONDS = Number(process.env.BENCH_SAVE_SECONDS ?? 20);
const SAVE_INTERVAL_MS = Number(process.env.BENCH_SAVE_INTERVAL_MS ?? 500);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3701);

function article(sentences: number): string {
  const words =
    "the minister said forces had advanced near the border while officials denied reports of civilian casualties in the region".split(" ");
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const paras: string[] = [];
  for (let p = 0; p < sentences / 10; p++) {
    const s: string[] = [];
    for (let i = 0; i < 10; i++) {
      const n = 12 + Math.floor(rnd() * 14);
      const w = Array.from({ length: n }, () => words[Math.floor(rnd() * words.length)]!);
      w[0] = w[0]![0]!.toUpperCase() + w[0]!.slice(1);
      s.push(i % 4 === 0 ? `"${w.join(" ")}," an official said.` : `${w.join(" ")}.`);
    }
    paras.push(s.join(" "));
  }
  return paras.join("\n\n");
}

async function seed() {
  const { SYSTEM_ACTOR } = await import("@/server/auth/actor");
  const { createUser } = await import("@/server/users");
  const { addMember, createProject } = await import("@/server/projects");
  const { insertDocuments } = await import("@/server/documents");
  const { getDb } = await import("@/server/db/client");
  const project = await createProject(SYSTEM_ACTOR, { name: "Bench", targets: ["Armenia", "Azerbaijan", "Turkey", "NATO"] });
  const users: { email: string; password: string }[] = [];
  for (let i = 0; i < ANNOTATORS; i++) {
    const u = { email: `bench${i}@bench.test`, password: `bench-password-${i}` };
    await createUser(SYSTEM_ACTOR, { ...u, name: `Bench ${i}` });
    await addMember(SYSTEM_ACTOR, project.id, { email: u.email, role: "ANNOTATOR" });
    users.push(u);
  }
  const db = await getDb();
  const { created } = await db.$transaction(
    (tx) => insertDocuments(tx, SYSTEM_ACTOR, project.id, [{ title: "A 300-sentence article", text: article(300) }]),
    { timeout: 60_000 },
  );
  const documentId = created[0]!;
  const segments = await db.segment.findMany({ where: { documentId }, orderBy: { index: "asc" }, select: { id: true } });
  return { project, users, documentId, segmentIds: segments.map((s) => s.id) };
}

async function browserLoad(baseUrl: string, cookie: string, docPath: string) {
  const { chromium } = await import("@playwright/test");
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  const browser = await chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const host = new URL(baseUrl).hostname;
    await context.addCookies(
      cookie.split("; ").map((c) => ({ name: c.slice(0, c.indexOf("=")), value: c.slice(c.indexOf("=") + 1), domain: host, path: "/" })),
    );
    const page = await context.newPage();
    const time = async (url: string, ready: () => Promise<unknown>) => {
      const runs: number[] = [];
      for (let i = 0; i < 6; i++) {
        const t0 = performance.now();
        await page.goto(url);
        await ready();
        if (i > 0) runs.push(performance.now() - t0); // the first run warms the server
      }
      return runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
    };
    const doc = await time(`${baseUrl}${docPath}`, () => page.getByTestId("current-sentence").waitFor());
    const sentences = await page.locator("[data-segment-index]").count();
    const login = await time(`${baseUrl}/api/health`, () => page.waitForLoadState("load"));
    return { doc, login, sentences };
  } finally {
    await browser.close();
  }
}

/**
 * 32 annotators saving labels on the same document. "paced": each sends one save every
 * intervalMs (a fast keyboard annotator makes about one change a second; 500 ms is twice that),
 * latency measured from the scheduled time so a slow server is not hidden (no coordinated
 * omission). "flat-out": no pause between saves, which measures the server's capacity.
 */
async function concurrentSaves(
  baseUrl: string,
  cookies: string[],
  documentId: string,
  segmentIds: string[],
  seconds: number,
  intervalMs: number | null,
  /** Per annotator, the version each label was last saved at (carried from one run to the next). */
  versionsOf: Map<string, number>[],
) {
  const latencies: number[] = [];
  let errors = 0;
  const sourcing = ["direct_quote", "paraphrased_attribution", "unattributed_claim", "no_claim"];
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    cookies.map(async (cookie, w) => {
      const versions = versionsOf[w]!;
      let due = t0 + (intervalMs ? (w * intervalMs) / cookies.length : 0);
      for (let i = 0; ; i++) {
        if (intervalMs) {
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        const start = intervalMs ? due : performance.now();
        if (start > end) break;
        const segmentId = segmentIds[(i + w * 7) % segmentIds.length]!;
        const body = {
          documentId,
          segmentId,
          dimension: "sourcing",
          target: null,
          value: sourcing[(i + w) % 4],
          baseVersion: versions.get(segmentId) ?? null,
        };
        const res = await fetch(`${baseUrl}/api/v1/annotations`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify(body),
        });
        const json = (await res.json()) as { annotation?: { version: number } };
        latencies.push(performance.now() - start);
        if (!res.ok || !json.annotation) errors++;
        else versions.set(segmentId, json.annotation.version);
        if (intervalMs) due += intervalMs;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { latencies, seconds: elapsed, errors, throughput: latencies.length / elapsed };
}

interface SaveInput {
  baseUrl: string;
  cookies: string[];
  documentId: string;
  segmentIds: string[];
}
type SaveRuns = Record<"saves" | "flat", Awaited<ReturnType<typeof concurrentSaves>>>;

/** In a load child (bench/support/load-child.ts): warm-up, then the paced run, then flat out. */
async function saveRuns({ baseUrl, cookies, documentId, segmentIds }: SaveInput): Promise<SaveRuns> {
  const versions = cookies.map(() => new Map<string, number>());
  // Warm-up (not measured): the first saves on a fresh `next start` load the route and compile query plans.
  const warm = await concurrentSaves(baseUrl, cookies, documentId, segmentIds, WARMUP_SECONDS, SAVE_INTERVAL_MS, versions);
  const saves = await concurrentSaves(baseUrl, cookies, documentId, segmentIds, SAVE_SECONDS, SAVE_INTERVAL_MS, versions);
  saves.errors += warm.errors;
  const flat = await concurrentSaves(baseUrl, cookies, documentId, segmentIds, 8, null, versions);
  return { saves, flat };
}

/** The floor: the same rows written with prepared statements, one transaction per save. */
async function rawInserts(n: number) {
  const Database = (await import("better-sqlite3")).default;
  const file = path.join(tmpdir(), `slant-raw-${randomUUID()}.db`);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec(`CREATE TABLE a (id TEXT PRIMARY KEY, segmentId TEXT, userId TEXT, dimension TEXT, target TEXT, value TEXT, version INTEGER, updatedAt TEXT, UNIQUE(segmentId, userId, dimension, target));
           CREATE TABLE e (id TEXT PRIMARY KEY, action TEXT, entityId TEXT, after TEXT, createdAt TEXT);`);
  const ins = db.prepare("INSERT INTO a VALUES (?, ?, ?, 'sourcing', '', ?, 1, ?)");
  const ev = db.prepare("INSERT INTO e VALUES (?, 'annotation.save', ?, ?, ?)");
  const save = db.transaction((i: number) => {
    ins.run(randomUUID(), `seg${i % 300}`, `user${Math.floor(i / 300)}`, '"no_claim"', new Date().toISOString());
    ev.run(randomUUID(), `seg${i}`, '{"value":"no_claim"}', new Date().toISOString());
  });
  const lat: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    save(i);
    lat.push(performance.now() - s);
  }
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  for (const suffix of ["", "-wal", "-shm"]) if (existsSync(file + suffix)) (await import("node:fs")).rmSync(file + suffix);
  lat.sort((a, b) => a - b);
  return { throughput: n / seconds, p99: percentile(lat, 99), p50: percentile(lat, 50) };
}

export async function run(): Promise<BenchResult[]> {
  const { config, cleanup } = await freshSqlite();
  process.env.DATABASE_URL = config.url;
  process.env.PASSWORD_HASH_MEMORY_KIB ??= "8192";
  const { project, users, documentId, segmentIds } = await seed();
  const { disconnectDb } = await import("@/server/db/client");
  await disconnectDb();
  const server = await startServer(config, PORT);
  try {
    const cookies = await Promise.all(users.map((u) => signInCookie(server.baseUrl, u.email, u.password)));
    const load = await browserLoad(server.baseUrl, cookies[0]!, `/projects/${project.slug}/documents/${documentId}`);
    const { saves, flat } = await runInChild<SaveRuns>(import.meta.filename, "saves", {
      baseUrl: server.baseUrl,
      cookies,
      documentId,
      segmentIds,
    } satisfies SaveInput);
    const raw = await rawInserts(Math.max(2000, flat.latencies.length));
    const p = (q: number) => percentile(saves.latencies, q);
    return [
      {
        name: `document load: ${load.sentences}-sentence article, browser navigation → ready (median of 5)`,
        value: Math.round(load.doc),
        unit: "ms",
        target: "< 1000 ms",
        ok: load.doc < 1000,
        baseline: { name: "navigation to /api/health in the same browser", value: Math.round(load.login) },
        ratio: load.doc / load.login,
      },
      {
        name: `label save p50 (SQLite, HTTP, ${ANNOTATORS} annotators each saving every ${SAVE_INTERVAL_MS} ms, after ${WARMUP_SECONDS} s of warm-up)`,
        value: +p(50).toFixed(1),
        unit: "ms",
        baseline: { name: "raw better-sqlite3 save p50", value: +raw.p50.toFixed(3) },
        ratio: p(50) / raw.p50,
      },
      { name: "label save p95", value: +p(95).toFixed(1), unit: "ms" },
      {
        name: "label save p99",
        value: +p(99).toFixed(1),
        unit: "ms",
        target: "< 50 ms",
        ok: p(99) < 50,
        baseline: { name: "raw better-sqlite3 save p99", value: +raw.p99.toFixed(3) },
        ratio: p(99) / raw.p99,
      },
      {
        name: `label saves paced: ${saves.latencies.length} in ${saves.seconds.toFixed(1)} s, errors`,
        value: saves.errors,
        unit: "errors",
        target: "0",
        ok: saves.errors === 0,
      },
      {
        name: `label save capacity: ${ANNOTATORS} annotators flat out (${flat.latencies.length} saves, ${flat.errors} errors, p50 ${percentile(flat.latencies, 50).toFixed(0)} ms)`,
        value: Math.round(flat.throughput),
        unit: "saves/s",
        ok: flat.errors === 0,
        baseline: { name: "raw better-sqlite3 inserts (annotation + audit row)", value: Math.round(raw.throughput) },
        ratio: flat.throughput / raw.throughput,
      },
    ];
  } finally {
    await server.stop();
    cleanup();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename) && !serveLoadChild({ saves: saveRuns })) {
  run().then(
    (r) => {
      console.table(
        r.map((x) => ({
          name: x.name,
          value: x.value,
          unit: x.unit,
          target: x.target ?? "",
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
