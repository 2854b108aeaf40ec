import { env } from "@/lib/env";
import { getDb } from "@/server/db/client";
import { migrate } from "@/server/db/migrate";

export const dynamic = "force-dynamic";

// Once every migration is applied it stays so for this process: check at most every 30 s.
let currentUntil = 0;

/**
 * Liveness and readiness for load balancers: 200 when the database answers and every committed
 * migration is applied; 503 (with the reason) otherwise.
 */
export async function GET() {
  try {
    const db = await getDb();
    await db.$queryRawUnsafe("SELECT 1");
  } catch (e) {
    console.error("health check: database unreachable", e);
    return Response.json({ status: "error", database: "unreachable" }, { status: 503 });
  }
  try {
    if (Date.now() > currentUntil) {
      const pending = (await migrate(env().database, { dryRun: true })).applied;
      if (pending.length) return Response.json({ status: "error", database: "ok", migrations: { pending } }, { status: 503 });
      currentUntil = Date.now() + 30_000;
    }
    return Response.json({ status: "ok", database: "ok", migrations: "current" });
  } catch (e) {
    return Response.json({ status: "error", database: "ok", migrations: (e as Error).message }, { status: 503 });
  }
}
