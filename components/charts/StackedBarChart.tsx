"use client";

import { useId, useState, type KeyboardEvent } from "react";
import { th, td, num } from "@/components/ui/table";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * Horizontal stacked bars (one bar per row, e.g. an outlet; one segment per series, e.g. a side),
 * with the same numbers in a table under it. Accessible without the picture:
 * - keyboard: the chart takes focus (Tab) and the arrow keys (Home, End) move from bar to bar; the
 *   bar is outlined and its values are written under the chart in a polite live region, so a
 *   screen reader says them (recharts' own accessibility layer moves only with left/right on
 *   vertical layouts and has no outline, hence our own);
 * - colour is never the only signal: each series has a pattern of its own as well as a colour, in
 *   the bars and the legend, and every segment is labelled with its number;
 * - the table is the text alternative: every number the bars draw, with the row totals.
 */

export interface StackedBarData {
  /** One per bar, top to bottom. */
  rows: { key: string; label: string }[];
  /** One per segment, in stacking order (the legend's and the table's column order). */
  series: { key: string; label: string }[];
  /** values[row][series] */
  values: number[][];
}

// Okabe-Ito colours (told apart with the commonest colour-vision deficiencies), each with a pattern.
const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"];
const PATTERNS: { name: string; marks: React.ReactNode }[] = [
  { name: "solid", marks: null },
  { name: "diagonal stripes", marks: <path d="M-2 2l4-4M0 8l8-8M6 10l4-4" strokeWidth="2" /> },
  { name: "dots", marks: <circle cx="4" cy="4" r="1.6" stroke="none" fill="white" /> },
  { name: "cross-hatch", marks: <path d="M0 0l8 8M8 0l-8 8" strokeWidth="1.2" /> },
  { name: "horizontal lines", marks: <path d="M0 2h8M0 6h8" strokeWidth="1.4" /> },
  { name: "vertical lines", marks: <path d="M2 0v8M6 0v8" strokeWidth="1.4" /> },
];

/** The fill of series i: its colour and its pattern (patterns repeat after 6, colours after 8). */
const style = (i: number) => ({ colour: COLOURS[i % COLOURS.length]!, pattern: PATTERNS[i % PATTERNS.length]! });

function Patterns({ prefix, count }: { prefix: string; count: number }) {
  return (
    <svg width="0" height="0" aria-hidden="true" focusable="false" className="absolute">
      <defs>
        {Array.from({ length: count }, (_, i) => {
          const { colour, pattern } = style(i);
          return (
            <pattern key={i} id={`${prefix}-${i}`} width="8" height="8" patternUnits="userSpaceOnUse">
              <rect width="8" height="8" fill={colour} />
              <g stroke="white" strokeOpacity="0.85">
                {pattern.marks}
              </g>
            </pattern>
          );
        })}
      </defs>
    </svg>
  );
}

function Swatch({ prefix, i }: { prefix: string; i: number }) {
  return (
    <svg width="18" height="14" aria-hidden="true" focusable="false" className="inline-block shrink-0 align-middle">
      <rect width="18" height="14" fill={`url(#${prefix}-${i})`} stroke="currentColor" strokeWidth="1" />
    </svg>
  );
}

type Row = Record<string, string | number>;

/** A bar's values in words: "Outlet A: 8 attributed sentences (Armenia 1, Azerbaijan 7)". */
function describeRow(row: Row, series: StackedBarData["series"], unit: string): string {
  return `${row.label}: ${row.total} ${unit} (${series.map((s, i) => `${s.label} ${row[`s${i}`]}`).join(", ")})`;
}

/** Characters of a bar's name that fit the axis's 150 px at 12 px. */
const TICK_CHARS = 24;

/**
 * A bar's name on the axis, on one line: recharts wraps a long name (an outlet such as "Illustrative
 * wire report (written for the Slant demo)") over lines that run into the next bar. A longer name
 * ends in "…"; the full name is its tooltip and is in the table under the chart.
 */
function CategoryTick({ x, y, payload }: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  const full = String(payload?.value ?? "");
  const short = full.length > TICK_CHARS ? `${full.slice(0, TICK_CHARS - 1).trimEnd()}…` : full;
  return (
    <text x={Number(x)} y={Number(y)} dy="0.35em" textAnchor="end" fontSize={12} fill="currentColor">
      <title>{full}</title>
      {short}
    </text>
  );
}

