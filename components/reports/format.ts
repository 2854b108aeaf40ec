/** Numbers as the report pages show them. */
export const pct = (x: number) => `${Math.round(100 * x)}%`;
export const signed = (x: number | null) => (x === null ? "–" : `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x).toFixed(2)}`);
export const oneDecimal = (x: number | null) => (x === null ? "–" : x.toFixed(1));
