/**
 * Export benchmark: 1,000,000 labels (3 annotators × 5 labels × 66,700 sentences in 1,334
 * documents, and a confirmation per sentence and annotator) inserted into a fresh SQLite database
 * with raw better-sqlite3 statements, then exported as JSONL:
 *  (a) by the CLI, the command line `npm run slant -- export` runs (scripts/run.mjs), its output
 *      piped here; its peak RSS (VmHWM) sampled from /proc every 20 ms; and once in-process with
 *      --expose-gc to sample the heap the export keeps alive (flat = constant memory);
 *  (b) over HTTP from `next start` as `npm start` runs it, and with V8's and glibc's default
 *      memory settings, with a bearer token (server RSS: VmHWM of the listening process);
 *  baseline: a raw better-sqlite3 SELECT iterate of the same rows, each serialised with JSON.stringify.
 * Rows are label rows. Run alone: node --conditions=react-server --import tsx bench/export.bench.ts
 * (BENCH_EXPORT_HTTP=0 skips the server; BENCH_EXPORT_DOCS=N for a smaller database).
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import type { BenchResult } from "./types";
import { runInChild, serveLoadChild } from "./support/load-child";
import { seedTeam } from "./support/team";
import { benchAuthSecret, freshSqlite, launchers, root, startServer } from "./support/server";
import type { DatabaseConfig } from "@/lib/env";

const DOCS = Number(process.env.BENCH_EXPORT_DOCS ?? 1334);
const SENTENCES = 50;
const ANNOTATORS = 3;
const PORT = Number(process.env.BENCH_PORT ?? 3702);
const TARGET_ROWS_PER_S = 100_000;
const TARGET_RSS_MB = 200;
const WORDS =
  "the minister said forces had advanced near the border while officials denied reports of civilian casualties in the region".split(" ");

async function seed(dbFile: string) {
  const { project, users, token: secret } = await seedTeam("Export bench", ["Armenia", "Azerbaijan", "Turkey", "NATO"], ANNOTATORS);

  const Database = (await import("better-sqlite3")).default;
  const db = new Database(dbFile);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const now = new Date().toISOString().replace("Z", "+00:00");
  const insDoc = db.prepare(
    `INSERT INTO "Document" (id, projectId, title, language, text, textHash, position, createdAt) VALUES (?, ?, ?, 'en', ?, ?, ?, ?)`,
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
  // Confirmations cover every target of the project (lib/schema/confirmation.ts).
  const covered = JSON.stringify(
    (db.prepare(`SELECT id FROM "Target" WHERE projectId = ?`).all(project.id) as { id: string }[]).map((t) => t.id),
  );
  const stances = ['"favorable"', '"unfavorable"', '"neutral"'];
  const sourcing = ['"direct_quote"', '"paraphrased_attribution"', '"unattributed_claim"', '"no_claim"'];
  let labels = 0;
  let seed = 11;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  db.transaction(() => {
    for (let d = 0; d < DOCS; d++) {
      const docId = `doc${d}`;
      const sentences: string[] = [];
      for (let s = 0; s < SENTENCES; s++) {
        const w = Array.from({ length: 12 + Math.floor(rnd() * 12) }, () => WORDS[Math.floor(rnd() * WORDS.length)]!);
        sentences.push(`${w[0]![0]!.toUpperCase()}${w.join(" ").slice(1)}.`);
      }
      const text = sentences.join(" ");
      insDoc.run(docId, project.id, `Article ${d}`, text, `hash${d}`, d, now);
      let at = 0;
      sentences.forEach((sentence, s) => {
        const segId = `${docId}s${s}`;
        insSeg.run(segId, docId, s, at, at + sentence.length, Math.floor(s / 5));
        const firstWord = sentence.indexOf(" ");
        for (const [u, userId] of users.entries()) {
          const row = (dim: string, target: string, value: string) =>
            insAnn.run(`l${labels++}`, project.id, docId, segId, userId, dim, target, value, now, now);
          row("stance", "armenia", stances[(s + u) % 3]!);
          row("stance", "azerbaijan", stances[(s + 2 * u) % 3]!);
          row("sourcing", "", sourcing[(s + u) % 4]!);
          row("source_name", "", JSON.stringify(`Source ${s % 7}`));
          row("spans", "", JSON.stringify([{ start: at, end: at + firstWord, label: "loaded_language" }]));
          insSt.run(`st${d}_${s}_${u}`, docId, segId, userId, now, covered, now);
        }
        at += sentence.length + 1;
      });
    }
  })();
  db.close();
  return { projectId: project.id, slug: project.slug, token: secret, labels };
}

/** The floor: the same label rows read with a prepared statement and serialised one by one. */
async function rawBaseline(dbFile: string, projectId: string) {
  const Database = (await import("better-sqlite3")).default;
  const db = new Database(dbFile, { readonly: true });
  const t0 = performance.now();
  let rows = 0;
  let bytes = 0;
  for (const r of db
    .prepare(`SELECT segmentId, userId, dimension, target, value, updatedAt FROM "Annotation" WHERE projectId = ? ORDER BY documentId`)
    .iterate(projectId)) {
    bytes += JSON.stringify(r).length;
    rows++;
  }
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  return { rows, bytes, rowsPerS: rows / seconds };
}