export function StackedBarChart({
  title,
  description,
  data,
  rowHeader,
  unit,
}: {
  /** The figure's caption. */
  title: string;
  /** One sentence under the caption: what a bar and a segment are. */
  description: string;
  data: StackedBarData;
  /** The table's first column header (e.g. "Outlet"). */
  rowHeader: string;
  /** What the numbers count, plural ("sentences"). */
  unit: string;
}) {
  const prefix = `pattern${useId().replace(/:/g, "")}`;
  const captionId = `${prefix}-caption`;
  const { rows, series, values } = data;
  const chartRows: Row[] = rows.map((r, ri) => {
    const row: Row = { label: r.label, total: 0 };
    series.forEach((_, si) => {
      const v = values[ri]?.[si] ?? 0;
      row[`s${si}`] = v;
      row.total = (row.total as number) + v;
    });
    return row;
  });
  const height = 56 + 36 * rows.length;
  const [current, setCurrent] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  const onKeyDown = (e: KeyboardEvent) => {
    const last = rows.length - 1;
    const at = current ?? -1;
    const next =
      e.key === "ArrowDown" || e.key === "ArrowRight"
        ? Math.min(at + 1, last)
        : e.key === "ArrowUp" || e.key === "ArrowLeft"
          ? Math.max(at - 1, 0)
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? last
              : null;
    if (next === null || last < 0) return;
    e.preventDefault();
    setCurrent(next);
  };
  const outlined = focused ? current : null;
  return (
    <figure aria-labelledby={captionId} className="space-y-2">
      <figcaption id={captionId} className="font-medium">
        {title}
      </figcaption>
      <p className="muted text-xs">
        {description} Keyboard: Tab to the chart, then the arrow keys go from bar to bar. The table under it has the same numbers.
      </p>
      <Patterns prefix={prefix} count={series.length} />
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label={`Legend: ${title}`}>
        {series.map((s, i) => (
          <li key={s.key} className="flex items-center gap-1">
            <Swatch prefix={prefix} i={i} />
            {s.label} <span className="sr-only">({style(i).pattern.name})</span>
          </li>
        ))}
      </ul>
      {/* role="application": the arrow keys are the chart's (a screen reader passes them through). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <div
        style={{ height }}
        className="w-full rounded focus:outline focus:outline-2 focus:outline-offset-2 focus:outline-blue-700"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        role="application"
        aria-label={`${title}: ${rows.length} bars; the arrow keys go from bar to bar`}
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={chartRows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" opacity={0.4} horizontal={false} />
            <XAxis type="number" allowDecimals={false} domain={[0, "dataMax"]} tick={{ fontSize: 12, fill: "currentColor" }} />
            <YAxis type="category" dataKey="label" width={150} tick={CategoryTick} />
            <Tooltip
              content={({ active, payload }) =>
                active && payload?.[0] ? (
                  <p className="rounded border border-stone-400 bg-white px-2 py-1 text-sm text-stone-900 shadow">
                    {describeRow(payload[0].payload as Row, series, unit)}
                  </p>
                ) : null
              }
              cursor={{ fillOpacity: 0.15 }}
            />
            {series.map((s, i) => (
              <Bar
                key={s.key}
                dataKey={`s${i}`}
                name={s.label}
                stackId="a"
                fill={`url(#${prefix}-${i})`}
                stroke="#1c1917"
                strokeWidth={0.5}
                isAnimationActive={false}
              >
                {chartRows.map((_, ri) => (
                  // The bar the arrow keys reached: outlined in blue, every segment of it.
                  <Cell key={ri} stroke={ri === outlined ? "#1d4ed8" : "#1c1917"} strokeWidth={ri === outlined ? 3 : 0.5} />
                ))}
                <LabelList
                  dataKey={`s${i}`}
                  position="center"
                  // Black on a white halo: legible on every colour and pattern; nothing on empty segments.
                  content={({ x, y, width, height: h, value }) =>
                    Number(value) > 0 && Number(width) >= 14 ? (
                      <text
                        x={Number(x) + Number(width) / 2}
                        y={Number(y) + Number(h) / 2}
                        textAnchor="middle"
                        dominantBaseline="central"
                        fontSize={12}
                        fill="#111"
                        stroke="white"
                        strokeWidth={3}
                        paintOrder="stroke"
                      >
                        {value}
                      </text>
                    ) : null
                  }
                />
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p role="status" aria-live="polite" className="min-h-5 text-sm">
        {current !== null && chartRows[current] ? describeRow(chartRows[current], series, unit) : ""}
      </p>
      <table className="w-full text-sm">
        <caption className="sr-only">{title}: the numbers of the chart</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>
              {rowHeader}
            </th>
            {series.map((s) => (
              <th key={s.key} scope="col" className={`${th} text-right`}>
                {s.label}
              </th>
            ))}
            <th scope="col" className={`${th} text-right`}>
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {chartRows.map((r, ri) => (
            <tr key={rows[ri]!.key}>
              <th scope="row" className={`${td} text-left font-medium`}>
                {r.label}
              </th>
              {series.map((s, si) => (
                <td key={s.key} className={num}>
                  {r[`s${si}`]}
                </td>
              ))}
              <td className={num}>{r.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
