import type { ReactNode } from "react";
import { describeBasis, type BasisCount } from "@/lib/reports/basis";
import { ROLE_LABELS, type SourcingDimensions } from "@/lib/schema/roles";
import { th } from "@/components/ui/table";

/** Pieces every report page shares: table cells, the label-source explanation and chooser, the missing-roles notice. */

export { th, td, num } from "@/components/ui/table";

/** A table's column headers; `true` marks a numeric (right-aligned) column. */
export function Head({ columns }: { columns: [label: string, numeric?: boolean][] }) {
  return (
    <thead>
      <tr>
        {columns.map(([label, numeric]) => (
          <th key={label} scope="col" className={numeric ? `${th} text-right` : th}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The "Labels" cell of a figure: where its labels came from, in words. */
export function Basis({ basis }: { basis: BasisCount }) {
  return <span className="muted text-xs">{describeBasis(basis)}</span>;
}

type Person = { id: string; name: string };

/** Which labels count, and the choice of the annotator to fall back on (a GET form to `path`); `children`: e.g. the downloads. */
export function LabelPolicy({
  path,
  annotator,
  annotators,
  hidden = {},
  children,
}: {
  path: string;
  annotator: Person | null;
  annotators: Person[];
  /** Other query parameters the page keeps (e.g. the story). */
  hidden?: Record<string, string>;
  children?: ReactNode;
}) {
  return (
    <section aria-labelledby="basis-h" className="card text-sm">
      <h2 id="basis-h" className="font-semibold">
        Which labels count
      </h2>
      <p className="mt-1">
        For each sentence and label: the <strong>gold</strong> label where a reviewer adjudicated it, else the <strong>majority</strong> of
        the annotators who confirmed the sentence, else{" "}
        {annotator ? (
          <>
            the label of <strong>{annotator.name}</strong> (or of the only annotator who confirmed the sentence)
          </>
        ) : (
          <>the label of the only annotator who confirmed the sentence</>
        )}
        . A tie nobody settled stays <strong>unresolved</strong> and is left out. The <em>Labels</em> column of each figure says which it
        rests on.
      </p>
      <form method="get" action={path} className="mt-3 flex flex-wrap items-end gap-2">
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <label className="flex flex-col">
          <span className="label">Where there is no gold and no majority, use</span>
          <select name="annotator" defaultValue={annotator?.id ?? ""} className="input">
            <option value="">nobody (leave ties unresolved)</option>
            {annotators.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn">
          Apply
        </button>
      </form>
      {children}
    </section>
  );
}

/** The roles the project's label schema lacks, with why (nothing when it has them all). */
export function MissingRoles({ dims }: { dims: SourcingDimensions }) {
  if (!dims.missing.length) return null;
  return (
    <section aria-labelledby="missing-h" className="card border-amber-600 text-sm" role="note">
      <h2 id="missing-h" className="font-semibold">
        <span aria-hidden="true">⚠ </span>This project&apos;s label schema lacks what some figures need
      </h2>
      <ul className="mt-1 list-disc pl-5">
        {dims.missing.map((m) => (
          <li key={m.role}>
            <strong>{ROLE_LABELS[m.role]}</strong>: {m.reason}.
          </li>
        ))}
      </ul>
      <p className="muted mt-1">Figures that need them are left out or empty.</p>
    </section>
  );
}

/** The downloads of a report: its API address as CSV and as JSON (`query`: the report's own parameters, e.g. `by=outlet`). */
export function Downloads({ api, query, csv }: { api: string; query: string; csv: string }) {
  const q = query ? `${query}&` : "";
  return (
    <p className="mt-3 flex flex-wrap gap-3">
      <a className="underline" href={`${api}?${q}format=csv`} download>
        Download CSV ({csv})
      </a>
      <a className="underline" href={`${api}?${q}format=json&download=1`} download>
        Download JSON (every figure)
      </a>
    </p>
  );
}