/** The CLI's export to stdout, as `npm run slant -- export` runs it: time, bytes and peak RSS of the exporting process. */
async function cliExport(slug: string, env: Record<string, string>): Promise<CliRun> {
  const { commandArgs, commandEnv } = await launchers();
  const args = ["export", "--project", slug, "--format", "jsonl"];
  const t0 = performance.now();
  const child = spawn(process.execPath, commandArgs("slant", args), {
    cwd: root,
    env: commandEnv("slant", args, { ...process.env, ...env }),
    stdio: ["ignore", "pipe", "ignore"],
  });
  let peakMb = 0;
  const poll = setInterval(() => {
    try {
      const now = procMb(child.pid!, "VmHWM"); // NaN once the process has exited (a zombie has no memory lines)
      if (now > peakMb) peakMb = now;
    } catch {
      /* reaped */
    }
  }, 20);
  let bytes = 0;
  child.stdout.on("data", (d: Buffer) => (bytes += d.length));
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  clearInterval(poll);
  if (code !== 0) throw new Error(`slant export exited with ${code}`);
  return { seconds: (performance.now() - t0) / 1000, bytes, peakMb };
}
interface CliRun {
  seconds: number;
  bytes: number;
  peakMb: number;
}

/**
 * In a child run with --expose-gc: the heap the export keeps alive, i.e. in use right after a full
 * collection, before the export and then every 100 chunks (about 6.5 MB of output). It must stay
 * flat however many labels go out. (Between collections V8 lets the heap grow to a multiple of
 * this, its heap growing factor: that, not the export's data, is most of the peak RSS above.)
 */
async function childLive(projectId: string): Promise<LiveHeap> {
  const gc = (globalThis as { gc?: () => void }).gc!;
  const { SYSTEM_ACTOR } = await import("@/server/auth/actor");
  const { streamExport, estimateExport } = await import("@/server/export");
  await estimateExport(SYSTEM_ACTOR, projectId, { format: "jsonl" });
  const live = () => (gc(), process.memoryUsage().heapUsed);
  const before = live();
  let max = before;
  let n = 0;
  const file = await streamExport(SYSTEM_ACTOR, projectId, { format: "jsonl" });
  for await (const _ of file.chunks) if (++n % 100 === 0) max = Math.max(max, live());
  return { before, max, samples: Math.floor(n / 100) };
}
interface LiveHeap {
  before: number;
  max: number;
  samples: number;
}

/** The pid listening on `port` (from /proc/net/tcp* and the sockets of each process), or null. */
function listeningPid(port: number): number | null {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const f of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    try {
      for (const line of readFileSync(f, "utf8").split("\n").slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols[1]?.endsWith(`:${hex}`) && cols[3] === "0A") inodes.add(cols[9]!);
      }
    } catch {
      /* no procfs */
    }
  }
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return Number(pid);
      }
    } catch {
      /* not ours to read, or gone */
    }
  }
  return null;
}

async function seedOnly(file: string) {
  const { parseDatabaseUrl } = await import("@/lib/env");
  const { migrate } = await import("@/server/db/migrate");
  const config = parseDatabaseUrl(`file:${path.resolve(file)}`);
  await migrate(config);
  process.env.DATABASE_URL = config.url;
  process.env.PASSWORD_HASH_MEMORY_KIB ??= "8192";
  console.log(JSON.stringify(await seed(path.resolve(file))));
}

const procMb = (pid: number, field: "VmHWM" | "VmRSS") =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN) / 1024;

/** One JSONL export over HTTP from a fresh `next start` (with or without the heap flags): time, bytes, the server's RSS before and at its peak. */
async function httpExport(config: DatabaseConfig, slug: string, token: string, heapFlags: boolean) {
  const server = await startServer(config, PORT, {}, { heapFlags });
  try {
    const headers = { authorization: `Bearer ${token}` };
    await (await fetch(`${server.baseUrl}/api/v1/projects/${slug}/export/estimate?format=jsonl`, { headers })).json(); // warm the route
    const pid = listeningPid(PORT);
    const beforeMb = pid ? procMb(pid, "VmRSS") : NaN;
    const t0 = performance.now();
    const res = await fetch(`${server.baseUrl}/api/v1/projects/${slug}/export?format=jsonl`, { headers });
    if (!res.ok || !res.body) throw new Error(`HTTP export answered ${res.status}`);
    let bytes = 0;
    const reader = res.body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.length;
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, bytes, beforeMb, peakMb: pid ? procMb(pid, "VmHWM") : NaN };
  } finally {
    await server.stop();
  }
}

