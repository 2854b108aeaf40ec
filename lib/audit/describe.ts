/**
 * The audit log in words: what an event touched ("“Title”, sentence 4 · Stance toward Armenia"
 * rather than three ids joined by colons) and what it changed, as one line per changed field
 * rather than the whole before and after documents (a schema edit stores both schemas whole; the
 * reader wants the one label that changed).
 */

export interface AuditEntityContext {
  /** Document id → title. */
  documents: ReadonlyMap<string, string>;
  /** Segment id → its document and 0-based index. */
  segments: ReadonlyMap<string, { documentId: string; index: number }>;
  /** Dimension id → label, from the project's current schema. */
  dimensions: ReadonlyMap<string, string>;
  /** Target key → name. */
  targets: ReadonlyMap<string, string>;
  /** Project member id → "Name <e-mail>". */
  members: ReadonlyMap<string, string>;
}

export interface AuditEventLike {
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

const ACTIONS: Record<string, string> = {
  "annotation.save": "Label saved",
  "gold.save": "Gold label decided",
  "segment.confirm": "Sentence confirmed",
  "segment.unconfirm": "Sentence reopened",
  "segment.split": "Sentence split",
  "segment.merge": "Sentences merged",
  "review.send_back": "Sentence sent back",
  "document.done": "Document marked done",
  "document.reopen": "Document reopened",
  "document.story": "Story set",
  "assignment.take": "Document taken (Next document)",
  "assignment.assign": "Document assigned",
  "assignment.unassign": "Assignment removed",
  "document.import": "Documents imported",
  "member.add": "Member added",
  "member.role": "Member's role changed",
  "member.remove": "Member removed",
  "project.create": "Project created",
  "project.update": "Project details changed",
  "project.settings": "Settings changed",
  "project.targets": "Targets changed",
  "project.schema": "Label schema changed",
  "project.outlet_aliases": "Outlet aliases changed",
  "token.create": "API token created",
  "token.revoke": "API token revoked",
  "project.export": "Dataset exported",
  "user.create": "User created",
  "user.change_password": "Password changed",
};

/** The action in words; an action this list does not know keeps its code. */
export function actionWords(action: string): string {
  return ACTIONS[action] ?? action;
}

/** Splits a label's entity id `segmentId:dimension:target` (target "" when the dimension has none). */
function labelKey(entityId: string) {
  const first = entityId.indexOf(":");
  const last = entityId.lastIndexOf(":");
  if (first < 0 || last === first) return null;
  return { segmentId: entityId.slice(0, first), dimension: entityId.slice(first + 1, last), target: entityId.slice(last + 1) };
}

const quoted = (title: string) => `“${title}”`;

function sentenceWords(segmentId: string, ctx: AuditEntityContext): string {
  const seg = ctx.segments.get(segmentId);
  if (!seg) return "a sentence no longer stored (split, merged or its document deleted)";
  const title = ctx.documents.get(seg.documentId);
  return `${title === undefined ? "a deleted document" : quoted(title)}, sentence ${seg.index + 1}`;
}

function nameIn(value: unknown): string | null {
  if (value && typeof value === "object" && "name" in value && typeof value.name === "string") return value.name;
  return null;
}

/** What the event touched, in words. */
export function entityWords(e: AuditEventLike, ctx: AuditEntityContext): string {
  switch (e.entityType) {
    case "annotation":
    case "gold": {
      const key = labelKey(e.entityId);
      if (!key) return e.entityId;
      const dimension = ctx.dimensions.get(key.dimension) ?? key.dimension;
      const target = key.target ? ` toward ${ctx.targets.get(key.target) ?? key.target}` : "";
      return `${sentenceWords(key.segmentId, ctx)} · ${dimension}${target}`;
    }
    case "segment":
      return sentenceWords(e.entityId, ctx);
    case "document": {
      const title = ctx.documents.get(e.entityId);
      return title === undefined ? "a deleted document" : quoted(title);
    }
    case "member":
      return ctx.members.get(e.entityId) ?? "a former member";
    case "project":
      return "the project";
    case "token": {
      const name = nameIn(e.after) ?? nameIn(e.before);
      return name ? `token ${quoted(name)}` : "a token";
    }
    default:
      return `${e.entityType} ${e.entityId}`;
  }
}

const MAX_LINES = 40;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** An element of a list that can be matched across versions: it carries a string id or key. */
function identity(v: unknown): string | null {
  if (!isRecord(v)) return null;
  if (typeof v.id === "string") return v.id;
  if (typeof v.key === "string") return v.key;
  return null;
}

/** How a listed object is named in a path: its label or name where it has one, else its id. */
function title(v: Record<string, unknown>, id: string): string {
  for (const k of ["label", "name"]) if (typeof v[k] === "string" && v[k]) return `${v[k] as string}`;
  return id;
}

function show(v: unknown): string {
  if (v === undefined) return "—";
  const s = canonical(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

/** JSON with object keys sorted: PostgreSQL's jsonb does not keep the order keys were written in. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    isRecord(x)
      ? Object.fromEntries(
          Object.keys(x)
            .sort()
            .map((k) => [k, x[k]]),
        )
      : x,
  );
}

function equal(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function walk(path: string[], a: unknown, b: unknown, out: string[]) {
  if (equal(a, b)) return;
  const at = path.join(" › ");
  const prefix = at ? `${at}: ` : "";
  // An object created or deleted whole is listed field by field, like an edit from or to nothing.
  if (a === undefined && isRecord(b)) return walk(path, {}, b, out);
  if (b === undefined && isRecord(a)) return walk(path, a, {}, out);
  if (a === undefined) {
    out.push(`${prefix}set to ${show(b)}`);
    return;
  }
  if (b === undefined) {
    out.push(`${prefix}removed (was ${show(a)})`);
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    // Fields in alphabetical order, the same on both databases.
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) walk([...path, k], a[k], b[k], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const ids = (xs: unknown[]) => xs.map(identity);
    const ia = ids(a);
    const ib = ids(b);
    if (a.length + b.length > 0 && [...ia, ...ib].every((x) => x !== null)) {
      // A list of things with ids (dimensions, values, targets): say what was added, removed,
      // changed or moved, each by its name.
      const before = new Map(a.map((x, i) => [ia[i]!, x as Record<string, unknown>]));
      const after = new Map(b.map((x, i) => [ib[i]!, x as Record<string, unknown>]));
      for (const [id, x] of after) if (!before.has(id)) out.push(`${prefix}added ${quoted(title(x, id))}`);
      for (const [id, x] of before) if (!after.has(id)) out.push(`${prefix}removed ${quoted(title(x, id))}`);
      for (const [id, x] of after) {
        const old = before.get(id);
        if (old) walk([...path, quoted(title(x, id))], old, x, out);
      }
      const kept = (xs: (string | null)[], other: Map<string, unknown>) => xs.filter((id) => other.has(id!));
      if (!equal(kept(ia, after), kept(ib, before))) out.push(`${prefix}order changed`);
      return;
    }
  }
  out.push(`${prefix}${show(a)} → ${show(b)}`);
}

/**
 * One line per changed field between the stored before and after of an event, paths joined by
 * "›" and lists of named things compared by id. A creation (no before) lists what was set.
 * Long diffs end with how many lines were left out.
 */
export function changeLines(before: unknown, after: unknown): string[] {
  const out: string[] = [];
  walk([], before ?? undefined, after ?? undefined, out);
  if (out.length <= MAX_LINES) return out;
  return [...out.slice(0, MAX_LINES), `… and ${out.length - MAX_LINES} more changes`];
}
