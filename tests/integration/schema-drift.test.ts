/**
 * The committed migrations reproduce prisma/schema.prisma (no drift), checked with the schema
 * engine through `scripts/prisma.mts check` (the same code as `npm run db:diff`) on the provider
 * under test; objects Prisma does not model, declared in prisma/unmodeled.ts, survive later diffs.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createTestDatabase, usingPostgres } from "../support/db";
import { migrate } from "@/server/db/migrate";
import committed from "../../prisma/unmodeled";

const repo = path.resolve(import.meta.dirname, "../..");
const provider = usingPostgres() ? "postgresql" : "sqlite";
const TIMEOUT = 180_000;

/** Runs scripts/prisma.mts on `root` for the provider under test: exit code and output. */
async function prismaScript(args: string[], root = repo): Promise<{ code: number; out: string }> {
  const env = { ...process.env, ...(process.env.TEST_PG_URL ? { SHADOW_DATABASE_URL: process.env.TEST_PG_URL } : {}) };
  const argv = [
    "--experimental-wasm-modules",
    "--no-warnings",
    "--import",
    "tsx",
    "scripts/prisma.mts",
    ...args,
    "--root",
    root,
    "--provider",
    provider,
  ];
  try {
    const r = await promisify(execFile)(process.execPath, argv, { cwd: repo, env });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const r = e as { code?: number; stdout?: string; stderr?: string };
    return { code: r.code ?? 1, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
  }
}

/** A copy of this project's prisma/ folder (schema, migrations, unmodeled.ts) to edit. */
function prismaCopy(): string {
  const root = mkdtempSync(path.join(tmpdir(), "slant-schema-"));
  for (const f of ["schema.prisma", "unmodeled.ts", "migrations"]) {
    cpSync(path.join(repo, "prisma", f), path.join(root, "prisma", f), { recursive: true });
  }
  return root;
}

const editSchema = (root: string, from: string | RegExp, to: string) => {
  const file = path.join(root, "prisma/schema.prisma");
  const text = readFileSync(file, "utf8");
  const next = text.replace(from, to);
  if (next === text) throw new Error(`schema.prisma has no ${String(from)}`);
  writeFileSync(file, next);
};

describe(`schema drift (${provider})`, () => {
  it(
    "the committed migrations reproduce prisma/schema.prisma",
    async () => {
      const r = await prismaScript(["check"]);
      expect(r.out).toContain(`${provider}: the committed migrations reproduce prisma/schema.prisma`);
      expect(r.code).toBe(0);
    },
    TIMEOUT,
  );

  it(
    "fails when schema.prisma is edited without a migration, showing the missing change",
    async () => {
      const root = prismaCopy();
      editSchema(
        root,
        /\n  guidelines +String +@default\(""\)\n/,
        `\n  guidelines      String   @default("")\n  codebook        String?\n`,
      );
      const r = await prismaScript(["check"], root);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`${provider}: prisma/schema.prisma differs from what the committed migrations build`);
      expect(r.out).toMatch(/ALTER TABLE "Project" ADD COLUMN\s+"codebook" TEXT/);
    },
    TIMEOUT,
  );
});

/** Example objects Prisma does not model: a full-text table fed by a trigger, and an index of our own. */
const EXAMPLE =
  provider === "sqlite"
    ? {
        sql: `CREATE VIRTUAL TABLE "SegmentSearch" USING fts5("text", content='', tokenize='unicode61');
CREATE TRIGGER "Segment_search_insert" AFTER INSERT ON "Segment" BEGIN
  INSERT INTO "SegmentSearch" (rowid, "text") SELECT new.rowid, substr(d."text", new."start" + 1, new."end" - new."start") FROM "Document" d WHERE d."id" = new."documentId";
END;
CREATE INDEX "SegmentStatus_confirmed_idx" ON "SegmentStatus"("userId", "confirmedAt");
CREATE INDEX "SegmentStatus_open_idx" ON "SegmentStatus"("userId") WHERE "confirmedAt" IS NULL;
`,
        unmodeled: {
          tables: ["SegmentSearch"],
          indexes: ["SegmentStatus_confirmed_idx", "SegmentStatus_open_idx"],
          triggers: ["Segment_search_insert"],
        },
      }
    : {
        sql: `CREATE TABLE "SegmentSearch" ("segmentId" TEXT NOT NULL PRIMARY KEY REFERENCES "Segment"("id") ON DELETE CASCADE, "tsv" tsvector NOT NULL);
CREATE INDEX "SegmentSearch_tsv_idx" ON "SegmentSearch" USING GIN ("tsv");
CREATE FUNCTION "segment_search_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SegmentSearch" ("segmentId", "tsv") SELECT NEW."id", to_tsvector('simple', substr(d."text", NEW."start" + 1, NEW."end" - NEW."start")) FROM "Document" d WHERE d."id" = NEW."documentId";
  RETURN NEW;
END $$;
CREATE TRIGGER "Segment_search_insert" AFTER INSERT ON "Segment" FOR EACH ROW EXECUTE FUNCTION "segment_search_insert"();
CREATE INDEX "SegmentStatus_confirmed_idx" ON "SegmentStatus"("userId", "confirmedAt");
`,
        unmodeled: { tables: ["SegmentSearch"], indexes: ["SegmentStatus_confirmed_idx"], triggers: ["Segment_search_insert"] },
      };

