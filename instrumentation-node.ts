// A bad configuration stops the server with a sentence naming the variable.
import http from "node:http";
import { ConfigError, loadEnv } from "./lib/env";
import { SOCKET_ADDRESS_HEADER } from "./lib/auth/client-address";

try {
  const e = loadEnv();
  if (!e.authSecret) throw new ConfigError("AUTH_SECRET", "is not set (npm start and npm run demo generate one into .env.local)");
} catch (err) {
  console.error(`\n${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

// Next.js gives route handlers no access to the socket, and sets X-Forwarded-For from it only when
// the client sent none, so a client could choose its own address. Every request gets the TCP
// peer's address in a header of our own, overwriting whatever the client put there; the sign-in
// limits read it (lib/auth/client-address.ts, TRUST_PROXY_HOPS). Next.js runs this when it
// prepares to answer its first request, so that one request goes without ("unknown").
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
  if (event === "request") {
    const req = args[0] as http.IncomingMessage;
    req.headers[SOCKET_ADDRESS_HEADER] = req.socket.remoteAddress ?? "unknown";
  }
  return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
} as typeof emit;
