import type { z } from "zod";

/** "field: message" for each issue of a zod error, for forms, API answers and CLI output. */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}
