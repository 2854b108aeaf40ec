/**
 * Database objects that Prisma does not model, per provider: full-text search tables and their
 * triggers, partial or expression indexes... Each is created by a committed migration (written by
 * hand, or appended to one that `npm run db:diff` wrote), and named here so that no later diff
 * drops it: `npm run db:diff` and `npm run db:check` leave declared tables alone, never drop a
 * declared index or trigger, and re-create them after a SQLite table rebuild. A declared object
 * that the migrations do not create fails both. See "One schema, two providers" in the README.
 */
import type { Unmodeled } from "../scripts/schema-diff.mjs";

const unmodeled: Unmodeled = {
  sqlite: { tables: [], indexes: [], triggers: [] },
  postgresql: { tables: [], indexes: [], triggers: [] },
};
export default unmodeled;
