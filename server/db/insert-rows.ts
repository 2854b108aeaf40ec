import "server-only";
import { env } from "@/lib/env";
import type { Tx } from "@/server/db/client";

/** Rows per INSERT on PostgreSQL: 500 rows of a dozen columns stay far below its parameter limit. */
const ROWS_PER_STATEMENT = 500;
/** Rows per INSERT on SQLite, which gets them as one JSON parameter (a few MB at most). */
const ROWS_PER_JSON_STATEMENT = 5_000;

/**
 * Many rows of one table in multi-row INSERTs, inside the caller's transaction. Prisma's
 * createMany costs ~10× more per row (bench/README.md), which matters for the rows an import or
 * the suggestion worker writes by the hundred thousand. Values are passed as parameters: booleans
 * as 0/1 on SQLite; JSON columns take their text (JSON.stringify) on both databases; DateTime
 * columns a Date, always given: a column default would be SQLite's CURRENT_TIMESTAMP, text in
 * another format than the one Prisma writes, reads back and compares.
 *
 * On SQLite the rows travel as one JSON array parameter that the statement unpacks (json_each):
 * a statement with 6,000 parameters cost more to prepare, bind and run than the rows' own
 * inserts (bench/README.md, "Imports and suggestions in the background").
 */
export async function insertRows(
  tx: Pick<Tx, "$executeRawUnsafe">,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
): Promise<void> {
  const names = columns.map((c) => `"${c}"`).join(", ");
  if (env().database.provider === "sqlite") {
    // `->>` gives SQL values: JSON strings as TEXT, numbers as INTEGER or REAL, null as NULL.
    const sql = `INSERT INTO "${table}" (${names}) SELECT ${columns.map((_, i) => `value->>${i}`).join(", ")} FROM json_each(?)`;
    for (let i = 0; i < rows.length; i += ROWS_PER_JSON_STATEMENT) {
      await tx.$executeRawUnsafe(sql, JSON.stringify(rows.slice(i, i + ROWS_PER_JSON_STATEMENT), sqliteValue));
    }
    return;
  }
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const batch = rows.slice(i, i + ROWS_PER_STATEMENT);
    let n = 0;
    const values = batch.map((r) => `(${r.map(() => `$${++n}`).join(", ")})`).join(", ");
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${names}) VALUES ${values}`, ...batch.flat());
  }
}

/**
 * A value as SQLite stores it for Prisma: booleans 0/1, dates as the text Prisma's SQLite adapter
 * writes (ISO 8601 with "+00:00", its default timestampFormat), which it reads back and compares.
 * JSON.stringify has already turned a Date into its toJSON() text when the replacer sees it.
 */
function sqliteValue(this: unknown, key: string, value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Date) return raw.toISOString().replace("Z", "+00:00");
  return value;
}
