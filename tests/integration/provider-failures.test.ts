/**
 * A suggestion provider that times out, answers 500 or answers malformed JSON, behind the real
 * import and the real job runner: the import completes, the documents open and take labels, none
 * of the bad output is stored, and the failure is shown to the project's managers (the runs'
 * status, as GET /api/v1/projects/{id}/suggestions and the project's Suggestions page show it).
 */
import { afterEach, describe, expect, it } from "vitest";
import { saveAnnotation } from "@/server/annotations";
import { getDb } from "@/server/db/client";
import { createHttpProvider } from "@/server/suggestions/http-provider";
import { kickSuggestions, queueSuggestionRuns, suggestionsIdle } from "@/server/suggestions/jobs";
import { setProvidersForTests } from "@/server/suggestions/providers";
import { rulesProvider } from "@/server/suggestions/rules-provider";
import { suggestionRuns } from "@/server/suggestions/service";
import { getWorkspace } from "@/server/workspace";
import { useTestDatabase } from "../support/db";
import { closeFakeServers, fakeServer, replyingServer } from "../support/fake-server";
import { importForSuggestions } from "../support/suggestions";
import { loadSuggestions } from "@/server/suggestions/sets";

useTestDatabase();
afterEach(async () => {
  setProvidersForTests(undefined);
  await closeFakeServers();
});

const failures: [string, () => Promise<string>, RegExp][] = [
  ["times out", () => fakeServer(() => {}), /^provider "http" did not answer within 0\.5 s$/],
  [
    "answers 500",
    () => fakeServer((req, res) => (req.resume(), res.writeHead(500, { "content-type": "text/plain" }), res.end("CUDA out of memory"))),
    /^provider "http" \(http:\/\/127\.0\.0\.1:\d+\/\) answered 500 Internal Server Error: CUDA out of memory$/,
  ],
  ["answers malformed JSON", () => replyingServer('{"suggestions": [{"segmentId": '), /sent a reply that is not JSON: /],
];

describe.each(failures)("a provider that %s", (_what, start, message) => {
  it("leaves import and annotation unaffected, stores nothing of it and shows the error to managers", async () => {
    const url = await start();
    setProvidersForTests([rulesProvider, createHttpProvider({ id: "http", url, timeoutMs: 500, maxBytes: 100_000 })]);
    const { manager, annotator, project, report, documentId, documentIds, segments } = await importForSuggestions({
      articles: [
        '"We are not there yet," Turkish Foreign Minister Mevlut Cavusoglu said on Monday. The talks resumed.',
        "A second article.",
      ],
    });

    expect(report.imported).toBe(2);
    expect(documentIds).toHaveLength(2);
    const workspace = await getWorkspace(annotator, project.id, documentId);
    expect(workspace.segments.length).toBe(segments.length);
    const saved = await saveAnnotation(annotator, {
      documentId,
      segmentId: segments[0]!.id,
      dimension: "sourcing",
      value: "direct_quote",
      baseVersion: null,
    });
    expect(saved.version).toBe(1);

    const db = await getDb();
    expect((await loadSuggestions(db, { projectId: project.id, provider: "http" })).length).toBe(0);
    expect((await loadSuggestions(db, { projectId: project.id, provider: "rules" })).length).toBeGreaterThan(0);

    const runs = await suggestionRuns(manager, project.id);
    const http = runs.find((r) => r.provider === "http")!;
    expect(http.counts).toEqual({ queued: 0, running: 0, done: 0, failed: 2 });
    expect(http.errors).toHaveLength(2);
    for (const e of http.errors) expect(e).toMatchObject({ status: "failed", error: expect.stringMatching(message) });
    expect(runs.find((r) => r.provider === "rules")!.counts.done).toBe(2);
  }, 60_000);
});

describe("a slow provider", () => {
  it("does not hold up the other providers' runs: each provider has its own worker", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let called = 0;
    const slow = { id: "chat", suggest: async () => (called++, await gate, { suggestions: [] }) };
    // The slow provider's runs are queued first: one worker for all would be stuck behind them.
    setProvidersForTests([slow, rulesProvider]);
    const { project, documentIds } = await importForSuggestions({
      articles: ["One article.", "Two articles.", "Three articles."],
      idle: false,
    });
    const db = await getDb();
    const runs = (provider: string, status: string) => db.suggestionRun.count({ where: { projectId: project.id, provider, status } });
    // The rules finish every document while the slow provider is still on its first.
    await expect.poll(() => runs("rules", "done"), { timeout: 30_000, interval: 20 }).toBe(documentIds.length);
    expect(called).toBe(1);
    expect(await runs("chat", "done")).toBe(0);
    release();
    await suggestionsIdle();
    expect(await runs("chat", "done")).toBe(documentIds.length);
  });

  it("runs of a provider the server no longer has fail with the reason instead of waiting forever", async () => {
    setProvidersForTests([rulesProvider]);
    const { manager, project, documentIds } = await importForSuggestions();
    // Runs queued for a chat model the site has since taken away.
    await (await getDb()).$transaction((tx) => queueSuggestionRuns(tx, project.id, documentIds, { providers: ["chat"] }));
    kickSuggestions();
    await suggestionsIdle();
    const chat = (await suggestionRuns(manager, project.id)).find((r) => r.provider === "chat")!;
    expect(chat.counts.queued + chat.counts.running).toBe(0);
    expect(chat.errors.map((e) => e.error)).toContain('provider "chat" is not configured on this server');
  });
});
