/**
 * A streaming .zip writer over fflate's Zip: entries are written one after another, each from
 * its own (async) chunk source, and compressed bytes are yielded as soon as fflate emits them, so
 * memory stays bounded by one chunk and the compressor's window. No ZIP64: an entry or archive
 * over 4 GiB is not supported by fflate.
 */
import { Zip, ZipDeflate } from "fflate";

export interface ZipEntrySource {
  /** Path inside the archive, "/" separated. */
  name: string;
  /** Called when the entry's turn comes; text is written as UTF-8. */
  content: () => AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;
}

export async function* zipStream(
  entries: AsyncIterable<ZipEntrySource> | Iterable<ZipEntrySource>,
  opts: { mtime?: Date } = {},
): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else if (chunk.length) ready.push(chunk);
  });
  const encoder = new TextEncoder();
  function* drain() {
    if (failure) throw failure;
    while (ready.length) yield ready.shift()!;
  }
  for await (const entry of entries) {
    const file = new ZipDeflate(entry.name, { level: 6 });
    if (opts.mtime) file.mtime = opts.mtime;
    zip.add(file);
    for await (const chunk of entry.content()) {
      file.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
      yield* drain();
    }
    file.push(new Uint8Array(0), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
}
