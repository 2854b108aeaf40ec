/**
 * Forcing an interleaving of two transactions on PostgreSQL, without test hooks in the code under
 * test: a raw connection (the "gate") holds a row lock that a transaction under test needs for one
 * of its writes, so that transaction stops after its reads and before that write; the test then
 * runs the competing transaction, waits until it has committed or is itself waiting for a lock,
 * and opens the gate. Every wait is on an observable condition (pg_stat_activity), never a sleep
 * of a guessed length.
 *
 * On SQLite the app runs every statement of the process on one connection, one transaction at a
 * time, so there is no lock to hold and nothing can interleave: the gate does nothing and the
 * same test checks that the outcome is the same.
 */
import { usingPostgres } from "./databases";

export interface Gate {
  /** Locks these rows (FOR UPDATE) until `open`; a foreign-key check on them waits meanwhile. */
  hold(table: string, ids: string[]): Promise<void>;
  /** Resolves once `n` connections of the test database wait for a lock (on PostgreSQL). */
  waiting(n: number): Promise<void>;
  /** Resolves once `p` has settled or `n` connections wait for a lock, whichever comes first. */
  settledOrWaiting(p: Promise<unknown>, n: number): Promise<void>;
  /** Runs a statement in the gate's transaction (a change another instance is about to commit). */
  run(sql: string, params: unknown[]): Promise<void>;
  /** Commits what the gate did and releases the rows held. */
  open(): Promise<void>;
  close(): Promise<void>;
}

const POLL_LIMIT = 1000;

async function until(what: string, cond: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < POLL_LIMIT; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`Gave up waiting until ${what}`);
}

export async function openGate(): Promise<Gate> {
  if (!usingPostgres()) {
    return {
      hold: async () => {},
      run: async () => {},
      waiting: async () => {},
      settledOrWaiting: async () => {},
      open: async () => {},
      close: async () => {},
    };
  }
  const pg = (await import("pg")).default;
  // Two connections: one holds the rows in its transaction, the other looks at pg_stat_activity
  // (which a transaction would see as of its first look).
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const monitor = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await Promise.all([client.connect(), monitor.connect()]);
  let holding = false;
  const waitingCount = async () =>
    Number(
      (
        await monitor.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0`,
        )
      ).rows[0]!.n,
    );
  return {
    async hold(table, ids) {
      if (!holding) await client.query("BEGIN");
      holding = true;
      await client.query(`SELECT 1 FROM "${table}" WHERE "id" = ANY($1) FOR UPDATE`, [ids]);
    },
    async run(sql, params) {
      if (!holding) await client.query("BEGIN");
      holding = true;
      await client.query(sql, params);
    },
    waiting: (n) => until(`${n} connections wait for a lock`, async () => (await waitingCount()) >= n),
    async settledOrWaiting(p, n) {
      let settled = false;
      void p.then(
        () => (settled = true),
        () => (settled = true),
      );
      await until(`the competing transaction settles or waits`, async () => settled || (await waitingCount()) >= n);
    },
    async open() {
      if (holding) await client.query("COMMIT");
      holding = false;
    },
    close: async () => {
      await Promise.all([client.end(), monitor.end()]);
    },
  };
}
