import "server-only";
import { env } from "@/lib/env";
import type { Tx } from "@/server/db/client";

/** Rows per INSERT: 500 rows of a dozen columns stay far below SQLite's and PostgreSQL's parameter limits. */
const ROWS_PER_STATEMENT = 500;

/**
 * Many rows of one table in multi-row INSERTs, inside the caller's transaction. Prisma's
 * createMany costs ~10× more per row (bench/README.md), which matters for the rows an import or
 * the suggestion worker writes by the hundred thousand. Values are passed as parameters: booleans
 * as 0/1 on SQLite; JSON columns take their text (JSON.stringify) on both databases; DateTime
 * columns a Date, always given: a column default would be SQLite's CURRENT_TIMESTAMP, text in
 * another format than the one Prisma writes, reads back and compares.
 */
export async function insertRows(
  tx: Pick<Tx, "$executeRawUnsafe">,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
): Promise<void> {
  const pg = env().database.provider === "postgresql";
  const names = columns.map((c) => `"${c}"`).join(", ");
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const batch = rows.slice(i, i + ROWS_PER_STATEMENT);
    let n = 0;
    const values = batch.map((r) => `(${r.map(() => (pg ? `$${++n}` : "?")).join(", ")})`).join(", ");
    const params = batch.flatMap((r) => r.map((v) => (typeof v === "boolean" && !pg ? Number(v) : v)));
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${names}) VALUES ${values}`, ...params);
  }
}
