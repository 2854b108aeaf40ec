import type { z } from "zod";
import { InvalidError } from "@/server/errors";
import { describeZodError } from "@/lib/validation/zod-error";

/**
 * Parses input from outside with its zod schema; invalid input is an expected error (422) whose
 * message names each field and what is wrong with it. `where` prefixes the message (e.g. "document 3").
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown, where?: string): z.output<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw new InvalidError(where ? `${where}: ${describeZodError(r.error)}` : describeZodError(r.error));
  return r.data;
}
