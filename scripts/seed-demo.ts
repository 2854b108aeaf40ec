// npm run db:seed-demo: load the demo workspace (idempotent) and print the demo logins.
import { loadEnv } from "@/lib/env";
import { seedDemo, DEMO_USERS } from "@/server/demo/seed";

async function main() {
  loadEnv();
  const { project, createdDocuments } = await seedDemo();
  console.log(`Demo workspace: "${project.name}"${createdDocuments ? "" : " (already loaded)"}`);
  console.log("Demo logins (email / password):");
  for (const u of DEMO_USERS) console.log(`  ${(u.role ?? "ADMIN").padEnd(10)} ${u.email.padEnd(24)} ${u.password}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`Error: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  },
);
