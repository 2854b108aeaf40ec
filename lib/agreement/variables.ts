/**
 * The variables agreement is computed on, built from a project's stored labels and its label
 * schema: one variable per target of each per-target dimension ("stance:armenia"), one per single
 * or target-choice dimension, one per value of a multi dimension and one per span label (at token
 * level), and one for the source-name dimension when the project's source ledger is given (names
 * compared by the entry they resolve to: "Aliyev" and "Ilham Aliyev" agree when one entry has
 * both). Other text and flag dimensions have no variable. Pure: plain data in, reliability data out.
 */
import type { LabelSchema } from "@/lib/schema/schema";
import type { StoredSpan } from "@/lib/schema/types";
import { spanUnitsFromTokens, type TokenBoundary } from "./spans";
import type { Unit } from "./types";

export interface AgreementSentence {
  id: string;
  documentId: string;
  start: number;
  end: number;
  /** users who confirmed the sentence: its coders */
  confirmedBy: readonly string[];
  /**
   * per confirmer, the target keys their confirmation covers (lib/schema/confirmation.ts): toward
   * any other target the confirmer has no value (not "none"); a confirmer absent here covers every target
   */
  confirmedTargets?: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface AgreementLabel {
  segmentId: string;
  userId: string;
  dimension: string;
  /** "" when the dimension has no target */
  target: string;
  value: unknown;
}

export interface AgreementVariable {
  /** "stance:armenia", "sourcing", "spans:loaded_language" */
  key: string;
  dimension: string;
  target: string | null;
  /** the span label or multi value the variable is about */
  value: string | null;
  kind: "per_target" | "single" | "target_choice" | "multi" | "span" | "source_name";
  /** what one unit is */
  unit: "sentence" | "token";
  /** categories in display order (schema order; unknown stored values appended) */
  order: string[];
  units: Unit<string>[];
  /** the document of each unit (same index as `units`) */
  unitDocuments: string[];
}

export const NONE = "none";

/** Word tokens of text[start, end) (Intl.Segmenter, word granularity, word-like segments only). */
export function wordTokens(text: string, start: number, end: number, sentence?: string): TokenBoundary[] {
  const seg = new Intl.Segmenter("und", { granularity: "word" });
  const out: TokenBoundary[] = [];
  for (const w of seg.segment(text.slice(start, end))) {
    if (w.isWordLike) out.push({ start: start + w.index, end: start + w.index + w.segment.length, sentence });
  }
  return out;
}

function withExtras(order: string[], units: Unit<string>[]): string[] {
  const known = new Set(order);
  const extra = new Set<string>();
  for (const u of units) for (const v of u.values.values()) if (typeof v === "string" && !known.has(v)) extra.add(v);
  return [...order, ...[...extra].sort()];
}

/**
 * Builds every variable over `sentences` (pass only the sentences to compare: non-boilerplate,
 * confirmed by 2 or more people). A coder's value counts only where the coder confirmed the
 * sentence; per-target stances a confirmer left empty count as "none" for the targets the
 * confirmation covers and are missing toward the others; other empty values are missing. `texts` maps document id → text (needed for span variables).
 */
export function buildAgreementVariables(
  schema: LabelSchema,
  targets: readonly string[],
  sentences: readonly AgreementSentence[],
  labels: readonly AgreementLabel[],
  texts: ReadonlyMap<string, string>,
  /** The source-name dimension and what a typed name is compared by (lib/sources/names.ts `identity`). */
  sourceNames?: { dimension: string; identity: (name: string) => string },
): AgreementVariable[] {
  const bySentence = new Map(sentences.map((s) => [s.id, s]));
  const confirmed = new Map(sentences.map((s) => [s.id, new Set(s.confirmedBy)]));
  // value lookup: segment → user → `${dimension}:${target}` → value
  const values = new Map<string, Map<string, Map<string, unknown>>>();
  for (const l of labels) {
    if (l.value === null || !confirmed.get(l.segmentId)?.has(l.userId)) continue;
    let byUser = values.get(l.segmentId);
    if (!byUser) values.set(l.segmentId, (byUser = new Map()));
    let m = byUser.get(l.userId);
    if (!m) byUser.set(l.userId, (m = new Map()));
    m.set(`${l.dimension}:${l.target}`, l.value);
  }
  const get = (seg: string, user: string, key: string) => values.get(seg)?.get(user)?.get(key);

  const sentenceVariable = (
    base: Omit<AgreementVariable, "units" | "unitDocuments" | "unit" | "order">,
    order: string[],
    pick: (seg: AgreementSentence, user: string) => string | null,
  ): AgreementVariable => {
    const units: Unit<string>[] = sentences.map((s) => ({
      id: s.id,
      values: new Map(s.confirmedBy.map((u) => [u, pick(s, u)] as const).filter((e): e is [string, string] => e[1] !== null)),
    }));
    return { ...base, unit: "sentence", order: withExtras(order, units), units, unitDocuments: sentences.map((s) => s.documentId) };
  };

  const out: AgreementVariable[] = [];
  for (const dim of schema.dimensions) {
    if (dim.kind === "per_target") {
      for (const t of targets) {
        out.push(
          sentenceVariable(
            { key: `${dim.id}:${t}`, dimension: dim.id, target: t, value: null, kind: dim.kind },
            [...dim.values.map((v) => v.id), NONE],
            (s, u) => {
              if (s.confirmedTargets?.get(u)?.has(t) === false) return null; // confirmed before the target was added
              const v = get(s.id, u, `${dim.id}:${t}`);
              return typeof v === "string" ? v : NONE;
            },
          ),
        );
      }
    } else if (dim.kind === "single" || dim.kind === "target_choice") {
      const order = dim.kind === "target_choice" ? [...targets, ...dim.values.map((v) => v.id)] : dim.values.map((v) => v.id);
      out.push(
        sentenceVariable({ key: dim.id, dimension: dim.id, target: null, value: null, kind: dim.kind }, order, (s, u) => {
          const v = get(s.id, u, `${dim.id}:`);
          return typeof v === "string" ? v : null;
        }),
      );
    } else if (dim.kind === "text" && dim.id === sourceNames?.dimension) {
      // A coder who gave no name has no value here (whether a source is named at all is the sourcing variable's question).
      out.push(
        sentenceVariable({ key: dim.id, dimension: dim.id, target: null, value: null, kind: "source_name" }, [], (s, u) => {
          const v = get(s.id, u, `${dim.id}:`);
          return typeof v === "string" && v.trim() ? sourceNames.identity(v) : null;
        }),
      );
    } else if (dim.kind === "multi") {
      for (const val of dim.values) {
        out.push(
          sentenceVariable(
            { key: `${dim.id}:${val.id}`, dimension: dim.id, target: null, value: val.id, kind: dim.kind },
            ["in", "out"],
            (s, u) => {
              const v = get(s.id, u, `${dim.id}:`);
              return Array.isArray(v) && v.includes(val.id) ? "in" : "out";
            },
          ),
        );
      }
    } else if (dim.kind === "span") {
      const tokens: TokenBoundary[] = [];
      for (const s of sentences) tokens.push(...wordTokens(texts.get(s.documentId) ?? "", s.start, s.end, s.id));
      const coders = [...new Set(sentences.flatMap((s) => s.confirmedBy))];
      for (const val of dim.values) {
        const units = spanUnitsFromTokens(
          tokens,
          coders.map((c) => ({
            coder: c,
            sentences: sentences.filter((s) => confirmed.get(s.id)!.has(c)).map((s) => s.id),
            spans: sentences.flatMap((s) => {
              const v = get(s.id, c, `${dim.id}:`);
              return Array.isArray(v) ? (v as StoredSpan[]).filter((sp) => sp.label === val.id) : [];
            }),
          })),
          { idPrefix: `${dim.id}:${val.id}:` },
        );
        out.push({
          key: `${dim.id}:${val.id}`,
          dimension: dim.id,
          target: null,
          value: val.id,
          kind: "span",
          unit: "token",
          order: ["in", "out"],
          units,
          unitDocuments: tokens.map((t) => bySentence.get(t.sentence!)!.documentId),
        });
      }
    }
  }
  return out;
}
