/**
 * The chat-completions adapter against a local server speaking the OpenAI chat-completions
 * protocol (started here; no network): the prompt carries the project's schema, targets and
 * guidelines; a good answer becomes stance suggestions through the real job runner; every kind of
 * bad answer is rejected whole.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { checkReply } from "@/lib/suggest/protocol";
import { getDb } from "@/server/db/client";
import { createChatProvider } from "@/server/suggestions/chat-provider";
import { setProvidersForTests } from "@/server/suggestions/providers";
import { rulesProvider } from "@/server/suggestions/rules-provider";
import { documentSuggestions, suggestionRuns } from "@/server/suggestions/service";
import { useTestDatabase } from "../support/db";
import { closeFakeServers, fakeServer, readJsonBody } from "../support/fake-server";
import { PROVIDER_ARTICLE, providerRequest } from "../support/provider-request";
import { importForSuggestions } from "../support/suggestions";
import { loadSuggestions } from "@/server/suggestions/sets";

useTestDatabase();
afterEach(async () => {
  setProvidersForTests(undefined);
  await closeFakeServers();
});

type ChatBody = { model: string; messages: { role: string; content: string }[]; response_format?: unknown };

/** A chat-completions server whose model answers `answer(request)` as the message content. */
function chatServer(answer: (body: ChatBody) => string, seen: { path?: string; auth?: string; body?: ChatBody }[] = []) {
  return fakeServer(async (req: IncomingMessage, res: ServerResponse) => {
    const body = (await readJsonBody(req)) as ChatBody;
    seen.push({ path: req.url, auth: req.headers.authorization, body });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id: "chatcmpl-1",
        object: "chat.completion",
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content: answer(body) }, finish_reason: "stop" }],
      }),
    );
  });
}

/** The index the prompt gave the sentence containing `words`. */
function indexOf(body: ChatBody, words: string): number {
  const user = body.messages.find((m) => m.role === "user")!.content;
  const sentences = JSON.parse(user.slice(user.indexOf("["))) as { index: number; text: string }[];
  return sentences.find((s) => s.text.includes(words))!.index;
}

const chat = (url: string, over: { maxBytes?: number } = {}) =>
  createChatProvider({
    id: "chat",
    url: `${url}v1`,
    model: "test-model",
    apiKey: "sk-test",
    timeoutMs: 20_000,
    maxBytes: over.maxBytes ?? 1_000_000,
  });

describe("chat-completions adapter through the job runner", () => {
  it("asks with the schema, targets and guidelines and stores the model's stance per target as suggestions", async () => {
    const seen: { path?: string; auth?: string; body?: ChatBody }[] = [];
    const url = await chatServer(
      (body) =>
        JSON.stringify({
          labels: [
            { sentence: indexOf(body, "not there yet"), dimension: "stance", target: "turkey", value: "neutral", confidence: 0.7 },
            { sentence: indexOf(body, "not there yet"), dimension: "sourcing", target: null, value: "direct_quote", confidence: 0.9 },
          ],
        }),
      seen,
    );
    setProvidersForTests([rulesProvider, chat(url)]);
    const { manager, annotator, project, documentId, segments } = await importForSuggestions({
      guidelines: "Written for Slant's tests: judge stance by what the sentence says.",
    });

    expect(seen).toHaveLength(1);
    const { path, auth, body } = seen[0]!;
    expect(path).toBe("/v1/chat/completions");
    expect(auth).toBe("Bearer sk-test");
    expect(body!.model).toBe("test-model");
    expect(body!.response_format).toEqual({ type: "json_object" });
    const system = body!.messages[0]!.content;
    expect(system).toContain('"turkey": Turkey');
    expect(system).toContain('"azerbaijan": Azerbaijan');
    expect(system).toMatch(/"stance" \(Stance\)[\s\S]*"favorable"[\s\S]*"unfavorable"[\s\S]*"neutral"/);
    expect(system).toContain("judge stance by what the sentence says");

    const quote = segments.find((s) => PROVIDER_ARTICLE.slice(s.start, s.end).includes("not there yet"))!;
    const fromChat = (await documentSuggestions(annotator, project.id, documentId)).filter((s) => s.provider === "chat");
    expect(fromChat.map((s) => [s.segmentId, s.dimension, s.target, s.value, s.rule])).toEqual([
      [quote.id, "sourcing", null, "direct_quote", "chat:test-model"],
      [quote.id, "stance", "turkey", "neutral", "chat:test-model"],
    ]);
    const runs = await suggestionRuns(manager, project.id);
    expect(runs.find((r) => r.provider === "chat")).toMatchObject({ counts: { done: 1, failed: 0 }, errors: [] });
    expect(runs.find((r) => r.provider === "rules")).toMatchObject({ counts: { done: 1 } });
  });

  it("a bad answer fails the chat run only: nothing of it is stored, the rules' suggestions are", async () => {
    const url = await chatServer((body) =>
      JSON.stringify({
        labels: [{ sentence: indexOf(body, "not there yet"), dimension: "stance", target: "turkey", value: "hostile", confidence: 0.7 }],
      }),
    );
    setProvidersForTests([rulesProvider, chat(url)]);
    const { manager, project } = await importForSuggestions();
    const db = await getDb();
    expect((await loadSuggestions(db, { projectId: project.id, provider: "chat" })).length).toBe(0);
    expect((await loadSuggestions(db, { projectId: project.id, provider: "rules" })).length).toBeGreaterThan(0);
    const runs = await suggestionRuns(manager, project.id);
    expect(runs.find((r) => r.provider === "chat")!.errors[0]!.error).toMatch(
      /^reply rejected: suggestions\[0\]: stance: value "hostile" is not one of/,
    );
  });
});

