import { describe, expect, it } from "vitest";
import { zipSync } from "fflate";
import { parseImportFile } from "@/lib/formats";
import { UploadParser, type ParseLimits } from "@/server/parse-upload";

async function parseUploadInWorker(upload: { name: string; bytes: Uint8Array }, limits?: Partial<ParseLimits>) {
  const parser = new UploadParser(limits);
  try {
    return await parser.parse(upload);
  } finally {
    parser.close();
  }
}

const enc = (s: string) => new TextEncoder().encode(s);

describe("UploadParser", () => {
  it("gives the same result as parsing in this thread", async () => {
    const upload = { name: "a.jsonl", bytes: enc('{"title":"T","text":"One sentence. Two."}\n{"text":') };
    expect(await parseUploadInWorker(upload)).toEqual(parseImportFile(upload.name, upload.bytes));
  });

  // jsdom parses 5 MB of alternating text and line breaks slowly whatever we do (it copies the growing
  // text node at each append): the limit is what bounds such a file. A 3 s limit stops it.
  it("stops a parse that outlasts the time limit and fails that file with the reason", async () => {
    const slow = enc(`<p>${"a\r\n".repeat(1_500_000)}</p>`);
    const result = await parseUploadInWorker({ name: "slow.html", bytes: slow }, { timeoutMs: 3_000 });
    expect(result).toEqual({
      articles: [],
      errors: [
        {
          file: "slow.html",
          reason: "parsing took longer than 3 s (IMPORT_PARSE_TIMEOUT_MS) and was stopped; nothing from this file was imported",
        },
      ],
    });
  });

  it("names the zip entry it was reading when the limit ran out", async () => {
    const archive = zipSync({ "ok.txt": enc("Fine\n\nA sentence."), "slow.html": enc(`<p>${"a\r\n".repeat(1_500_000)}</p>`) });
    const result = await parseUploadInWorker({ name: "b.zip", bytes: archive }, { timeoutMs: 3_000 });
    expect(result.articles).toEqual([]);
    expect(result.errors).toEqual([
      {
        file: "b.zip",
        reason:
          "parsing took longer than 3 s (IMPORT_PARSE_TIMEOUT_MS) and was stopped (while reading b.zip/slow.html); nothing from this file was imported",
      },
    ]);
  });

  it("parses the next file in a new worker after one was stopped", async () => {
    const parser = new UploadParser({ timeoutMs: 3_000 });
    try {
      const slow = await parser.parse({ name: "slow.html", bytes: enc(`<p>${"a\r\n".repeat(1_500_000)}</p>`) });
      expect(slow.errors[0]?.reason).toMatch(/^parsing took longer than 3 s/);
      const next = await parser.parse({ name: "ok.txt", bytes: enc("Title\n\nA sentence.") });
      expect(next).toEqual(parseImportFile("ok.txt", enc("Title\n\nA sentence.")));
    } finally {
      parser.close();
    }
  });

  it("stops a parse that needs more memory than its limit", async () => {
    const records = Array.from({ length: 2_000 }, (_, i) => ({ text: `${"word ".repeat(2_000)}${i}` }));
    const big = enc(JSON.stringify(records));
    const result = await parseUploadInWorker({ name: "big.json", bytes: big }, { memoryMb: 64 });
    expect(result.errors[0]?.reason).toBe(
      "parsing needed more than 64 MB of memory (IMPORT_PARSE_MEMORY_MB) and was stopped; nothing from this file was imported",
    );
  });
});
