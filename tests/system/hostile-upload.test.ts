/**
 * A hostile upload does not stall the server: while a 5 MB HTML page that jsdom needs tens of
 * seconds for is being parsed (in the parse worker), label saves of another user are answered;
 * the parse is then stopped by IMPORT_PARSE_TIMEOUT_MS with a message naming the limit, and the
 * other file of the same upload is imported.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase } from "../support/db";
import { signInCookie, startServer, type BenchServer } from "../../bench/support/server";
import { migrate } from "@/server/db/migrate";
import type { DatabaseConfig } from "@/lib/env";
import { seedTeam } from "./support";

const PORT = 3631;
let config: DatabaseConfig;
let drop: () => Promise<void>;
let server: BenchServer | undefined;

beforeAll(async () => {
  const db = await createTestDatabase();
  config = db.config;
  drop = db.drop;
  process.env.DATABASE_URL = config.url;
  process.env.PASSWORD_HASH_MEMORY_KIB = "4096";
  await migrate(config);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  const { disconnectDb } = await import("@/server/db/client");
  await disconnectDb();
  await drop();
});

/** 5 MB of text and line breaks: jsdom copies the growing text node at each of 1.7 million appends. */
const hostilePage = () => `<p>${"a\r\n".repeat(1_747_000)}</p>`;

it("answers label saves while a 5 MB hostile page is parsed, then stops that parse at the time limit", async () => {
  const team = await seedTeam(1, 1);
  const { SYSTEM_ACTOR } = await import("@/server/auth/actor");
  const { createUser } = await import("@/server/users");
  const { addMember } = await import("@/server/projects");
  const manager = { email: `hostile-manager-${Date.now()}@example.org`, password: "a long password" };
  await createUser(SYSTEM_ACTOR, { ...manager, name: "Manager" });
  await addMember(SYSTEM_ACTOR, team.projectSlug, { email: manager.email, role: "MANAGER" });

  server = await startServer(config, PORT, { IMPORT_PARSE_TIMEOUT_MS: "5000" });
  const base = server.baseUrl;
  const managerCookie = await signInCookie(base, manager.email, manager.password);
  const annotatorCookie = await signInCookie(base, team.users[0]!.email, team.users[0]!.password);

  const form = new FormData();
  form.append("files", new Blob([hostilePage()], { type: "text/html" }), "hostile.html");
  form.append("files", new Blob(["A headline\n\nOne sentence here. Another one."], { type: "text/plain" }), "fine.txt");
  const upload = await fetch(`${base}/api/v1/projects/${team.projectSlug}/imports`, {
    method: "POST",
    headers: { cookie: managerCookie },
    body: form,
  });
  expect(upload.status).toBe(202);
  const { id: jobId } = (await upload.json()) as { id: string };
  const job = async () =>
    (await (
      await fetch(`${base}/api/v1/projects/${team.projectSlug}/imports/${jobId}`, { headers: { cookie: managerCookie } })
    ).json()) as {
      status: string;
      total: number;
      report: { files: { name: string; imported: number; errors: { reason: string }[] }[] } | null;
    };
  // The job is running: the parse of the upload has begun (its total is known only after it).
  await expect.poll(async () => (await job()).status, { timeout: 60_000 }).toBe("running");

  const seg = team.segments[0]!;
  let baseVersion: number | null = null;
  for (const value of ["direct_quote", "no_claim", "unattributed_claim"]) {
    const save: Response = await fetch(`${base}/api/v1/annotations`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: annotatorCookie },
      body: JSON.stringify({
        documentId: seg.documentId,
        segmentId: seg.segmentId,
        dimension: "sourcing",
        target: null,
        value,
        baseVersion,
      }),
    });
    expect(save.status).toBe(200);
    baseVersion = ((await save.json()) as { annotation: { version: number } }).annotation.version;
    // Answered while the upload is still being parsed.
    expect(await job()).toMatchObject({ status: "running", total: 0 });
  }

  await expect.poll(async () => (await job()).status, { timeout: 120_000 }).toBe("done");
  const files = (await job()).report!.files;
  expect(files.find((f) => f.name === "fine.txt")).toMatchObject({ imported: 1, errors: [] });
  expect(files.find((f) => f.name === "hostile.html")!.errors).toEqual([
    {
      file: "hostile.html",
      reason: "parsing took longer than 5 s (IMPORT_PARSE_TIMEOUT_MS) and was stopped; nothing from this file was imported",
    },
  ]);
}, 600_000);
