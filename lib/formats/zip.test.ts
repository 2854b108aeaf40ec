import { strToU8, zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { parseImportFile } from "./index";
import { fixture, utf8 } from "./test-fixtures";
import { crc32 } from "./zip";

const zip = (files: Zippable, level: 0 | 9 = 9) => zipSync(files, { level });

/** Rewrites an entry's declared unpacked size in both its local and central headers (a lying archive). */
function declareSize(archive: Uint8Array, name: string, size: number): Uint8Array {
  const out = archive.slice();
  const view = new DataView(out.buffer);
  const n = strToU8(name);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    const [nameAt, sizeAt] = sig === 0x04034b50 ? [30, 22] : sig === 0x02014b50 ? [46, 24] : [-1, -1];
    if (nameAt < 0 || view.getUint16(i + nameAt - (sig === 0x04034b50 ? 4 : 18), true) !== n.length) continue;
    if (out.subarray(i + nameAt, i + nameAt + n.length).every((b, k) => b === n[k])) view.setUint32(i + sizeAt, size, true);
  }
  return out;
}

describe(".zip", () => {
  it("imports the good entries and reports the bad ones with their inner path", () => {
    const archive = zip({
      "inner/good.csv": fixture("articles.csv"),
      "notes/story.txt": fixture("article.txt"),
      "inner/bad.jsonl": fixture("bad.jsonl"),
      "inner/empty.txt": new Uint8Array(),
      "nested.zip": zip({ "a.txt": utf8("x") }),
      "photo.png": fixture("binary.txt"),
      "__MACOSX/inner/._good.csv": utf8("junk"),
      ".DS_Store": utf8("junk"),
      "inner/.hidden.txt": utf8("junk"),
      "emptydir/": new Uint8Array(),
    });
    const result = parseImportFile("archive.ZIP", archive);
    expect(result.articles.map((a) => [a.source.file, a.source.line, a.title])).toEqual([
      ["archive.ZIP/inner/good.csv", 2, "First"],
      ["archive.ZIP/inner/good.csv", 4, "Second"],
      ["archive.ZIP/inner/good.csv", 9, "Plain body"],
      ["archive.ZIP/notes/story.txt", undefined, "Senate passes budget after all-night session"],
    ]);
    expect(result.articles[3]?.text).toBe(
      'The Senate passed the budget on Tuesday.\nThe vote was 51 to 49.\n\nCritics called it "reckless".',
    );
    const bad = "archive.ZIP/inner/bad.jsonl";
    expect(result.errors).toEqual([
      { file: bad, line: 2, reason: "invalid JSON (Unterminated string in JSON at position 19)" },
      { file: bad, line: 3, field: "text", reason: "missing field text" },
      { file: bad, line: 4, field: "published_at", reason: "field published_at: not a valid date" },
      { file: bad, line: 5, field: "title", reason: "field title: expected string, got number" },
      { file: bad, line: 5, field: "url", reason: "field url: not a valid http(s) URL" },
      { file: bad, line: 6, reason: "record is not a JSON object" },
      { file: bad, line: 8, field: "text", reason: "missing field text" },
      { file: "archive.ZIP/inner/empty.txt", reason: "file is empty" },
      { file: "archive.ZIP/nested.zip", reason: "nested archives are not supported" },
      {
        file: "archive.ZIP/photo.png",
        reason: "unsupported file type .png (supported: .txt, .md, .html, .json, .jsonl, .csv, .zip)",
      },
    ]);
  });

  it("refuses an entry that would unpack over maxUnzippedBytes, still importing the others", () => {
    const archive = zip({ "a.txt": utf8("Small story"), "bomb.txt": new Uint8Array(2_000_000).fill(65) });
    expect(archive.length).toBeLessThan(10_000);
    expect(parseImportFile("b.zip", archive, { maxUnzippedBytes: 1_000_000 })).toEqual({
      articles: [{ title: "Small story", text: "Small story", source: { file: "b.zip/a.txt" } }],
      errors: [
        {
          file: "b.zip/bomb.txt",
          reason: "archive unpacks to 2000011 bytes with this entry, over the limit maxUnzippedBytes (1000000)",
        },
      ],
    });
  });

  it("refuses by declared size before unpacking anything (default limits)", () => {
    const archive = declareSize(zip({ "huge.txt": utf8("tiny") }), "huge.txt", 300 * 1024 * 1024);
    expect(parseImportFile("h.zip", archive).errors).toEqual([
      { file: "h.zip/huge.txt", reason: "entry unpacks to 314572800 bytes, over the limit maxFileBytes (52428800)" },
    ]);
  });

  it("stops inflating an entry that produces more than its header declares", () => {
    const archive = declareSize(zip({ "liar.txt": new Uint8Array(5_000_000).fill(66) }), "liar.txt", 1000);
    expect(parseImportFile("l.zip", archive).errors).toEqual([
      { file: "l.zip/liar.txt", reason: "entry unpacks to more than its declared size (1000 bytes)" },
    ]);
  });

  it("detects corrupt entry data by CRC", () => {
    const archive = zip({ "c.txt": utf8("Hello there") }, 0);
    const at = archive.indexOf(72); // the "H" of the stored data
    archive[at] = 74;
    expect(parseImportFile("c.zip", archive).errors).toEqual([{ file: "c.zip/c.txt", reason: "entry data is corrupt (CRC mismatch)" }]);
    expect(crc32(utf8("123456789"))).toBe(0xcbf43926);
  });

  it("refuses an archive with more entries than maxZipEntries", () => {
    const archive = zip({ "a.txt": utf8("a"), "b.txt": utf8("b"), "c.txt": utf8("c") });
    expect(parseImportFile("many.zip", archive, { maxZipEntries: 2 })).toEqual({
      articles: [],
      errors: [{ file: "many.zip", reason: "archive has 3 entries, over the limit maxZipEntries (2)" }],
    });
  });

  it("rejects something that is not a zip, and an archive with no files", () => {
    expect(parseImportFile("x.zip", fixture("article.txt")).errors).toEqual([
      { file: "x.zip", reason: "invalid zip: not a zip archive (no end of central directory)" },
    ]);
    expect(parseImportFile("e.zip", zip({ "__MACOSX/x": utf8("x") })).errors).toEqual([{ file: "e.zip", reason: "archive has no files" }]);
  });
});
