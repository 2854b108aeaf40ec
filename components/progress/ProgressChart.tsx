"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Sentences confirmed and documents done per annotator (the table beside it has the same numbers). */
export function ProgressChart({ data }: { data: { name: string; sentences: number; documents: number }[] }) {
  return (
    <figure aria-label="Sentences labelled per annotator (bar chart; the same figures are in the table below)" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.4} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          <Bar dataKey="sentences" name="Sentences confirmed" fill="#1d4ed8" />
          <Bar dataKey="documents" name="Documents done" fill="#15803d" />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