export async function run(): Promise<BenchResult[]> {
  const { config, cleanup } = await freshSqlite();
  process.env.DATABASE_URL = config.url;
  process.env.PASSWORD_HASH_MEMORY_KIB ??= "8192";
  const dbFile = config.provider === "sqlite" ? config.file : "";
  try {
    const t0 = performance.now();
    const { projectId, slug, token, labels } = await seed(dbFile);
    console.error(`seeded ${labels} labels in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const raw = await rawBaseline(dbFile, projectId);

    const env = { DATABASE_URL: config.url, AUTH_SECRET: benchAuthSecret() };
    const cli = await cliExport(slug, env);
    const liveHeap = await runInChild<LiveHeap>(import.meta.filename, "live-heap", projectId, { env, nodeArgs: ["--expose-gc"] });
    const cliRate = labels / cli.seconds;

    // Over HTTP twice: the server as `npm start` runs it (scripts/run.mjs HEAP_FLAGS and
    // memoryEnv), then with V8's and glibc's defaults, to show what the settings change.
    const skipHttp = process.env.BENCH_EXPORT_HTTP === "0";
    if (skipHttp) console.error("BENCH_EXPORT_HTTP=0: the HTTP export is not measured");
    const http = skipHttp
      ? []
      : [
          { label: "", run: await httpExport(config, slug, token, true) },
          { label: " with V8's and glibc's default memory settings", run: await httpExport(config, slug, token, false) },
        ];
    const mb = (n: number) => Math.round(n * 10) / 10;
    const baseline = { name: "raw better-sqlite3 SELECT iterate + JSON.stringify per row", value: Math.round(raw.rowsPerS) };
    return [
      {
        name: `export JSONL by the CLI (npm run slant -- export, to a pipe, process start included): ${labels} labels, ${DOCS * SENTENCES} sentences (${mb(cli.bytes / 1e6)} MB)`,
        value: Math.round(cliRate),
        unit: "rows/s",
        target: `≥ ${TARGET_ROWS_PER_S} rows/s`,
        ok: cliRate >= TARGET_ROWS_PER_S,
        baseline,
        ratio: cliRate / raw.rowsPerS,
      },
      {
        name: "export JSONL by the CLI: peak RSS of the exporting process (VmHWM, sampled every 20 ms)",
        value: mb(cli.peakMb),
        unit: "MB",
        target: `< ${TARGET_RSS_MB} MB`,
        ok: cli.peakMb < TARGET_RSS_MB,
      },
      {
        name: `export JSONL in-process: live heap after a full GC, largest of ${liveHeap.samples} samples during the export (${mb(liveHeap.before / 1048576)} MB before it)`,
        value: mb(liveHeap.max / 1048576),
        unit: "MB",
      },
      // Targets on the server as shipped; the V8-defaults run is for comparison only.
      ...http.flatMap(({ label, run }, i) => {
        const rate = labels / run.seconds;
        const targets = (target: string, ok: boolean) => (i === 0 ? { target, ok } : {});
        return [
          {
            name: `export JSONL over HTTP${label} (next start, bearer token, ${mb(run.bytes / 1e6)} MB)`,
            value: Math.round(rate),
            unit: "rows/s",
            ...targets(`≥ ${TARGET_ROWS_PER_S} rows/s`, rate >= TARGET_ROWS_PER_S),
            baseline,
            ratio: rate / raw.rowsPerS,
          },
          {
            name: `export JSONL over HTTP${label}: server peak RSS (VmHWM; ${mb(run.beforeMb)} MB before the export)`,
            value: mb(run.peakMb),
            unit: "MB",
            ...targets(`< ${TARGET_RSS_MB} MB`, run.peakMb < TARGET_RSS_MB),
          },
        ];
      }),
    ];
  } finally {
    cleanup();
  }
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === path.resolve(import.meta.filename) &&
  !serveLoadChild({ "live-heap": childLive })
) {
  // --seed FILE: only seed a database there (for profiling).
  const s = process.argv.indexOf("--seed");
  const main = s > 0 ? seedOnly(process.argv[s + 1]!).then(() => []) : run();
  main.then(
    (r) => {
      if (r.length)
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
