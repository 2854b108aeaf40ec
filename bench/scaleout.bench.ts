/**
 * Label saves through the HTTP API with 32 simulated annotators (each one change every 500 ms,
 * twice a fast keyboard annotator's pace), on SQLite with one app instance and on PostgreSQL with
 * two instances sharing the database: latency percentiles, throughput, errors and labels lost
 * (every acknowledged value must be in the database afterwards). Baseline: a raw pg INSERT of the
 * same rows (annotation + audit event, one transaction each) in the same run.
 * Run alone: node --conditions=react-server --import tsx bench/scaleout.bench.ts
 */
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { BenchResult } from "./types";
import { percentile, startServer, type BenchServer } from "./support/server";
import { createTestDatabase } from "../tests/support/databases";
import { runAnnotators, seedTeam, signInAll, verifyAcked, type Acked, type Team } from "../tests/system/support";
import { runInChild, serveLoadChild } from "./support/load-child";
import { migrate } from "@/server/db/migrate";
import { resetEnvCache } from "@/lib/env";

const SECONDS = Number(process.env.BENCH_SCALEOUT_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const INTERVAL_MS = 500;
const PG_URL = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

interface AnnotateInput {
  team: Team;
  urls: string[];
  cookies: string[];
}
type AnnotateResult = Omit<Awaited<ReturnType<typeof runAnnotators>>, "acked"> & { acked: [string, Acked][]; seconds: number };

/** In a load child (bench/support/load-child.ts): warm-up, then the measured run of paced annotators. */
async function annotate({ team, urls, cookies }: AnnotateInput): Promise<AnnotateResult> {
  // Warm-up (not measured): the first saves on a fresh `next start` load the route and compile query plans.
  const warmEnd = Date.now() + WARMUP_SECONDS * 1000;
  const warm = await runAnnotators(team, urls, cookies, () => Date.now() > warmEnd, { intervalMs: INTERVAL_MS });
  const end = Date.now() + SECONDS * 1000;
  const t0 = performance.now();
  const run = await runAnnotators(team, urls, cookies, () => Date.now() > end, { intervalMs: INTERVAL_MS, acked: warm.acked });
  return { ...run, errors: [...warm.errors, ...run.errors], acked: [...run.acked], seconds: (performance.now() - t0) / 1000 };
}

async function measure(kind: "sqlite" | "postgresql", ports: number[]) {
  const db = await createTestDatabase(kind === "postgresql" ? PG_URL : undefined);
  process.env.DATABASE_URL = db.config.url;
  process.env.PASSWORD_HASH_MEMORY_KIB = "8192";
  resetEnvCache();
  await migrate(db.config);
  const { disconnectDb } = await import("@/server/db/client");
  const team = await seedTeam(32, 10);
  let servers: BenchServer[] = [];
  try {
    servers = await Promise.all(ports.map((p) => startServer(db.config, p)));
    const urls = servers.map((s) => s.baseUrl);
    const cookies = await signInAll(team, urls);
    const { acked, seconds, ...rest } = await runInChild<AnnotateResult>(import.meta.filename, "annotate", {
      team,
      urls,
      cookies,
    } satisfies AnnotateInput);
    const run = { ...rest, acked: new Map(acked) };
    const check = await verifyAcked(
      run.acked,
      team.users.map((u) => u.id),
    );
    run.latencies.sort((a, b) => a - b);
    return { run, seconds, lost: check.lost + check.different, instances: servers.length };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await disconnectDb();
    await db.drop();
  }
}

/** The floor on PostgreSQL: the same two rows per save with the plain driver, one transaction each. */
async function rawPg(n: number) {
  const db = await createTestDatabase(PG_URL);
  const pg = (await import("pg")).default;
  const c = new pg.Client({ connectionString: db.config.url });
  await c.connect();
  try {
    await c.query(`CREATE TABLE a (id text PRIMARY KEY, segment text, usr text, dimension text, target text, value jsonb, version int, updated timestamptz, UNIQUE (segment, usr, dimension, target));
                   CREATE TABLE e (id text PRIMARY KEY, action text, entity text, after jsonb, created timestamptz)`);
    const lat: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await c.query("BEGIN");
      await c.query("INSERT INTO a VALUES ($1, $2, $3, 'sourcing', '', '\"no_claim\"', 1, now())", [
        randomUUID(),
        `seg${i % 300}`,
        `u${Math.floor(i / 300)}`,
      ]);
      await c.query("INSERT INTO e VALUES ($1, 'annotation.save', $2, '{\"value\":\"no_claim\"}', now())", [randomUUID(), `seg${i}`]);
      await c.query("COMMIT");
      lat.push(performance.now() - s);
    }
    lat.sort((a, b) => a - b);
    return { throughput: n / ((performance.now() - t0) / 1000), p50: percentile(lat, 50), p99: percentile(lat, 99) };
  } finally {
    await c.end();
    await db.drop();
  }
}

export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const [kind, ports] of [
    ["sqlite", [3711]],
    ["postgresql", [3712, 3713]],
  ] as const) {
    const m = await measure(kind, [...ports]);
    const p = (q: number) => percentile(m.run.latencies, q);
    const label = kind === "sqlite" ? "SQLite, 1 instance" : "PostgreSQL, 2 instances";
    const raw = kind === "postgresql" ? await rawPg(2000) : null;
    out.push(
      {
        name: `save p50 (${label}; 32 annotators, one change each ${INTERVAL_MS} ms, ${SECONDS} s after ${WARMUP_SECONDS} s of warm-up)`,
        value: +p(50).toFixed(1),
        unit: "ms",
        ...(raw ? { baseline: { name: "raw pg transaction p50 (2 inserts)", value: +raw.p50.toFixed(2) }, ratio: p(50) / raw.p50 } : {}),
      },
      { name: `save p95 (${label})`, value: +p(95).toFixed(1), unit: "ms" },
      { name: `save p99 (${label})`, value: +p(99).toFixed(1), unit: "ms", target: "< 50 ms", ok: p(99) < 50 },
      {
        name: `save throughput (${label}; ${m.run.saves} saves, ${m.run.errors.length} errors)`,
        value: Math.round(m.run.saves / m.seconds),
        unit: "saves/s",
        ok: m.run.errors.length === 0,
        ...(raw
          ? {
              baseline: { name: "raw pg transactions/s, one connection", value: Math.round(raw.throughput) },
              ratio: m.run.saves / m.seconds / raw.throughput,
            }
          : {}),
      },
      { name: `labels lost (${label})`, value: m.lost, unit: "labels", target: "0", ok: m.lost === 0 },
    );
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename) && !serveLoadChild({ annotate })) {
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
