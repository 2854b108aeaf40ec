/** Seeding and simulated annotators for the system tests (real servers, real databases). */
import { afterAll, beforeAll } from "vitest";
import { signInCookie } from "../../bench/support/server";

export interface Team {
  projectSlug: string;
  users: { id: string; email: string; password: string }[];
  segments: { documentId: string; segmentId: string }[];
  targets: string[];
}

/** A project with `annotators` members and `documents` short articles, through the services. */
export async function seedTeam(annotators: number, documents: number): Promise<Team> {
  const { SYSTEM_ACTOR } = await import("@/server/auth/actor");
  const { createUser } = await import("@/server/users");
  const { addMember, createProject } = await import("@/server/projects");
  const { insertDocuments } = await import("@/server/documents");
  const { getDb } = await import("@/server/db/client");
  const project = await createProject(SYSTEM_ACTOR, { name: `Load ${Date.now()}`, targets: ["Armenia", "Azerbaijan"] });
  const users = [];
  for (let i = 0; i < annotators; i++) {
    const email = `load${i}-${Date.now()}@load.test`;
    const password = `load-password-${i}`;
    const u = await createUser(SYSTEM_ACTOR, { email, name: `Load ${i}`, password });
    await addMember(SYSTEM_ACTOR, project.id, { email, role: "ANNOTATOR" });
    users.push({ id: u.id, email, password });
  }
  const db = await getDb();
  const texts = Array.from({ length: documents }, (_, d) =>
    Array.from({ length: 12 }, (_, i) => `Document ${d} sentence ${i} says the officials met.`).join(" "),
  );
  const { created } = await db.$transaction(
    (tx) =>
      insertDocuments(
        tx,
        SYSTEM_ACTOR,
        project.id,
        texts.map((text, i) => ({ title: `Load doc ${i}`, text })),
      ),
    { timeout: 60_000 },
  );
  const segs = await db.segment.findMany({ where: { documentId: { in: created } }, select: { id: true, documentId: true } });
  return {
    projectSlug: project.slug,
    users,
    segments: segs.map((s) => ({ documentId: s.documentId, segmentId: s.id })),
    targets: ["armenia", "azerbaijan"],
  };
}

export interface Acked {
  value: unknown;
  version: number;
}

export function signInAll(team: Team, baseUrls: string[]) {
  return Promise.all(team.users.map((u, i) => signInCookie(baseUrls[i % baseUrls.length]!, u.email, u.password)));
}

/**
 * Simulated annotators: each sends label saves one after another (like the browser's queue), to the
 * servers in turn, until `until`. Returns the last acknowledged value and version of every
 * (segment, annotator, dimension, target), and counts of errors.
 * `opts.acked` carries on from an earlier run's acknowledged versions (a benchmark's warm-up).
 */
export async function runAnnotators(
  team: Team,
  baseUrls: string[],
  cookies: string[],
  until: () => boolean,
  opts: { intervalMs?: number; acked?: Map<string, Acked> } = {},
) {
  const acked = new Map(opts.acked);
  const errors: string[] = [];
  /** Per save, from its scheduled time (paced) or its send time (flat out), in ms. */
  const latencies: number[] = [];
  let saves = 0;
  const sourcing = ["direct_quote", "paraphrased_attribution", "unattributed_claim", "no_claim"];
  const stance = ["favorable", "unfavorable", "neutral", null];
  await Promise.all(
    team.users.map(async (u, w) => {
      let seed = w + 1;
      const rnd = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
      const interval = opts.intervalMs;
      let due = performance.now() + (interval ? (w * interval) / team.users.length : 0);
      for (let i = 0; !until(); i++) {
        if (interval) {
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          if (until()) break;
        }
        const started = interval ? due : performance.now();
        if (interval) due += interval;
        const s = team.segments[rnd(team.segments.length)]!;
        const perTarget = rnd(2) === 0;
        const dimension = perTarget ? "stance" : "sourcing";
        const target = perTarget ? team.targets[rnd(team.targets.length)]! : null;
        const value = perTarget ? stance[rnd(stance.length)] : sourcing[rnd(sourcing.length)];
        const key = `${s.segmentId}|${u.id}|${dimension}|${target ?? ""}`;
        const base = baseUrls[(w + i) % baseUrls.length]!; // spread over the instances
        try {
          const res = await fetch(`${base}/api/v1/annotations`, {
            method: "POST",
            headers: { "content-type": "application/json", cookie: cookies[w]! },
            body: JSON.stringify({
              documentId: s.documentId,
              segmentId: s.segmentId,
              dimension,
              target,
              value,
              baseVersion: acked.get(key)?.version ?? null,
            }),
          });
          const body = (await res.json()) as { annotation?: { value: unknown; version: number }; error?: { message: string } };
          latencies.push(performance.now() - started);
          if (res.ok && body.annotation) {
            saves++;
            if (body.annotation.version > 0) acked.set(key, { value: body.annotation.value, version: body.annotation.version });
          } else errors.push(`${res.status} ${body.error?.message ?? ""}`);
        } catch (e) {
          errors.push(`network: ${(e as Error).message}`);
        }
      }
    }),
  );
  return { acked, errors, saves, latencies };
}

/** Compares the database with the acknowledged saves: lost, different, and unexpected rows. */
export async function verifyAcked(acked: Map<string, Acked>, userIds: string[], allowNewer = false) {
  const { getDb } = await import("@/server/db/client");
  const db = await getDb();
  const rows = await db.annotation.findMany({
    where: { userId: { in: userIds } },
    select: { segmentId: true, userId: true, dimension: true, target: true, value: true, version: true },
  });
  const stored = new Map(rows.map((r) => [`${r.segmentId}|${r.userId}|${r.dimension}|${r.target}`, r]));
  let lost = 0;
  let different = 0;
  for (const [key, a] of acked) {
    const r = stored.get(key);
    if (!r || r.version < a.version) lost++;
    else if (r.version === a.version ? JSON.stringify(r.value) !== JSON.stringify(a.value) : !allowNewer) different++;
  }
  const unexpected = rows.length - [...stored.keys()].filter((k) => acked.has(k)).length;
  return { rows: rows.length, distinctKeys: stored.size, lost, different, unexpected };
}

/**
 * Registers hooks: a fresh migrated database in DATABASE_URL for this file (the in-process services
 * seed it, the server under test reads it), and afterwards the server stopped and the database dropped.
 */
export function useSystemDatabase(stopServer: () => Promise<void> | undefined) {
  const state: { config?: import("@/lib/env").DatabaseConfig } = {};
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const { createTestDatabase } = await import("../support/db");
    const { migrate } = await import("@/server/db/migrate");
    const db = await createTestDatabase();
    state.config = db.config;
    drop = db.drop;
    process.env.DATABASE_URL = db.config.url;
    process.env.PASSWORD_HASH_MEMORY_KIB = "4096";
    await migrate(db.config);
  }, 60_000);
  afterAll(async () => {
    await stopServer();
    const { disconnectDb } = await import("@/server/db/client");
    await disconnectDb();
    await drop?.();
  });
  return state;
}
