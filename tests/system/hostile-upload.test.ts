/**
 * A hostile upload does not stall the server. While a 5 MB HTML page is being parsed (text that
 * jsdom needs many seconds for, ending in an unclosed `<script` and `<!--` that run to the end of
 * the page), another user's label saves are answered and stored; the page's parse then ends (it is
 * stopped at IMPORT_PARSE_TIMEOUT_MS, or refused by a limit) with a reason in the job's report, and
 * the other file of the same upload is imported.
 *
 * The only ordering asserted: each save is acknowledged while the job still reads as parsing
 * (running, with no article count yet: the count is written once every file is parsed). If the
 * parse ran on the server's event loop, the saves would wait for it and be answered after.
 */
import { expect, it } from "vitest";
import { signInCookie, startServer, type BenchServer } from "../../bench/support/server";
import { seedTeam, useSystemDatabase } from "./support";

const PORT = Number(process.env.HOSTILE_UPLOAD_PORT ?? 3631);
/** Long enough for the saves to happen inside it on a busy machine; the parse would take longer. */
const PARSE_LIMIT_MS = 10_000;
let server: BenchServer | undefined;

const database = useSystemDatabase(() => server?.stop());

/**
 * Just under maxHtmlBytes (5 MB): 1.7 million short lines of text (jsdom takes ~17 s for them on
 * one core, whatever the markup scan does), then an unclosed `<script` and `<!--`.
 */
function hostilePage(): string {
  const tail = "<script>let a = 1; <!-- never closed";
  const head = "<html><body><p>";
  const lines = Math.floor((5 * 1024 * 1024 - 1024 - head.length - tail.length) / 3);
  return `${head}${"a\r\n".repeat(lines)}${tail}`;
}

interface JobView {
  status: string;
  total: number;
  report: { files: { name: string; imported: number; rejected: boolean; errors: { file: string; reason: string }[] }[] } | null;
}

it("answers and stores label saves while a 5 MB hostile page is parsed; the page's import ends with a reason", async () => {
  const team = await seedTeam(1, 1);
  const { SYSTEM_ACTOR } = await import("@/server/auth/actor");
  const { createUser } = await import("@/server/users");
  const { addMember } = await import("@/server/projects");
  const manager = { email: `hostile-manager-${Date.now()}@load.test`, password: "hostile-password-1" };
  await createUser(SYSTEM_ACTOR, { ...manager, name: "Manager" });
  await addMember(SYSTEM_ACTOR, team.projectSlug, { email: manager.email, role: "MANAGER" });

  server = await startServer(database.config!, PORT, { IMPORT_PARSE_TIMEOUT_MS: String(PARSE_LIMIT_MS) });
  const base = server.baseUrl;
  const managerCookie = await signInCookie(base, manager.email, manager.password);
  const annotator = team.users[0]!;
  const annotatorCookie = await signInCookie(base, annotator.email, annotator.password);

  const seg = team.segments[0]!;
  let baseVersion: number | null = null;
  const save = async (value: string) => {
    const res = await fetch(`${base}/api/v1/annotations`, {
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
    expect(res.status).toBe(200);
    const { annotation } = (await res.json()) as { annotation: { value: unknown; version: number } };
    expect(annotation.value).toBe(value);
    baseVersion = annotation.version;
  };
  // One save before the upload: the route is warm, so the saves below measure nothing but the parse.
  await save("no_claim");

  const form = new FormData();
  form.append("files", new Blob([hostilePage()], { type: "text/html" }), "hostile.html");
  form.append("files", new Blob(["A headline written for Slant\n\nOne sentence here. Another one."], { type: "text/plain" }), "fine.txt");
  const upload = await fetch(`${base}/api/v1/projects/${team.projectSlug}/imports`, {
    method: "POST",
    headers: { cookie: managerCookie },
    body: form,
  });
  expect(upload.status).toBe(202);
  const { job: queued } = (await upload.json()) as { job: { id: string } };
  const job = async () =>
    (
      (await (
        await fetch(`${base}/api/v1/projects/${team.projectSlug}/imports/${queued.id}`, { headers: { cookie: managerCookie } })
      ).json()) as { job: JobView }
    ).job;
  const parsing = (j: JobView) => j.status === "running" && j.total === 0;
  // The job has started: it is marked running just before the parse (and its total is written
  // just after it).
  await expect.poll(async () => (await job()).status, { timeout: 60_000, interval: 50 }).not.toBe("queued");

  const values = ["direct_quote", "unattributed_claim", "paraphrased_attribution"];
  for (const value of values) {
    await save(value);
    const now = await job();
    expect(
      parsing(now),
      `the save of ${value} was answered while the upload was being parsed (job now: ${now.status}, total ${now.total})`,
    ).toBe(true);
  }

  // The saves are stored: the last acknowledged value and version.
  const { getDb } = await import("@/server/db/client");
  const db = await getDb();
  const stored = await db.annotation.findMany({
    where: { segmentId: seg.segmentId, userId: annotator.id, dimension: "sourcing" },
    select: { value: true, version: true },
  });
  expect(stored).toEqual([{ value: values.at(-1), version: baseVersion }]);

  await expect.poll(async () => (await job()).status, { timeout: 300_000, interval: 500 }).toMatch(/^(done|failed)$/);
  const end = await job();
  expect(end.status).toBe("done");
  const files = end.report!.files;
  expect(files.find((f) => f.name === "fine.txt")).toMatchObject({ imported: 1, errors: [] });
  const hostile = files.find((f) => f.name === "hostile.html")!;
  expect(hostile).toMatchObject({ imported: 0, rejected: true });
  // Stopped at the time limit, or (on a machine fast enough to finish it) refused for its size.
  expect(hostile.errors).toHaveLength(1);
  expect(hostile.errors[0]!.reason).toMatch(
    /^parsing took longer than 10 s \(IMPORT_PARSE_TIMEOUT_MS\) and was stopped; nothing from this file was imported$|over the limit maxArticleChars/,
  );
}, 600_000);
