import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/db";
import { migrate, MigrationError, plan, readMigrations } from "@/server/db/migrate";

describe("migrations", () => {
  it("applies every migration once; a second run is a no-op", async () => {
    const { config, drop } = await createTestDatabase();
    try {
      const first = await migrate(config);
      expect(first.applied.length).toBe(first.total);
      expect(first.total).toBeGreaterThan(0);
      const second = await migrate(config);
      expect(second.applied).toEqual([]);
    } finally {
      await drop();
    }
  });

  it("reports a half-applied migration instead of ignoring it", () => {
    const migrations = readMigrations("sqlite");
    const rows = [
      {
        migration_name: migrations[0]!.name,
        checksum: migrations[0]!.checksum,
        finished_at: null,
        rolled_back_at: null,
        started_at: "2026-01-01",
      },
    ];
    expect(() => plan(migrations, rows)).toThrow(MigrationError);
    expect(() => plan(migrations, rows)).toThrow(/half-migrated/);
  });

  it("refuses a migration edited after it was applied", () => {
    const migrations = readMigrations("sqlite");
    const rows = [
      { migration_name: migrations[0]!.name, checksum: "0".repeat(64), finished_at: "x", rolled_back_at: null, started_at: "x" },
    ];
    expect(() => plan(migrations, rows)).toThrow(/changed after it was applied/);
  });

  it("refuses a database migrated by an unknown (newer) version", () => {
    const migrations = readMigrations("postgresql");
    const rows = [{ migration_name: "29990101000000_future", checksum: "x", finished_at: "x", rolled_back_at: null, started_at: "x" }];
    expect(() => plan(migrations, rows)).toThrow(/does not have/);
  });

  it("keeps the two providers' migration histories in step", () => {
    const names = (p: "sqlite" | "postgresql") => readMigrations(p).map((m) => m.name);
    expect(names("postgresql")).toEqual(names("sqlite"));
  });
});

describe("readiness (dry run)", () => {
  it("lists pending migrations without applying anything, then none once migrated", async () => {
    const { config, drop } = await createTestDatabase();
    try {
      const before = await migrate(config, { dryRun: true });
      expect(before.applied.length).toBe(before.total);
      expect((await migrate(config, { dryRun: true })).applied.length).toBe(before.total); // still nothing applied
      await migrate(config);
      expect((await migrate(config, { dryRun: true })).applied).toEqual([]);
    } finally {
      await drop();
    }
  });
});
