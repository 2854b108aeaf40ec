import { describe, expect, it } from "vitest";
import { errorResponse, jsonResponse, readJson, MAX_JSON_BYTES } from "@/server/http";
import { InvalidError, PayloadTooLargeError } from "@/server/errors";

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/v1/annotations", { method: "POST", body, headers });

describe("request bodies", () => {
  it("reads JSON up to the limit", async () => {
    expect(await readJson(post(JSON.stringify({ a: 1 })))).toEqual({ a: 1 });
  });

  it("answers 413 with both sizes for a body over the limit, declared or not", async () => {
    const big = JSON.stringify({ note: "x".repeat(MAX_JSON_BYTES + 10) });
    await expect(readJson(post(big))).rejects.toThrow(PayloadTooLargeError);
    const e = await readJson(post(big)).catch((x: unknown) => x);
    const res = errorResponse(e);
    expect(res.status).toBe(413);
    // Sent without Content-Length (chunked): the message says how much was read, not a size it does not know.
    expect((await res.json()).error.message).toBe(
      `The request body is over the limit of 1.0 MB: reading stopped after ${Buffer.byteLength(big).toLocaleString("en")} bytes`,
    );
    await expect(readJson(post("{}", { "content-length": String(50 * MAX_JSON_BYTES) }))).rejects.toThrow(/50\.0 MB, over the limit/);
  });

  it("answers 422 for a body that is not JSON", async () => {
    await expect(readJson(post("{not json"))).rejects.toThrow(InvalidError);
  });
});

describe("JSON answers", () => {
  it("mark bodies under 1 KB no-transform, so Next's compression leaves them alone, and larger ones not", async () => {
    const small = jsonResponse({ annotation: { version: 1 } }, { status: 201 });
    expect(small.status).toBe(201);
    expect(small.headers.get("content-type")).toBe("application/json");
    expect(small.headers.get("cache-control")).toBe("no-transform");
    expect(await small.json()).toEqual({ annotation: { version: 1 } });
    expect(jsonResponse({ note: "x".repeat(2000) }).headers.get("cache-control")).toBeNull();
    expect(errorResponse(new InvalidError("nope")).headers.get("cache-control")).toBe("no-transform");
  });
});
