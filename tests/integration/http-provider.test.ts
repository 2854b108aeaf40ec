/**
 * The slant-suggest/1 protocol end to end: the built-in rules served by a real provider process
 * (`npm run slant -- serve-provider`), and local servers that misbehave in each way a lab's
 * service can (slow, 500, not JSON, oversized, unknown sentences or values, spans out of range).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { checkReply, providerProtocolDocument, providerRequestSchema, PROTOCOL_VERSION } from "@/lib/suggest/protocol";
import { createHttpProvider, toProtocolRequest } from "@/server/suggestions/http-provider";
import { providerRequest } from "../support/provider-request";
import { closeFakeServers, fakeServer, replyingServer } from "../support/fake-server";

const request = providerRequest;

afterEach(closeFakeServers);

const provider = (url: string, over: { timeoutMs?: number; maxBytes?: number } = {}) =>
  createHttpProvider({ id: "http", url, timeoutMs: over.timeoutMs ?? 20_000, maxBytes: over.maxBytes ?? 1_000_000 });

/** What the job runner does with a reply: the provider fetches it, checkReply accepts or rejects it whole. */
const suggest = async (url: string, over?: { timeoutMs?: number; maxBytes?: number }) =>
  checkReply(request(), await provider(url, over).suggest(request(), new AbortController().signal));

const good = { segmentId: "seg1", dimension: "sourcing", target: null, value: "direct_quote", confidence: 0.9, rule: "lab" };

describe("the built-in rules served as a provider process", () => {
  let child: ChildProcess | undefined;
  // scripts/run.mjs runs the command in a process of its own: stop the whole group, or that one outlives the test.
  afterAll(() => {
    if (child?.pid) process.kill(-child.pid, "SIGTERM");
  });

  it("answers a slant-suggest/1 request with suggestions the HTTP provider accepts", async () => {
    child = spawn(process.execPath, ["scripts/run.mjs", "slant", "serve-provider", "--port", "0"], {
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child!.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /listening on (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child!.once("exit", (code) => reject(new Error(`serve-provider exited with ${code}: ${out}`)));
    });
    const got = await suggest(url);
    const quote = request().segments.find((s) => s.text.startsWith('"We are'))!;
    expect(got).toContainEqual(
      expect.objectContaining({ segmentId: quote.id, dimension: "sourcing", target: null, value: "direct_quote" }),
    );
    expect(got.find((s) => s.segmentId === quote.id && s.dimension === "sourcing")?.evidence?.quotes).toEqual([[1, 21]]);

    const bad = await fetch(url, { method: "POST", body: JSON.stringify({ protocol: PROTOCOL_VERSION, segments: 3 }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^project: /);
  }, 120_000);
});

describe("HTTP provider replies", () => {
  it("accepts a valid reply and sends the protocol request with the key as a bearer token", async () => {
    let seen: { auth?: string; body?: unknown } = {};
    const url = await fakeServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        seen = { auth: req.headers.authorization, body: JSON.parse(body) };
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ suggestions: [good] }));
      });
    });
    const p = createHttpProvider({ id: "http", url, apiKey: "sk-lab-123", timeoutMs: 20_000, maxBytes: 100_000 });
    expect(checkReply(request(), await p.suggest(request(), new AbortController().signal))).toEqual([good]);
    expect(seen.auth).toBe("Bearer sk-lab-123");
    expect(providerRequestSchema.safeParse(seen.body).success).toBe(true);
    expect(seen.body).toEqual(toProtocolRequest(request()));
  });

  it("stops when the job runner's signal fires", async () => {
    const url = await fakeServer(() => {});
    const controller = new AbortController();
    const pending = provider(url).suggest(request(), controller.signal);
    controller.abort();
    await expect(pending).rejects.toThrow(/request cancelled/);
  });

  it("rejects a 500 with its status and the start of its body", async () => {
    const url = await fakeServer((req, res) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end("model crashed");
    });
    await expect(suggest(url)).rejects.toThrow(/answered 500 Internal Server Error: model crashed/);
  });

  it("rejects a reply that is not JSON", async () => {
    await expect(suggest(await replyingServer('{"suggestions": ['))).rejects.toThrow(/not JSON/);
  });

  it("rejects an oversized reply while reading it, declared or streamed", async () => {
    const body = JSON.stringify({ suggestions: [good, good, good] });
    const declared = await fakeServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
    await expect(suggest(declared, { maxBytes: 200 })).rejects.toThrow(/reply of \d+ bytes; the limit is 200/);
    const endless = await fakeServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json" }); // chunked: no length declared
      const more = () => {
        if (res.destroyed) return;
        if (res.write(" ".repeat(64 * 1024))) setImmediate(more);
        else res.once("drain", more);
      };
      more();
    });
    await expect(suggest(endless, { maxBytes: 1_000_000 })).rejects.toThrow(/sent more than 1000000 bytes/);
  });

  it.each([
    ["an unknown sentence", { ...good, segmentId: "elsewhere" }, /suggestions\[1\]\.segmentId: "elsewhere" is not a sentence/],
    ["an unknown dimension", { ...good, dimension: "mood" }, /suggestions\[1\]: unknown dimension "mood"/],
    ["a value not in the schema", { ...good, value: "gossip" }, /suggestions\[1\]: .*gossip/],
    ["a target that is not the project's", { ...good, dimension: "stance", target: "atlantis", value: "negative" }, /atlantis/],
    ["a confidence above 1", { ...good, confidence: 1.5 }, /suggestions\[1\]\.confidence: /],
    ["a span past its sentence", { ...good, evidence: { quotes: [[1, 500]] } }, /evidence\.quotes\[0\]: \[1, 500\] runs past the end/],
    ["a reversed span", { ...good, evidence: { cue: [5, 2] } }, /evidence\.cue: a span is \[start, end\)/],
  ])("rejects the whole reply for %s", async (_what, bad, message) => {
    await expect(suggest(await replyingServer({ suggestions: [good, bad] }))).rejects.toThrow(message);
  });

  it("rejects a reply without a suggestions list", async () => {
    await expect(suggest(await replyingServer([good]))).rejects.toThrow(/does not follow slant-suggest\/1/);
  });
});

describe("the protocol's OpenAPI description", () => {
  it("describes the request and the reply from the same schemas", () => {
    const doc = providerProtocolDocument();
    const op = doc.paths["/"].post;
    const req = op.requestBody.content["application/json"].schema as { properties: Record<string, unknown> };
    const reply = op.responses["200"].content["application/json"].schema as { properties: Record<string, unknown> };
    expect(Object.keys(req.properties)).toEqual(["protocol", "project", "document", "segments"]);
    expect(Object.keys(reply.properties)).toEqual(["suggestions"]);
  });
});
