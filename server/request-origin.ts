import { AppError } from "@/server/errors";

/**
 * Cross-site request forgery: a page on another site can make the browser send a request with
 * this site's session cookie. For cookie sessions, a request that changes data must come from a
 * page of this site and carry JSON (or, where a route takes uploads, multipart form data). A
 * bearer token is not sent by browsers on their own, so token requests are not checked.
 *
 * Same site, as browsers tell it: `Sec-Fetch-Site` (every current browser) must be
 * `same-origin`; without it, `Origin` must name this host. A request with neither is not from a
 * browser (browsers have sent Origin on every cross-site POST for years), and the content-type
 * rule still applies: a form on another site can send neither JSON nor, without Origin, anything.
 * The same order of checks as Go's net/http CrossOriginProtection.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export class CrossSiteError extends AppError {
  constructor(message: string) {
    super(message, 403, "cross_site");
  }
}
export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string) {
    super(message, 415, "unsupported_media_type");
  }
}

/** Hosts (host[:port]) this site answers as: the request's Host and NEXTAUTH_URL's, when set. */
function ownHosts(req: Request): Set<string> {
  const hosts = new Set<string>();
  const host = req.headers.get("host");
  if (host) hosts.add(host.toLowerCase());
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      hosts.add(new URL(configured).host.toLowerCase());
    } catch {
      // lib/env validates NEXTAUTH_URL; an invalid one adds nothing here.
    }
  }
  return hosts;
}

function checkSameSite(req: Request): void {
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) {
    // "none": typed by the user or a bookmark, which cannot POST.
    if (site === "same-origin" || site === "none") return;
    throw new CrossSiteError(`Refused a ${site} request: with a session cookie, changes can only be sent from this site's own pages`);
  }
  const origin = req.headers.get("origin");
  if (origin === null) return;
  let host: string | null = null;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    // "null" (sandboxed or privacy-sensitive contexts) or garbage: not this site.
  }
  if (host !== null && ownHosts(req).has(host)) return;
  throw new CrossSiteError(`Refused a request from ${origin}: with a session cookie, changes can only be sent from this site's own pages`);
}

function checkContentType(req: Request, accepts: { multipart: boolean }): void {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") return;
  if (accepts.multipart && type === "multipart/form-data") return;
  if (type === "") {
    const length = req.headers.get("content-length");
    const hasBody = req.headers.has("transfer-encoding") || (length !== null && length !== "0");
    if (!hasBody) return;
  }
  const wanted = accepts.multipart ? "application/json or multipart/form-data" : "application/json";
  throw new UnsupportedMediaTypeError(`Send the request body as ${wanted}${type ? ` (got ${type})` : " with a Content-Type header"}`);
}

/** Throws 403 (another site) or 415 (a body that is not JSON or, where accepted, multipart) for a cookie-session request that changes data. */
export function checkCookieRequest(req: Request, accepts: { multipart: boolean } = { multipart: false }): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  checkSameSite(req);
  checkContentType(req, accepts);
}
