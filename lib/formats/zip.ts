/**
 * .zip: each entry is parsed by its extension (all-or-nothing per entry); directories,
 * __MACOSX/ and dotfiles are skipped; nested archives are refused.
 *
 * Zip-bomb guard: entries are listed from the central directory first (maxZipEntries), an entry
 * is unpacked only while the declared unpacked sizes fit maxUnzippedBytes (and maxFileBytes each),
 * and inflating (fflate's streaming Inflate, fed in small chunks) stops as soon as an entry
 * produces more than it declared. So memory and time stay bounded whatever the headers claim.
 */
import { Inflate } from "fflate";
import { extensionOf } from "./text";
import { type ImportError, type ImportLimits, limitReason, type ParseResult } from "./types";

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

class ZipFormatError extends Error {}

const u16 = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, o: number) => (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 2 ** 32;

function decodeName(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("latin1").decode(bytes);
  }
}

/** The entries of an archive, from its central directory (ZIP64 included). Throws ZipFormatError. */
export function listZipEntries(b: Uint8Array): { count: number; read: () => ZipEntry[] } {
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (u32(b, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError("not a zip archive (no end of central directory)");
  let count = u16(b, eocd + 10);
  let offset = u32(b, eocd + 16);
  if (eocd >= 20 && u32(b, eocd - 20) === 0x07064b50) {
    const z64 = u64(b, eocd - 12);
    if (u32(b, z64) !== 0x06064b50) throw new ZipFormatError("corrupt ZIP64 end of central directory");
    count = u64(b, z64 + 32);
    offset = u64(b, z64 + 48);
  }
  const read = () => {
    const entries: ZipEntry[] = [];
    let p = offset;
    for (let i = 0; i < count; i++) {
      if (u32(b, p) !== 0x02014b50) throw new ZipFormatError("corrupt central directory");
      const nameLen = u16(b, p + 28);
      const extraLen = u16(b, p + 30);
      const e: ZipEntry = {
        name: decodeName(b.subarray(p + 46, p + 46 + nameLen)),
        flags: u16(b, p + 8),
        method: u16(b, p + 10),
        crc: u32(b, p + 16),
        compressedSize: u32(b, p + 20),
        size: u32(b, p + 24),
        localOffset: u32(b, p + 42),
      };
      // ZIP64 extra field: the 0xFFFFFFFF fields follow, in this order, as 8-byte values.
      for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen; x += 4 + u16(b, x + 2)) {
        if (u16(b, x) !== 0x0001) continue;
        let y = x + 4;
        if (e.size === 0xffffffff) {
          e.size = u64(b, y);
          y += 8;
        }
        if (e.compressedSize === 0xffffffff) {
          e.compressedSize = u64(b, y);
          y += 8;
        }
        if (e.localOffset === 0xffffffff) e.localOffset = u64(b, y);
      }
      entries.push(e);
      p += 46 + nameLen + extraLen + u16(b, p + 32);
    }
    return entries;
  };
  return { count, read };
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = (CRC_TABLE[(c ^ (data[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const CHUNK = 16 * 1024;

/** Unpacks one entry, never producing more than its declared size. Returns the data or a reason. */
export function readZipEntry(b: Uint8Array, e: ZipEntry): Uint8Array | string {
  if (e.flags & 1) return "entry is encrypted";
  if (u32(b, e.localOffset) !== 0x04034b50) return "corrupt local file header";
  const start = e.localOffset + 30 + u16(b, e.localOffset + 26) + u16(b, e.localOffset + 28);
  if (start + e.compressedSize > b.length) return "entry data is truncated";
  const packed = b.subarray(start, start + e.compressedSize);
  let out: Uint8Array;
  if (e.method === 0) {
    out = packed;
  } else if (e.method === 8) {
    out = new Uint8Array(e.size);
    let produced = 0;
    let tooBig = false;
    const inflate = new Inflate((chunk) => {
      if (produced + chunk.length > e.size) tooBig = true;
      else out.set(chunk, produced);
      produced += chunk.length;
    });
    try {
      for (let i = 0; i < packed.length && !tooBig; i += CHUNK) {
        inflate.push(packed.subarray(i, i + CHUNK), i + CHUNK >= packed.length);
      }
    } catch (err) {
      return `entry data is corrupt (${(err as Error).message})`;
    }
    if (tooBig) return `entry unpacks to more than its declared size (${e.size} bytes)`;
    if (produced !== e.size) return `entry unpacks to ${produced} bytes, not its declared ${e.size}`;
  } else {
    return `entry uses unsupported compression method ${e.method}`;
  }
  if (out.length !== e.size) return `entry unpacks to ${out.length} bytes, not its declared ${e.size}`;
  if (crc32(out) !== e.crc) return "entry data is corrupt (CRC mismatch)";
  return out;
}

function skipped(name: string): boolean {
  return name.endsWith("/") || name.split("/").some((part) => part === "__MACOSX" || part.startsWith("."));
}

export function parseZipFile(
  name: string,
  bytes: Uint8Array,
  limits: ImportLimits,
  parseEntry: (name: string, bytes: Uint8Array) => ParseResult,
): ParseResult {
  const fail = (reason: string): ParseResult => ({ articles: [], errors: [{ file: name, reason }] });
  let entries: ZipEntry[];
  try {
    const listing = listZipEntries(bytes);
    if (listing.count > limits.maxZipEntries) {
      return fail(limitReason("archive has", `${listing.count} entries`, "maxZipEntries", limits.maxZipEntries));
    }
    entries = listing.read();
  } catch (e) {
    if (e instanceof ZipFormatError) return fail(`invalid zip: ${e.message}`);
    throw e;
  }

  const result: ParseResult = { articles: [], errors: [] };
  const entryError = (entry: string, reason: string): ImportError => ({ file: `${name}/${entry}`, reason });
  let unpacked = 0;
  let files = 0;
  for (const entry of entries) {
    if (skipped(entry.name.replace(/\\/g, "/"))) continue;
    files++;
    if ([".zip", ".jar", ".gz", ".tgz", ".7z", ".rar"].includes(extensionOf(entry.name))) {
      result.errors.push(entryError(entry.name, "nested archives are not supported"));
      continue;
    }
    if (entry.size > limits.maxFileBytes) {
      const reason = limitReason("entry unpacks to", `${entry.size} bytes`, "maxFileBytes", limits.maxFileBytes);
      result.errors.push(entryError(entry.name, reason));
      continue;
    }
    if (unpacked + entry.size > limits.maxUnzippedBytes) {
      const total = `${unpacked + entry.size} bytes with this entry`;
      result.errors.push(entryError(entry.name, limitReason("archive unpacks to", total, "maxUnzippedBytes", limits.maxUnzippedBytes)));
      continue;
    }
    unpacked += entry.size;
    const data = readZipEntry(bytes, entry);
    if (typeof data === "string") {
      result.errors.push(entryError(entry.name, data));
      continue;
    }
    const inner = parseEntry(`${name}/${entry.name}`, data);
    result.articles.push(...inner.articles);
    result.errors.push(...inner.errors);
  }
  if (!files) return fail("archive has no files");
  return result;
}
