import { z } from "zod";
import { outletKey as outletNameKey } from "@/lib/outlets/aliases";

/**
 * Who gets which document on "Next document": the rules, as a pure function over plain rows
 * (server/assignments.ts reads the rows inside the claim's lock and stores the choice).
 *
 * In order:
 * 1. overlap k: a document needs k annotators, not more (a hard rule: no place left, no document);
 * 2. stories (project setting): "independent" gives an annotator at most one version of a story,
 *    "within" prefers the other versions of stories the annotator has begun, NULL has no rule;
 * 3. outlets: the outlet the annotator has had fewest documents of among those left, so that each
 *    annotator's count per outlet stays as even as the remaining documents allow;
 * 4. the document with the fewest annotators (documents fill up evenly), then corpus order.
 * Rules 2 and 3 are preferences: when none of the remaining documents meets one, the annotator
 * still gets the best remaining document, and the choice carries a note saying which rule gave
 * way and why (shown on the progress page).
 */

export const STORY_RULES = ["within", "independent"] as const;
export type StoryRule = (typeof STORY_RULES)[number];

export interface Candidate {
  id: string;
  position: number;
  /** People holding a place on the document now. */
  annotators: number;
  outlet: string | null;
  story: string | null;
}

/** What the annotator has had in this project (every assignment, done or not). */
export interface History {
  /** Documents per outlet, keyed by outletKey. */
  outlets: ReadonlyMap<string, number>;
  stories: ReadonlySet<string>;
}

export interface RuleContext {
  overlap: number;
  storyRule: StoryRule | null;
  history: History;
  /** Every outlet of the project (display names; one per outletKey is enough). */
  projectOutlets: readonly (string | null)[];
}

/** Why a preference gave way for one claim; stored with the assignment (Assignment.ruleNotes). */
export const ruleNoteSchema = z.discriminatedUnion("rule", [
  z.object({
    rule: z.literal("outlet"),
    outlet: z.string().nullable(),
    /** The annotator's documents of this outlet, this one included. */
    count: z.number().int().min(2),
    /** Outlets of which the annotator had fewer: none of their documents was left for them... */
    fewer: z.array(z.string().nullable()),
    /** ...at all, or only documents of stories they already had (independence). */
    because: z.enum(["none_left", "story_rule"]),
  }),
  z.object({ rule: z.literal("story"), story: z.string() }),
]);
export type RuleNote = z.infer<typeof ruleNoteSchema>;
export const ruleNotesSchema = z.array(ruleNoteSchema);

/**
 * Outlets compare by name as outlet aliases do (lib/outlets/aliases: case and spacing ignored);
 * no outlet is its own group. The caller resolves aliases first ("TRTWorld" → "TRT World").
 */
export function outletKey(outlet: string | null): string {
  return outlet === null ? "" : outletNameKey(outlet);
}

/** The document the rules give the annotator, with a note per preference that gave way; null when none needs them. */
export function chooseDocument(candidates: readonly Candidate[], ctx: RuleContext): { document: Candidate; notes: RuleNote[] } | null {
  const had = (outlet: string | null) => ctx.history.outlets.get(outletKey(outlet)) ?? 0;
  const seenStory = (d: Candidate) => d.story !== null && ctx.history.stories.has(d.story);

  const open = candidates.filter((d) => d.annotators < ctx.overlap);
  if (!open.length) return null;

  let pool = open;
  if (ctx.storyRule === "independent") pool = prefer(pool, (d) => !seenStory(d));

  const fewest = Math.min(...pool.map((d) => had(d.outlet)));
  pool = pool.filter((d) => had(d.outlet) === fewest);

  if (ctx.storyRule === "within") pool = prefer(pool, seenStory);

  const document = [...pool].sort((a, b) => a.annotators - b.annotators || a.position - b.position)[0]!;

  const notes: RuleNote[] = [];
  if (ctx.storyRule === "independent" && seenStory(document)) notes.push({ rule: "story", story: document.story! });
  const fewer = uniqueOutlets(ctx.projectOutlets).filter((o) => had(o) < fewest);
  if (fewer.length) {
    const excludedByStory = open.some((d) => fewer.some((o) => outletKey(o) === outletKey(d.outlet)));
    notes.push({
      rule: "outlet",
      outlet: document.outlet,
      count: fewest + 1,
      fewer,
      because: excludedByStory ? "story_rule" : "none_left",
    });
  }
  return { document, notes };
}

/** The candidates that meet a preference, or all of them when none does. */
function prefer(pool: Candidate[], ok: (d: Candidate) => boolean): Candidate[] {
  const kept = pool.filter(ok);
  return kept.length ? kept : pool;
}

function uniqueOutlets(outlets: readonly (string | null)[]): (string | null)[] {
  const byKey = new Map<string, string | null>();
  for (const o of outlets) if (!byKey.has(outletKey(o))) byKey.set(outletKey(o), o);
  return [...byKey.values()];
}

const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
const ordinal = (n: number) => ORDINALS[n - 1] ?? `${n}th`;
const outletName = (o: string | null) => o ?? "(no outlet)";

function list(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`;
}

/** The note as the progress page says it: "ana got a second TRT World article: no other outlet had documents left". */
export function describeRuleNote(annotator: string, note: RuleNote): string {
  if (note.rule === "story")
    return `${annotator} got a second version of story “${note.story}”: every document left for them was of a story they already had`;
  const others = list(note.fewer.map(outletName));
  const why =
    note.because === "none_left"
      ? `no document of ${others} was left for them`
      : `the documents of ${others} left for them were of stories they already had`;
  return `${annotator} got a ${ordinal(note.count)} ${outletName(note.outlet)} article: ${why}`;
}
