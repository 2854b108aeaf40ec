/**
 * The built-in rules served as an HTTP suggestion provider (`npm run slant -- serve-provider`):
 * the reference implementation of the slant-suggest/1 protocol (lib/suggest/protocol.ts) and a
 * template for a lab's own model server. Validates each request with the protocol's zod schema
 * and answers 400 with the first problem when it does not follow it.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { providerRequestSchema, type ProviderReply } from "@/lib/suggest/protocol";
import type { ProviderSuggestion, SuggestionRequest } from "./provider";
import { rulesSuggestions } from "./rules-provider";

/** Largest request accepted: a long document with its schema and guidelines fits many times. */
const MAX_REQUEST_BYTES = 20 * 1024 * 1024;

export interface ProviderServerOptions {
  port: number;
  host?: string;
  suggest?: (request: SuggestionRequest) => ProviderSuggestion[] | Promise<ProviderSuggestion[]>;
}

export async function startProviderServer(opts: ProviderServerOptions): Promise<{ server: Server; url: string }> {
  const suggest = opts.suggest ?? rulesSuggestions;
  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST") return send(405, { error: "POST a slant-suggest/1 request" });
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (e) {
      return send(400, { error: (e as Error).message });
    }
    const parsed = providerRequestSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return send(400, { error: `${issue.path.join(".") || "request"}: ${issue.message}` });
    }
    try {
      const { protocol: _protocol, ...request } = parsed.data;
      const reply: ProviderReply = { suggestions: await suggest(request) };
      send(200, reply);
    } catch (e) {
      console.error("serve-provider: suggestions failed", e);
      send(500, { error: "suggestions failed" });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "127.0.0.1", resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  return { server, url: `http://${address.includes(":") ? `[${address}]` : address}:${port}/` };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) throw new Error(`request larger than ${MAX_REQUEST_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
