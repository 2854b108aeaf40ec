/**
 * Inside the parse worker: parses each upload file it is sent, naming each file (and zip entry)
 * as it starts on it, then posts the result. The thread that started it owns the limits.
 */
import { parentPort } from "node:worker_threads";
import { parseImportFiles } from "./index";
import type { ParseResult } from "./types";

export interface ParseWorkerRequest {
  name: string;
  bytes: Uint8Array;
}
export type ParseWorkerMessage = { type: "file"; name: string } | { type: "done"; result: ParseResult };

const port = parentPort;
if (!port) throw new Error("parse-worker-main runs in a worker thread");
const post = (m: ParseWorkerMessage) => port.postMessage(m);
port.on("message", (upload: ParseWorkerRequest) => {
  post({ type: "done", result: parseImportFiles([upload], undefined, (name) => post({ type: "file", name })) });
});
