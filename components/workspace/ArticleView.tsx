"use client";

import type { Segment, WorkspaceProps } from "@/components/workspace/types";

interface Props {
  doc: WorkspaceProps["data"]["document"];
  segments: Segment[];
  current: number;
  skipBoilerplate: boolean;
  isDone: (segmentId: string) => boolean;
  /** Names of the targets added since the sentence was confirmed (empty: none). */
  needsTargets: (segmentId: string) => string[];
  isFlagged: (segmentId: string) => boolean;
  /** Sentences a reviewer sent back to this annotator. */
  hasComment: (segmentId: string) => boolean;
  onPick: (index: number) => void;
  /** how the workspace names a sentence ("Sentence 5", counted as the header counts) */
  label: (index: number) => string;
  /** Outlet-blind project: outlet, author and URL are not sent; names in the text read [outlet] and [author]. */
  outletBlind?: boolean;
}

/** The article in reading order, paragraph by paragraph; the current sentence is highlighted. */
export function ArticleView({
  doc,
  segments,
  current,
  skipBoilerplate,
  isDone,
  needsTargets,
  isFlagged,
  hasComment,
  label,
  onPick,
  outletBlind = false,
}: Props) {
  const paragraphs: { n: number; items: { s: Segment; i: number }[] }[] = [];
  segments.forEach((s, i) => {
    const last = paragraphs[paragraphs.length - 1];
    if (last && last.n === s.paragraph) last.items.push({ s, i });
    else paragraphs.push({ n: s.paragraph, items: [{ s, i }] });
  });
  const meta = [
    outletBlind ? "Outlet and author hidden (outlet-blind project)" : null,
    doc.outlet,
    doc.author,
    doc.publishedAt?.slice(0, 10),
    doc.language?.toUpperCase(),
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    // A scrollable region must be reachable by keyboard (WCAG 2.1.1); sentences are picked with j/k.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <article aria-label="Article" tabIndex={0} className="min-w-0 flex-1 overflow-y-auto px-8 py-6">
      <h1 className="font-serif text-2xl font-semibold leading-tight">{doc.title}</h1>
      {meta && <p className="muted mt-1 text-sm">{meta}</p>}
      <div className="mt-6 max-w-3xl space-y-4 font-serif text-[1.05rem] leading-relaxed">
        {paragraphs.map((p) => (
          <p key={p.n}>
            {p.items.map(({ s, i }, k) => {
              const active = i === current;
              const done = isDone(s.id);
              const dim = s.isBoilerplate;
              const needs = needsTargets(s.id);
              return (
                <span key={s.id}>
                  {k > 0 && " "}
                  <span
                    id={`seg-${s.id}`}
                    data-segment-index={i}
                    role="button"
                    tabIndex={-1}
                    aria-current={active ? "true" : undefined}
                    aria-label={`${label(i)}${done ? ", complete" : ""}${needs.length ? `, confirmed before ${needs.join(", ")} was added` : ""}${hasComment(s.id) ? ", sent back by a reviewer" : ""}${active ? ", current" : ""}`}
                    // a click picks the sentence but leaves the focus where it was: the workspace's keys go on working
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => (!dim || !skipBoilerplate ? onPick(i) : undefined)}
                    onKeyDown={(e) => {
                      if ((e.key === "Enter" || e.key === " ") && (!dim || !skipBoilerplate)) {
                        e.preventDefault();
                        onPick(i);
                      }
                    }}
                    className={`cursor-pointer rounded px-0.5 ${active ? "bg-amber-100 outline outline-2 outline-amber-500 dark:bg-amber-900/60" : "hover:bg-stone-100 dark:hover:bg-stone-800"} ${
                      dim ? "text-stone-500 italic dark:text-stone-400" : ""
                    } ${done ? "decoration-green-700 decoration-2 underline-offset-4 [text-decoration-line:underline]" : ""}`}
                  >
                    {done && (
                      <span
                        aria-hidden
                        className="mr-0.5 align-super text-[0.65rem] font-bold text-green-800 no-underline dark:text-green-400"
                      >
                        ✓
                      </span>
                    )}
                    {needs.length > 0 && (
                      <span
                        aria-hidden
                        className="mr-0.5 align-super text-[0.65rem] font-bold text-amber-700"
                        title={`Needs ${needs.join(", ")}`}
                      >
                        +
                      </span>
                    )}
                    {hasComment(s.id) && (
                      <span aria-hidden className="mr-0.5 align-super text-[0.65rem] font-bold text-amber-700">
                        ✎
                      </span>
                    )}
                    {isFlagged(s.id) && (
                      <span aria-hidden className="mr-0.5 align-super text-[0.65rem] text-amber-700">
                        ⚑
                      </span>
                    )}
                    {doc.text.slice(s.start, s.end)}
                  </span>
                </span>
              );
            })}
          </p>
        ))}
      </div>
    </article>
  );
}
