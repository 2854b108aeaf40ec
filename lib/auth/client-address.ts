/**
 * The address a request came from, for the sign-in limits. Only what a trusted party wrote counts:
 * the TCP peer (this header, which the server always overwrites from the socket: see
 * instrumentation-node.ts), and, behind `hops` reverse proxies, the address the outermost of them
 * appended to X-Forwarded-For. Entries further left were written by the client and are ignored.
 */
export const SOCKET_ADDRESS_HEADER = "x-slant-socket-address";

type HeaderBag = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Same address, one spelling: IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d. */
const normalise = (a: string) =>
  a
    .trim()
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "")
    .slice(0, 100);

/**
 * hops 0: the socket's address. hops N: the Nth address from the right of X-Forwarded-For (each
 * proxy appends the address it received the request from), or the leftmost when there are fewer.
 * "unknown" when the server did not record the socket (a request the patch did not see).
 */
export function clientAddress(headers: HeaderBag | undefined, hops: number): string {
  const socket = first(headers?.[SOCKET_ADDRESS_HEADER]);
  const xff = headers?.["x-forwarded-for"];
  const forwarded = (Array.isArray(xff) ? xff.join(",") : (xff ?? ""))
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  const chain = [socket ?? "unknown", ...forwarded.reverse()];
  return normalise(chain[Math.min(hops, chain.length - 1)]!) || "unknown";
}
