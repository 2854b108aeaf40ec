import { getDb } from "@/server/db/client";

export const dynamic = "force-dynamic";

/** Liveness and readiness: the database answers. */
export async function GET() {
  try {
    const db = await getDb();
    await db.$queryRawUnsafe("SELECT 1");
    return Response.json({ status: "ok", database: "ok" });
  } catch (e) {
    console.error("health check failed", e);
    return Response.json({ status: "error", database: "unreachable" }, { status: 503 });
  }
}
