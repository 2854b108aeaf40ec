import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { env } from "@/lib/env";
import type { ParseResult } from "@/lib/formats";
import type { ParseWorkerMessage, ParseWorkerRequest } from "@/lib/formats/parse-worker-main";

/**
 * Uploads are untrusted and parsing them is CPU work (jsdom, zip, CSV): it runs in a worker
 * thread, so that a slow or hostile file never holds up the requests of this process. A file (or
 * zip entry) that takes longer than IMPORT_PARSE_TIMEOUT_MS, or a parse that needs more than
 * IMPORT_PARSE_MEMORY_MB of heap, stops the worker and fails that upload file with a sentence
 * saying so. Web uploads, API uploads and the CLI all come through here (server/import-source.ts).
 */

/**
 * Loaded by path from the project folder (where every launcher runs). Not bundled: Turbopack
 * follows `path.join(process.cwd(), …)` and `new Worker(…)` to their files, and would try to bundle
 * tsx and esbuild's binary; a joined array is a string it does not trace.
 */
const WORKER_FILE = [process.cwd(), "lib", "formats", "parse-worker.cjs"].join(path.sep);
/** Loading the parsers (jsdom, TypeScript) before the first file: not part of any file's time. */
const STARTUP_ALLOWANCE_MS = 60_000;

export interface ParseLimits {
  timeoutMs: number;
  memoryMb: number;
}

/** An idle worker is kept this long for the next upload (starting one costs about a second of CPU, mostly jsdom). */
const IDLE_MS = 30_000;

/**
 * A worker thread parsing one file at a time. After a file is stopped, the next file gets a new
 * worker; an idle worker ends after IDLE_MS and never keeps the process alive (the CLI exits).
 */
export class UploadParser {
  private worker: Worker | undefined;
  private idle: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly limits: ParseLimits;

  constructor(limits?: Partial<ParseLimits>) {
    this.limits = { timeoutMs: limits?.timeoutMs ?? env().importParseTimeoutMs, memoryMb: limits?.memoryMb ?? env().importParseMemoryMb };
  }

  /** Parses one upload file; calls wait their turn. */
  parse(upload: ParseWorkerRequest): Promise<ParseResult> {
    const run = this.queue.then(() => this.parseNow(upload));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private parseNow(upload: ParseWorkerRequest): Promise<ParseResult> {
    const { timeoutMs, memoryMb } = this.limits;
    clearTimeout(this.idle);
    if (!this.worker) {
      this.worker = new Worker(/* turbopackIgnore: true */ WORKER_FILE, {
        // Not the server's flags (heap settings, loaders): the worker loads what it needs.
        execArgv: [],
        resourceLimits: { maxOldGenerationSizeMb: memoryMb },
      });
      const started = this.worker;
      started.unref();
      started.once("exit", () => {
        if (this.worker === started) this.worker = undefined;
      });
    }
    const worker = this.worker;
    return new Promise((resolve) => {
      let current = upload.name;
      let timer: NodeJS.Timeout | undefined;
      const done = (result: ParseResult) => {
        clearTimeout(timer);
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
        if (this.worker) this.idle = setTimeout(() => this.close(), IDLE_MS).unref();
        resolve(result);
      };
      const fail = (reason: string) => {
        this.close();
        const where = current === upload.name ? "" : ` (while reading ${current})`;
        done({ articles: [], errors: [{ file: upload.name, reason: `${reason}${where}; nothing from this file was imported` }] });
      };
      // The clock restarts at each file of a zip: a large archive of small files is not one long parse.
      const startClock = (ms: number) => {
        clearTimeout(timer);
        timer = setTimeout(() => fail(`parsing took longer than ${timeoutMs / 1000} s (IMPORT_PARSE_TIMEOUT_MS) and was stopped`), ms);
      };
      const onMessage = (m: ParseWorkerMessage) => {
        if (m.type === "done") return done(m.result);
        current = m.name;
        startClock(timeoutMs);
      };
      const onError = (e: Error & { code?: string }) =>
        fail(
          e.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? `parsing needed more than ${memoryMb} MB of memory (IMPORT_PARSE_MEMORY_MB) and was stopped`
            : `could not parse file (${e.message})`,
        );
      const onExit = (code: number) => fail(`the parser stopped unexpectedly (exit code ${code})`);
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
      startClock(timeoutMs + STARTUP_ALLOWANCE_MS);
      worker.postMessage(upload);
    });
  }

  close(): void {
    clearTimeout(this.idle);
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }
}

const g = globalThis as unknown as { slantUploadParser?: UploadParser };
/** The process's parser (module instances may be duplicated across Next bundles; globalThis is not). */
export const uploadParser = () => (g.slantUploadParser ??= new UploadParser());
