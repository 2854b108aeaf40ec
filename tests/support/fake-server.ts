/**
 * Local HTTP servers that stand in for a suggestion provider (a lab's service, a chat-completions
 * endpoint) in tests: no network beyond 127.0.0.1. Close them with `closeFakeServers` after each test.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

const servers: Server[] = [];

/** Starts a server with `handler`; resolves to its address (ending in "/"). */
export async function fakeServer(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** A server answering every request with `reply` (200, JSON; a string is sent as it is). */
export const replyingServer = (reply: unknown) =>
  fakeServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(typeof reply === "string" ? reply : JSON.stringify(reply));
    });
  });

/** The request's body parsed as JSON. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return JSON.parse(body);
}

/** Closes every server started, dropping open connections (a server that never answers holds one). */
export async function closeFakeServers() {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => (s.close(r), s.closeAllConnections()))));
}