/** prisma/unmodeled.ts of the copy: the committed declarations, and `objects` besides (null: none besides). */
function declare(root: string, objects: { tables: string[]; indexes: string[]; triggers: string[] } | null) {
  const mine = committed[provider];
  const lists = {
    ...committed,
    [provider]: objects
      ? {
          tables: [...mine.tables, ...objects.tables],
          indexes: [...mine.indexes, ...objects.indexes],
          triggers: [...mine.triggers, ...objects.triggers],
        }
      : mine,
  };
  writeFileSync(path.join(root, "prisma/unmodeled.ts"), `export default ${JSON.stringify(lists)};\n`);
}

/** Names of the declared objects present in a database. */
async function unmodeledPresent(
  config: Awaited<ReturnType<typeof createTestDatabase>>["config"],
  names: string[] = [...EXAMPLE.unmodeled.tables, ...EXAMPLE.unmodeled.indexes, ...EXAMPLE.unmodeled.triggers],
): Promise<string[]> {
  if (config.provider === "sqlite") {
    const Database = (await import("better-sqlite3")).default;
    const db = new Database(config.file, { readonly: true });
    const found = db
      .prepare(`SELECT name FROM sqlite_master WHERE name IN (${names.map(() => "?").join(",")})`)
      .pluck()
      .all(...names) as string[];
    db.close();
    return found.sort();
  }
  const pg = (await import("pg")).default;
  const c = new pg.Client({ connectionString: config.url });
  await c.connect();
  const { rows } = await c.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE tablename = ANY($1) UNION SELECT indexname FROM pg_indexes WHERE indexname = ANY($1)
     UNION SELECT tgname FROM pg_trigger WHERE tgname = ANY($1)`,
    [names],
  );
  await c.end();
  return rows.map((r) => r.name).sort();
}

describe(`objects Prisma does not model (${provider})`, () => {
  it(
    "declared in prisma/unmodeled.ts, they are never dropped, and a SQLite table rebuild creates them again",
    async () => {
      const root = prismaCopy();
      const migrations = path.join(root, "prisma/migrations", provider);
      // After every committed migration, before the one db:diff writes below (named for the current second).
      const name = `${new Date(Date.now() - 60_000).toISOString().replace(/\D/g, "").slice(0, 14)}_segment_search`;
      mkdirSync(path.join(migrations, name));
      writeFileSync(path.join(migrations, name, "migration.sql"), EXAMPLE.sql);

      // Undeclared, the diff would drop them: the check fails and says so.
      declare(root, null);
      const undeclared = await prismaScript(["check"], root);
      expect(undeclared.code).toBe(1);
      expect(undeclared.out).toMatch(/DROP TABLE "SegmentSearch"/);
      expect(undeclared.out).toMatch(/DROP INDEX "SegmentStatus_confirmed_idx"/);

      declare(root, EXAMPLE.unmodeled);
      expect(await prismaScript(["check"], root)).toMatchObject({ code: 0 });

      // A column change on the tables they belong to: on SQLite db:diff rebuilds both tables.
      editSchema(root, /  paragraph +Int +@default\(0\)/, "  paragraph         Int      @default(1)");
      editSchema(root, /(model SegmentStatus \{[^}]*?version +Int +)@default\(1\)/, "$1@default(2)");
      const diff = await prismaScript(["diff", "rebuild_segment"], root);
      expect(diff).toMatchObject({ code: 0 });
      const written = readdirSync(migrations).find((d) => d.endsWith("_rebuild_segment"))!;
      const sql = readFileSync(path.join(migrations, written, "migration.sql"), "utf8");
      expect(sql).not.toMatch(/DROP (TABLE|INDEX|TRIGGER) "(SegmentSearch|SegmentStatus_confirmed_idx|Segment_search_insert)"/);
      if (provider === "sqlite") {
        expect(sql).toContain('DROP TABLE "Segment";');
        expect(sql).toMatch(/-- Recreate objects Prisma does not model[^]*CREATE TRIGGER "Segment_search_insert"[^]*/);
        expect(sql).toMatch(/-- Recreate objects Prisma does not model[^]*CREATE INDEX "SegmentStatus_confirmed_idx"/);
        expect(sql).toMatch(
          /-- Recreate objects Prisma does not model[^]*CREATE INDEX "SegmentStatus_open_idx" .* WHERE "confirmedAt" IS NULL;/,
        );
      }
      // The migrations, applied, keep every declared object; and nothing drifts afterwards.
      const { config, drop } = await createTestDatabase();
      try {
        await migrate(config, { root });
        expect(await unmodeledPresent(config)).toEqual(
          [...EXAMPLE.unmodeled.tables, ...EXAMPLE.unmodeled.indexes, ...EXAMPLE.unmodeled.triggers].sort(),
        );
        // The committed ones too, including triggers on other tables whose bodies name a rebuilt one.
        const mine = committed[provider];
        const names = [...mine.tables, ...mine.indexes, ...mine.triggers];
        expect(await unmodeledPresent(config, names)).toEqual([...names].sort());
      } finally {
        await drop();
      }
      expect(await prismaScript(["check"], root)).toMatchObject({ code: 0 });
    },
    TIMEOUT,
  );

  it(
    "a declared object that no migration creates fails the check",
    async () => {
      const root = prismaCopy();
      declare(root, { tables: [], indexes: ["Nowhere_idx"], triggers: [] });
      const r = await prismaScript(["check"], root);
      expect(r.code).toBe(1);
      expect(r.out).toContain(
        `prisma/unmodeled.ts declares ${provider} objects that the committed migrations do not create: index Nowhere_idx`,
      );
    },
    TIMEOUT,
  );
});
