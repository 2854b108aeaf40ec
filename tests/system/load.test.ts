/**
 * Scale-out and fault tests against real `next start` servers:
 *  - 32 simulated annotators saving labels on overlapping documents for LOAD_SECONDS (default 10;
 *    60 for the full run): on PostgreSQL (npm run test:pg) over two app instances sharing the
 *    database, on SQLite over one. The database must end holding exactly the last acknowledged
 *    value of every label: nothing lost, no duplicates, no errors.
 *  - SIGKILL of the server in the middle of a burst of saves: every acknowledged save is there
 *    after a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, usingPostgres } from "../support/db";
import { startServer, type BenchServer } from "../../bench/support/server";
import { migrate } from "@/server/db/migrate";
import type { DatabaseConfig } from "@/lib/env";
import { runAnnotators, seedTeam, signInAll, verifyAcked, type Team } from "./support";

const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const PORTS = [3611, 3612];
let config: DatabaseConfig;
let drop: () => Promise<void>;
let team: Team;
let servers: BenchServer[] = [];

beforeAll(async () => {
  const db = await createTestDatabase();
  config = db.config;
  drop = db.drop;
  process.env.DATABASE_URL = config.url;
  process.env.PASSWORD_HASH_MEMORY_KIB = "4096";
  await migrate(config);
  team = await seedTeam(32, 6);
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  const { disconnectDb } = await import("@/server/db/client");
  await disconnectDb();
  await drop();
});

describe(`${usingPostgres() ? "two instances on one PostgreSQL" : "one instance on SQLite"}`, () => {
  it(
    `32 annotators for ${LOAD_SECONDS} s: the database holds exactly the last acknowledged value of each label`,
    async () => {
      const n = usingPostgres() ? 2 : 1;
      servers = await Promise.all(PORTS.slice(0, n).map((p) => startServer(config, p)));
      const urls = servers.map((s) => s.baseUrl);
      const cookies = await signInAll(team, urls);
      const end = Date.now() + LOAD_SECONDS * 1000;
      const { acked, errors, saves } = await runAnnotators(team, urls, cookies, () => Date.now() > end);
      console.log(
        `load: ${saves} saves by 32 annotators over ${n} instance(s) in ${LOAD_SECONDS} s (${(saves / LOAD_SECONDS).toFixed(0)}/s), ${errors.length} errors`,
      );
      expect(errors).toEqual([]);
      expect(saves).toBeGreaterThan(32);
      const check = await verifyAcked(
        acked,
        team.users.map((u) => u.id),
      );
      expect(check).toEqual({ rows: acked.size, distinctKeys: acked.size, lost: 0, different: 0, unexpected: 0 });
    },
    (LOAD_SECONDS + 120) * 1000,
  );

  it("SIGKILL during a burst of saves loses no acknowledged save; the server starts again cleanly", async () => {
    await Promise.all(servers.map((s) => s.stop()));
    servers = [await startServer(config, PORTS[0]!)];
    const cookies = await signInAll(team, [servers[0]!.baseUrl]);
    let killed = false;
    const started = Date.now();
    const killer = (async () => {
      await new Promise((r) => setTimeout(r, 1500));
      await servers[0]!.kill();
      killed = true;
    })();
    const { acked, saves } = await runAnnotators(team, [servers[0]!.baseUrl], cookies, () => killed || Date.now() - started > 20_000);
    await killer;
    expect(saves).toBeGreaterThan(0);
    servers = [await startServer(config, PORTS[0]!)];
    const health = await (await fetch(`${servers[0]!.baseUrl}/api/health`)).json();
    expect(health).toMatchObject({ status: "ok", migrations: "current" });
    // In-flight saves may have committed without their answer: the stored version may be newer.
    const check = await verifyAcked(
      acked,
      team.users.map((u) => u.id),
      true,
    );
    expect(check.lost).toBe(0);
    expect(check.different).toBe(0);
  }, 180_000);
});
