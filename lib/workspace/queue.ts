/**
 * The browser's save queue: every label change is persisted locally first (so a reload or a
 * closed tab loses nothing), then sent to the server one at a time, in order. Network and server
 * failures are retried with backoff; a refused stale version is a conflict the person resolves.
 * Framework-free: storage and transport are injected, so it is unit-tested without a browser.
 */

export type OpKind = "annotation" | "status";

export interface QueuedOp {
  id: string;
  kind: OpKind;
  /** What the op writes: `a:<segmentId>:<dimension>:<target>` or `s:<segmentId>`. Versions are tracked per key. */
  key: string;
  /** The request body without baseVersion (it is added when the op is sent). */
  body: Record<string, unknown>;
  createdAt: number;
}

export type SendResult =
  | { type: "ok"; version: number; value: unknown }
  | { type: "conflict"; current: { version: number; value: unknown } | null; message: string }
  | { type: "invalid"; message: string }
  | { type: "unauthenticated" }
  | { type: "retry"; reason: "offline" | "server"; message: string };

export type QueueState =
  | { status: "saved" }
  | { status: "saving"; pending: number }
  | { status: "offline"; pending: number }
  | { status: "error"; pending: number; message: string }
  | { status: "conflict"; pending: number; op: QueuedOp; current: { version: number; value: unknown } | null; message: string }
  | { status: "signed_out"; pending: number };

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface QueueOptions {
  storageKey: string;
  storage: KeyValueStore;
  send: (op: QueuedOp, baseVersion: number | null) => Promise<SendResult>;
  /** Server-known versions at page load, by key. */
  versions: Map<string, number>;
  onState: (s: QueueState) => void;
  /** The server's answer for a key: the value and version now stored. */
  onSaved: (key: string, value: unknown, version: number) => void;
  /** An op the server refused as invalid: the UI reverts it and shows the message. */
  onRejected: (op: QueuedOp, message: string) => void;
  backoffMs?: number[];
  setTimer?: (fn: () => void, ms: number) => unknown;
}

export class SaveQueue {
  private ops: QueuedOp[];
  private running = false;
  private blocked: QueueState | null = null;
  private attempt = 0;
  private timer: unknown = null;
  private readonly backoff: number[];
  private readonly setTimer: (fn: () => void, ms: number) => unknown;

  constructor(private readonly o: QueueOptions) {
    this.backoff = o.backoffMs ?? [500, 1000, 2000, 5000, 10000];
    this.setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.ops = SaveQueue.load(o.storage, o.storageKey);
  }

  static load(storage: KeyValueStore, storageKey: string): QueuedOp[] {
    try {
      const raw = storage.getItem(storageKey);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? (parsed.filter((x) => x && typeof x.key === "string" && typeof x.id === "string") as QueuedOp[]) : [];
    } catch {
      return [];
    }
  }

  /** Ops not yet acknowledged by the server, oldest first. */
  pending(): readonly QueuedOp[] {
    return this.ops;
  }

  version(key: string): number | null {
    return this.o.versions.get(key) ?? null;
  }

  enqueue(op: QueuedOp) {
    this.ops.push(op);
    this.persist();
    void this.flush();
  }

  /** Sends everything queued, in order; returns when the queue is empty or blocked. */
  async flush(): Promise<void> {
    if (this.running || (this.blocked && this.blocked.status === "conflict")) return;
    this.running = true;
    try {
      while (this.ops.length > 0) {
        const op = this.ops[0]!;
        this.emit({ status: "saving", pending: this.ops.length });
        const result = await this.o
          .send(op, this.version(op.key))
          .catch((e: unknown): SendResult => ({ type: "retry", reason: "offline", message: e instanceof Error ? e.message : String(e) }));
        if (result.type === "ok") {
          this.attempt = 0;
          this.blocked = null;
          this.o.versions.set(op.key, result.version);
          this.ops.shift();
          this.persist();
          this.o.onSaved(op.key, result.value, result.version);
          continue;
        }
        if (result.type === "invalid") {
          this.ops.shift();
          this.persist();
          this.o.onRejected(op, result.message);
          continue;
        }
        if (result.type === "conflict") {
          this.blocked = { status: "conflict", pending: this.ops.length, op, current: result.current, message: result.message };
          this.emit(this.blocked);
          return;
        }
        if (result.type === "unauthenticated") {
          this.blocked = { status: "signed_out", pending: this.ops.length };
          this.emit(this.blocked);
          return;
        }
        this.blocked =
          result.reason === "offline"
            ? { status: "offline", pending: this.ops.length }
            : { status: "error", pending: this.ops.length, message: result.message };
        this.emit(this.blocked);
        this.scheduleRetry();
        return;
      }
      this.blocked = null;
      this.emit({ status: "saved" });
    } finally {
      this.running = false;
    }
  }

  /** Retry now (the browser came back online, or the person asked). */
  retryNow() {
    if (this.blocked?.status === "conflict") return;
    this.attempt = 0;
    this.blocked = null;
    void this.flush();
  }

  /** Resolve the blocking conflict: keep mine (overwrite the newer version) or take theirs. */
  resolveConflict(choice: "mine" | "theirs") {
    const b = this.blocked;
    if (!b || b.status !== "conflict") return;
    this.o.versions.set(b.op.key, b.current?.version ?? 0);
    if (choice === "theirs") {
      // Every queued change of that key was made on top of the stale value: drop them all.
      this.ops = this.ops.filter((op) => op.key !== b.op.key);
      this.persist();
      this.o.onSaved(b.op.key, b.current?.value ?? null, b.current?.version ?? 0);
    }
    this.blocked = null;
    void this.flush();
  }

  private scheduleRetry() {
    if (this.timer !== null) return;
    const ms = this.backoff[Math.min(this.attempt, this.backoff.length - 1)]!;
    this.attempt++;
    this.timer = this.setTimer(() => {
      this.timer = null;
      if (this.blocked?.status === "offline" || this.blocked?.status === "error") {
        this.blocked = null;
        void this.flush();
      }
    }, ms);
  }

  private persist() {
    try {
      if (this.ops.length) this.o.storage.setItem(this.o.storageKey, JSON.stringify(this.ops));
      else this.o.storage.removeItem(this.o.storageKey);
    } catch {
      // Storage full or disabled: the in-memory queue still saves while the page is open.
    }
  }

  private emit(s: QueueState) {
    this.o.onState(s);
  }
}
