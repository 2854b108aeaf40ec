/** An async iterable of byte chunks as a web ReadableStream (pulled: the source is read only as fast as the client takes it). */
export function toReadableStream(chunks: AsyncIterable<Uint8Array>, onError?: (e: unknown) => void): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await it.next();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (e) {
        onError?.(e);
        controller.error(e);
      }
    },
    async cancel() {
      await it.return?.();
    },
  });
}

/** Content-Disposition for a download, with an ASCII fallback name and the UTF-8 one. */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
