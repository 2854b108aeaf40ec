"use client";

import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

type Row = { name: string; sentences: number; documents: number };

/**
 * Sentences confirmed and documents done per annotator, one chart each: the two counts differ by
 * one or two orders of magnitude, and on a shared axis the documents' bars were flat lines. Each
 * bar carries its number; the table beside the charts has the same figures.
 */
export function ProgressChart({ data }: { data: Row[] }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <MeasureChart data={data} measure="sentences" title="Sentences confirmed" fill="#1d4ed8" />
      <MeasureChart data={data} measure="documents" title="Documents done" fill="#15803d" />
    </div>
  );
}

function MeasureChart({ data, measure, title, fill }: { data: Row[]; measure: "sentences" | "documents"; title: string; fill: string }) {
  return (
    <figure aria-label={`${title} per annotator (bar chart; the same figures are in the table below)`} className="w-full">
      <figcaption className="text-sm font-medium">{title} per annotator</figcaption>
      <div className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 16, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" opacity={0.4} />
            <XAxis dataKey="name" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Bar dataKey={measure} name={title} fill={fill}>
              <LabelList dataKey={measure} position="top" fontSize={12} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