const request = providerRequest;

/** What the job runner does: the adapter's reply, then the one check every reply goes through. */
const suggest = async (url: string, over?: { maxBytes?: number }) =>
  checkReply(request(), await chat(url, over).suggest(request(), new AbortController().signal));

const label = { sentence: 1, dimension: "stance", target: "turkey", value: "unfavorable", confidence: 0.6 };

describe("chat answers", () => {
  it("accepts a good answer, also wrapped in a Markdown fence", async () => {
    const plain = await suggest(await chatServer(() => JSON.stringify({ labels: [label] })));
    expect(plain).toEqual([
      { segmentId: "seg1", dimension: "stance", target: "turkey", value: "unfavorable", confidence: 0.6, rule: "chat:test-model" },
    ]);
    expect(await suggest(await chatServer(() => "```json\n" + JSON.stringify({ labels: [label] }) + "\n```"))).toEqual(plain);
  });

  it.each([
    ["content that is not JSON", "Sure! Here are the labels: stance unfavorable", /the model's answer is not JSON/],
    [
      "a field that was not asked for",
      JSON.stringify({ labels: [{ ...label, reason: "tone" }] }),
      /labels\[0\]: Unrecognized key: "reason"/,
    ],
    ["a missing confidence", JSON.stringify({ labels: [{ ...label, confidence: undefined }] }), /labels\[0\]\.confidence/],
    [
      "a sentence that was not sent",
      JSON.stringify({ labels: [{ ...label, sentence: 99 }] }),
      /labels\[0\]\.sentence: 99 is not one of the sentences sent/,
    ],
    [
      "a value not in the schema",
      JSON.stringify({ labels: [label, { ...label, value: "hostile" }] }),
      /suggestions\[1\]: stance: value "hostile"/,
    ],
    [
      "a target that is not the project's",
      JSON.stringify({ labels: [{ ...label, target: "atlantis" }] }),
      /target "atlantis" is not a target/,
    ],
    ["an unknown dimension", JSON.stringify({ labels: [{ ...label, dimension: "mood", target: null }] }), /unknown dimension "mood"/],
    ["a confidence above 1", JSON.stringify({ labels: [{ ...label, confidence: 7 }] }), /labels\[0\]\.confidence/],
  ])("rejects %s", async (_what, content, message) => {
    await expect(suggest(await chatServer(() => content))).rejects.toThrow(message);
  });

  it("rejects an answer cut off at the length limit, a reply that is not a chat completion, an oversized reply and a 500", async () => {
    const cut = await fakeServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ choices: [{ message: { content: '{"labels": [' }, finish_reason: "length" }] }));
    });
    await expect(suggest(cut)).rejects.toThrow(/cut off \(finish_reason: length\)/);
    const notChat = await fakeServer((req, res) => (req.resume(), res.writeHead(200), res.end(JSON.stringify({ labels: [label] }))));
    await expect(suggest(notChat)).rejects.toThrow(/not a chat completion: choices: /);
    const big = await chatServer(() => JSON.stringify({ labels: Array.from({ length: 200 }, () => label) }));
    await expect(suggest(big, { maxBytes: 5000 })).rejects.toThrow(/the limit is 5000/);
    const down = await fakeServer((req, res) => (req.resume(), res.writeHead(500), res.end("out of memory")));
    await expect(suggest(down)).rejects.toThrow(/answered 500 Internal Server Error: out of memory/);
  });
});
