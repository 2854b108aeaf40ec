/** Table cell classes shared by the report tables and the charts' data tables. */
export const th = "border-b border-stone-300 px-2 py-1 text-left font-medium dark:border-stone-600";
export const td = "border-b border-stone-200 px-2 py-1 align-top dark:border-stone-700";
export const num = `${td} text-right tabular-nums`;
