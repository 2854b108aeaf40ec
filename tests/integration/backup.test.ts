import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTestDatabase, useTestDatabase, usingPostgres } from "../support/db";
import { SYSTEM_ACTOR } from "@/server/auth/actor";
import { createUser } from "@/server/users";
import { addMember, createProject } from "@/server/projects";
import { insertDocuments } from "@/server/documents";
import { saveAnnotation } from "@/server/annotations";
import { getDb } from "@/server/db/client";
import { backupDatabase, BackupError, restoreDatabase } from "@/server/backup";
import { parseDatabaseUrl } from "@/lib/env";

const state = useTestDatabase();

describe("backup and restore", () => {
  it("copies a live database consistently while saves are running, and restores it", async () => {
    const cfg = state.config!;
    const u = await createUser(SYSTEM_ACTOR, { email: "b@example.org", name: "B", password: "a long password" });
    const p = await createProject(SYSTEM_ACTOR, { name: "Backup", targets: ["X"] });
    await addMember(SYSTEM_ACTOR, p.id, { email: u.email, role: "ANNOTATOR" });
    const db = await getDb();
    const text = Array.from({ length: 60 }, (_, i) => `Sentence ${i} of the backup test.`).join(" ");
    const { created } = await db.$transaction((tx) => insertDocuments(tx, SYSTEM_ACTOR, p.id, [{ title: "t", text }]));
    const segs = await db.segment.findMany({ where: { documentId: created[0]! }, orderBy: { index: "asc" } });
    const actor = { id: u.id, email: u.email, name: u.name, isAdmin: false };
    let stop = false;
    let saved = 0;
    const writer = (async () => {
      for (let i = 0; !stop && i < segs.length; i++) {
        await saveAnnotation(actor, {
          documentId: created[0]!,
          segmentId: segs[i]!.id,
          dimension: "sourcing",
          target: null,
          value: "no_claim",
          baseVersion: null,
        });
        saved++;
      }
    })();
    await new Promise((r) => setTimeout(r, 20));
    const dir = mkdtempSync(path.join(tmpdir(), "slant-backup-"));
    const file = path.join(dir, "copy.db");
    if (usingPostgres()) {
      // PostgreSQL: pg_dump takes a consistent snapshot (one transaction) while saves go on.
      await backupDatabase(cfg, file);
      stop = true;
      await writer;
      const other = await createTestDatabase();
      try {
        await restoreDatabase(other.config, file);
        const pg = (await import("pg")).default;
        const c = new pg.Client({ connectionString: other.config.url });
        await c.connect();
        const n = Number((await c.query(`SELECT COUNT(*) AS n FROM "Annotation"`)).rows[0].n);
        const a = Number((await c.query(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE action = 'annotation.save'`)).rows[0].n);
        await c.end();
        expect(n).toBeLessThanOrEqual(saved);
        expect(a).toBe(n);
      } finally {
        await other.drop();
      }
      return;
    }
    await backupDatabase(cfg, file);
    stop = true;
    await writer;
    await expect(backupDatabase(cfg, file)).rejects.toThrow(BackupError); // never overwrites

    // The copy is a sound database holding a prefix of the saves (a snapshot of one moment).
    const Database = (await import("better-sqlite3")).default;
    const copy = new Database(file, { readonly: true });
    const copied = (copy.prepare(`SELECT COUNT(*) AS n FROM "Annotation"`).get() as { n: number }).n;
    const audits = (copy.prepare(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE action = 'annotation.save'`).get() as { n: number }).n;
    copy.close();
    expect(copied).toBeLessThanOrEqual(saved);
    expect(audits).toBe(copied); // label and audit event were written together

    // Restore into a fresh file and read it back.
    const restored = parseDatabaseUrl(`file:${path.join(dir, "restored.db")}`);
    await restoreDatabase(restored, file);
    const r = new Database(restored.provider === "sqlite" ? restored.file : "", { readonly: true });
    expect((r.prepare(`SELECT COUNT(*) AS n FROM "Annotation"`).get() as { n: number }).n).toBe(copied);
    r.close();
    await expect(restoreDatabase(restored, path.join(dir, "missing.db"))).rejects.toThrow(/no backup at/);
  });
});
