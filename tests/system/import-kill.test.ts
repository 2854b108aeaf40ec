/**
 * SIGKILL of the server in the middle of a 10,000-article import: the file is imported whole or
 * not at all, the server starts again cleanly, the job reads as failed (interrupted) and a retry
 * imports everything.
 */
import { expect, it } from "vitest";
import { signInCookie, startServer, type BenchServer } from "../../bench/support/server";
import { generateArticle } from "../../bench/import.bench";
import { useSystemDatabase } from "./support";
import type { DatabaseConfig } from "@/lib/env";

const ARTICLES = Number(process.env.KILL_IMPORT_ARTICLES ?? 10_000);
const PORT = 3621;
let server: BenchServer | undefined;
const env = { IMPORT_STALE_AFTER_MS: "3000" };

const database = useSystemDatabase(() => server?.stop());

/** True once another connection holds the write lock (SQLite) or has rows locked in "Document" (PostgreSQL). */
async function waitForImportTransaction(cfg: DatabaseConfig, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  if (cfg.provider === "sqlite") {
    const Database = (await import("better-sqlite3")).default;
    const probe = new Database(cfg.file, { timeout: 0 });
    try {
      while (Date.now() < end) {
        try {
          probe.exec("BEGIN IMMEDIATE");
          probe.exec("ROLLBACK");
        } catch (e) {
          if ((e as { code?: string }).code?.startsWith("SQLITE_BUSY")) return true;
          throw e;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      return false;
    } finally {
      probe.close();
    }
  }
  const pg = (await import("pg")).default;
  const c = new pg.Client({ connectionString: cfg.url });
  await c.connect();
  try {
    while (Date.now() < end) {
      const { rows } = await c.query(
        `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class t ON t.oid = l.relation WHERE t.relname = 'Segment' AND l.mode = 'RowExclusiveLock'`,
      );
      if (rows[0].n > 0) return true;
      await new Promise((r) => setTimeout(r, 10));
    }
    return false;
  } finally {
    await c.end();
  }
}

it(`SIGKILL mid-import of ${ARTICLES} articles leaves all or nothing; the job reads as failed and a retry imports everything`, async () => {
  const { SYSTEM_ACTOR } = await import("@/server/auth/actor");
  const { createUser } = await import("@/server/users");
  const { addMember, createProject } = await import("@/server/projects");
  const { getDb } = await import("@/server/db/client");
  const project = await createProject(SYSTEM_ACTOR, { name: "Kill import", targets: ["A"] });
  await createUser(SYSTEM_ACTOR, { email: "killer@load.test", name: "Killer", password: "kill-password-1" });
  await addMember(SYSTEM_ACTOR, project.id, { email: "killer@load.test", role: "MANAGER" });
  let seed = 42;
  const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const jsonl = Array.from({ length: ARTICLES }, (_, i) => JSON.stringify(generateArticle(rand, i))).join("\n");
  const upload = () => {
    const form = new FormData();
    form.append("files", new Blob([jsonl], { type: "application/x-ndjson" }), "big.jsonl");
    return form;
  };

  server = await startServer(database.config!, PORT, env);
  const cookie = await signInCookie(server.baseUrl, "killer@load.test", "kill-password-1");
  // Watch for the file's write transaction from the start: on SQLite the server is busy (the
  // driver is synchronous) from parsing to commit, so the 202 may only arrive after the commit.
  const watching = waitForImportTransaction(database.config!, 300_000);
  const posted = fetch(`${server.baseUrl}/api/v1/projects/${project.slug}/imports`, {
    method: "POST",
    headers: { cookie },
    body: upload(),
  }).catch(() => null);
  const inside = await watching;
  await server.kill();
  await posted;
  const db = await getDb();
  const afterKill = await db.document.count({ where: { projectId: project.id } });
  expect([0, ARTICLES]).toContain(afterKill);
  const segmentsOfPartial = await db.segment.count({ where: { document: { projectId: project.id } } });
  if (afterKill === 0) expect(segmentsOfPartial).toBe(0);

  server = await startServer(database.config!, PORT, env);
  const cookie2 = await signInCookie(server.baseUrl, "killer@load.test", "kill-password-1");
  await new Promise((r) => setTimeout(r, 3500)); // past IMPORT_STALE_AFTER_MS
  const job = await db.importJob.findFirstOrThrow({ where: { projectId: project.id }, select: { id: true } });
  const jobRes = await fetch(`${server.baseUrl}/api/v1/projects/${project.slug}/imports/${job.id}`, { headers: { cookie: cookie2 } });
  const view = (await jobRes.json()) as { job: { status: string; error?: string | null } };
  if (afterKill === 0) {
    expect(view.job.status).toBe("failed");
    expect(view.job.error ?? "").toMatch(/interrupted/);
  }

  // Retry: everything ends imported exactly once.
  const retry = await fetch(`${server.baseUrl}/api/v1/projects/${project.slug}/imports`, {
    method: "POST",
    headers: { cookie: cookie2 },
    body: upload(),
  });
  expect(retry.status).toBe(202);
  const { job: job2 } = (await retry.json()) as { job: { id: string } };
  await expect
    .poll(
      async () =>
        (
          (await (
            await fetch(`${server!.baseUrl}/api/v1/projects/${project.slug}/imports/${job2.id}`, { headers: { cookie: cookie2 } })
          ).json()) as { job: { status: string } }
        ).job.status,
      {
        timeout: 300_000,
        interval: 1000,
      },
    )
    .toBe("done");
  expect(await db.document.count({ where: { projectId: project.id } })).toBe(ARTICLES);
  expect(inside).toBe(true);
  expect(afterKill).toBe(0); // killed inside the transaction: nothing of the file is stored
  console.log(`import kill: killed inside the file's transaction, nothing stored; retry imported ${ARTICLES}`);
}, 600_000);
