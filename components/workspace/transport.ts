import type { QueuedOp, SendResult } from "@/lib/workspace/queue";

const ENDPOINT: Record<QueuedOp["kind"], string> = { annotation: "/api/v1/annotations", status: "/api/v1/segment-status" };

/** Sends one queued op to the server and classifies the answer for the save queue. */
export async function sendOp(op: QueuedOp, baseVersion: number | null): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetch(ENDPOINT[op.kind], {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...op.body, baseVersion }),
      cache: "no-store",
    });
  } catch (e) {
    return { type: "retry", reason: "offline", message: e instanceof Error ? e.message : "network error" };
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  const error = (body?.error ?? {}) as { message?: string; details?: { current?: Record<string, unknown> | null } };
  if (res.ok && body) {
    if (op.kind === "annotation") {
      const a = body.annotation as { version: number; value: unknown };
      return { type: "ok", version: a.version, value: a.value };
    }
    const s = body.status as { version: number; confirmed: boolean };
    return { type: "ok", version: s.version, value: s.confirmed };
  }
  if (res.status === 409) {
    const c = error.details?.current;
    const current = c ? { version: Number(c.version), value: op.kind === "annotation" ? c.value : c.confirmed } : null;
    return { type: "conflict", current, message: error.message ?? "Changed elsewhere" };
  }
  if (res.status === 401) return { type: "unauthenticated" };
  if (res.status >= 400 && res.status < 500) return { type: "invalid", message: error.message ?? `Refused (${res.status})` };
  return { type: "retry", reason: "server", message: error.message ?? `Server error (${res.status})` };
}
