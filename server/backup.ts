/**
 * Consistent copies of a live database. SQLite: the online backup API (a page-by-page copy that
 * restarts when a write lands mid-copy, so the copy is a snapshot of one moment, taken while the
 * app keeps saving). PostgreSQL: pg_dump / pg_restore, when installed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { DatabaseConfig } from "@/lib/env";

export class BackupError extends Error {}

export async function backupDatabase(config: DatabaseConfig, dest: string): Promise<{ file: string; pages?: number }> {
  const target = path.resolve(dest);
  mkdirSync(path.dirname(target), { recursive: true });
  if (config.provider === "sqlite") {
    if (!existsSync(config.file)) throw new BackupError(`no database at ${config.file}`);
    if (existsSync(target)) throw new BackupError(`${target} exists already; choose a new file name`);
    const Database = (await import("better-sqlite3")).default;
    const db = new Database(config.file, { readonly: true, fileMustExist: true });
    try {
      const r = await db.backup(target);
      const check = new Database(target, { readonly: true });
      const ok = check.pragma("integrity_check", { simple: true });
      check.close();
      if (ok !== "ok") throw new BackupError(`the copy failed its integrity check: ${String(ok)}`);
      return { file: target, pages: r.totalPages };
    } finally {
      db.close();
    }
  }
  const r = spawnSync("pg_dump", ["--format=custom", "--no-owner", `--file=${target}`, config.url], { encoding: "utf8" });
  if (r.error)
    throw new BackupError(
      `pg_dump is not installed here. Back up PostgreSQL with: pg_dump --format=custom --file=${target} "$DATABASE_URL"`,
    );
  if (r.status !== 0) throw new BackupError(`pg_dump failed: ${r.stderr.trim()}`);
  return { file: target };
}

/**
 * Brings a backup back. SQLite: copied into the live file through the backup API (the app's
 * connections see the restored data; stop the app first to be safe). PostgreSQL: pg_restore --clean.
 */
export async function restoreDatabase(config: DatabaseConfig, source: string): Promise<void> {
  const from = path.resolve(source);
  if (!existsSync(from)) throw new BackupError(`no backup at ${from}`);
  if (config.provider === "sqlite") {
    const Database = (await import("better-sqlite3")).default;
    const src = new Database(from, { readonly: true, fileMustExist: true });
    try {
      const ok = src.pragma("integrity_check", { simple: true });
      if (ok !== "ok") throw new BackupError(`${from} is not a sound SQLite database: ${String(ok)}`);
      const hasMigrations = src.prepare(`SELECT 1 FROM sqlite_master WHERE type='table' AND name='_prisma_migrations'`).get();
      if (!hasMigrations) throw new BackupError(`${from} is not a Slant database (no _prisma_migrations table)`);
      mkdirSync(path.dirname(config.file), { recursive: true });
      await src.backup(config.file);
    } finally {
      src.close();
    }
    return;
  }
  const r = spawnSync("pg_restore", ["--clean", "--if-exists", "--no-owner", `--dbname=${config.url}`, from], { encoding: "utf8" });
  if (r.error)
    throw new BackupError(
      `pg_restore is not installed here. Restore with: pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" ${from}`,
    );
  if (r.status !== 0) throw new BackupError(`pg_restore failed: ${r.stderr.trim()}`);
}
