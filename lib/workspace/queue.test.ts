import { describe, expect, it } from "vitest";
import { SaveQueue, type QueuedOp, type QueueState, type SendResult } from "./queue";

class MemoryStore {
  data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

const op = (n: number, key = `a:s1:sourcing:`): QueuedOp => ({
  id: `op${n}`,
  kind: "annotation",
  key,
  body: { value: `v${n}` },
  createdAt: n,
});

function setup(responder: (op: QueuedOp, base: number | null) => SendResult | Promise<SendResult>, store = new MemoryStore()) {
  const sent: { id: string; base: number | null }[] = [];
  const states: QueueState[] = [];
  const saved: [string, unknown, number][] = [];
  const rejected: string[] = [];
  const timers: (() => void)[] = [];
  const q = new SaveQueue({
    storageKey: "q",
    storage: store,
    versions: new Map(),
    send: async (o, base) => {
      sent.push({ id: o.id, base });
      return responder(o, base);
    },
    onState: (s) => states.push(s),
    onSaved: (k, v, ver) => saved.push([k, v, ver]),
    onRejected: (o, m) => rejected.push(`${o.id}: ${m}`),
    setTimer: (fn) => timers.push(fn),
  });
  return { q, sent, states, saved, rejected, timers, store };
}

describe("SaveQueue", () => {
  it("sends in order with the version learnt from the previous answer, then reports saved", async () => {
    let version = 0;
    const t = setup(() => ({ type: "ok", version: ++version, value: null }));
    t.q.enqueue(op(1));
    t.q.enqueue(op(2));
    t.q.enqueue(op(3));
    await t.q.flush();
    await new Promise((r) => setTimeout(r, 0));
    expect(t.sent).toEqual([
      { id: "op1", base: null },
      { id: "op2", base: 1 },
      { id: "op3", base: 2 },
    ]);
    expect(t.states.at(-1)).toEqual({ status: "saved" });
    expect(t.store.getItem("q")).toBeNull();
  });

  it("keeps ops in storage while offline, survives a reload, and replays them in order", async () => {
    let online = false;
    const store = new MemoryStore();
    const t = setup(
      () => (online ? { type: "ok", version: 1, value: null } : { type: "retry", reason: "offline", message: "net::ERR" }),
      store,
    );
    t.q.enqueue(op(1));
    await new Promise((r) => setTimeout(r, 0));
    t.q.enqueue(op(2, "a:s2:sourcing:"));
    t.q.enqueue(op(3, "a:s3:sourcing:"));
    await new Promise((r) => setTimeout(r, 0));
    expect(t.states.at(-1)).toMatchObject({ status: "offline" });
    expect(JSON.parse(store.getItem("q")!).map((o: QueuedOp) => o.id)).toEqual(["op1", "op2", "op3"]);

    // "Reload": a new queue over the same storage picks the ops up.
    online = true;
    const t2 = setup(() => ({ type: "ok", version: 1, value: null }), store);
    expect(t2.q.pending().map((o) => o.id)).toEqual(["op1", "op2", "op3"]);
    await t2.q.flush();
    expect(t2.sent.map((s) => s.id)).toEqual(["op1", "op2", "op3"]);
    expect(store.getItem("q")).toBeNull();
  });

  it("retries after a server error when the backoff timer fires", async () => {
    let fail = true;
    const t = setup(() => (fail ? { type: "retry", reason: "server", message: "500" } : { type: "ok", version: 1, value: null }));
    t.q.enqueue(op(1));
    await new Promise((r) => setTimeout(r, 0));
    expect(t.states.at(-1)).toMatchObject({ status: "error" });
    fail = false;
    t.timers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(t.states.at(-1)).toEqual({ status: "saved" });
    expect(t.sent).toHaveLength(2);
  });

  it("stops at a conflict until resolved; 'theirs' drops every queued change of that key", async () => {
    const t = setup((o) =>
      o.id === "op1"
        ? { type: "conflict", current: { version: 5, value: "theirs" }, message: "changed elsewhere" }
        : { type: "ok", version: 1, value: null },
    );
    t.q.enqueue(op(1));
    t.q.enqueue(op(2));
    t.q.enqueue(op(3, "a:s9:sourcing:"));
    await new Promise((r) => setTimeout(r, 0));
    expect(t.states.at(-1)).toMatchObject({ status: "conflict", current: { version: 5 } });
    expect(t.sent).toHaveLength(1);
    t.q.resolveConflict("theirs");
    await new Promise((r) => setTimeout(r, 0));
    expect(t.saved[0]).toEqual(["a:s1:sourcing:", "theirs", 5]);
    expect(t.sent.map((s) => s.id)).toEqual(["op1", "op3"]);
  });

  it("'keep mine' resends on top of the newer version", async () => {
    const t = setup((_o, base) =>
      base === 5 ? { type: "ok", version: 6, value: "v1" } : { type: "conflict", current: { version: 5, value: "x" }, message: "c" },
    );
    t.q.enqueue(op(1));
    await new Promise((r) => setTimeout(r, 0));
    t.q.resolveConflict("mine");
    await new Promise((r) => setTimeout(r, 0));
    expect(t.sent.map((s) => s.base)).toEqual([null, 5]);
    expect(t.states.at(-1)).toEqual({ status: "saved" });
  });

  it("drops an op the server refuses as invalid and reports it", async () => {
    const t = setup((o) =>
      o.id === "op1" ? { type: "invalid", message: "value is not allowed" } : { type: "ok", version: 1, value: null },
    );
    t.q.enqueue(op(1));
    t.q.enqueue(op(2, "a:s2:x:"));
    await new Promise((r) => setTimeout(r, 0));
    expect(t.rejected).toEqual(["op1: value is not allowed"]);
    expect(t.sent.map((s) => s.id)).toEqual(["op1", "op2"]);
  });

  it("treats a thrown transport error as offline", async () => {
    const t = setup(() => {
      throw new Error("Failed to fetch");
    });
    t.q.enqueue(op(1));
    await new Promise((r) => setTimeout(r, 0));
    expect(t.states.at(-1)).toMatchObject({ status: "offline", pending: 1 });
  });

  it("ignores corrupt storage", () => {
    const store = new MemoryStore();
    store.setItem("q", "{not json");
    expect(setup(() => ({ type: "ok", version: 1, value: null }), store).q.pending()).toEqual([]);
  });
});
