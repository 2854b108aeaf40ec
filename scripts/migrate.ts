// npm run db:migrate: apply the committed migrations to DATABASE_URL (idempotent).
import { ConfigError, loadEnv } from "@/lib/env";
import { migrate, MigrationError } from "@/server/db/migrate";

async function main() {
  const { database } = loadEnv();
  const where = database.provider === "sqlite" ? database.file : "PostgreSQL";
  const r = await migrate(database);
  console.error(
    r.applied.length
      ? `Applied ${r.applied.length} migration(s) to ${where}: ${r.applied.join(", ")}`
      : `Database ${where} is up to date (${r.total} migrations).`,
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    if (e instanceof ConfigError || e instanceof MigrationError) console.error(`Error: ${e.message}`);
    else console.error(e);
    process.exit(1);
  },
);
