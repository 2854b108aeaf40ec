/**
 * Where to send someone after sign-in: `raw` (a callbackUrl from the query string or next-auth)
 * resolved the way a browser resolves it against the site's `origin`, and kept only when it stays
 * on that origin. Browsers read `/\evil.com` as `//evil.com` and drop tabs and newlines, so a
 * prefix check on the string is not enough; the URL parser is.
 *
 * The answer is a path with exactly one leading slash (plus query and fragment): `//x` in a path
 * would be read as another host when used as a relative location.
 */
export function sameOriginPath(raw: unknown, origin: string, fallback = "/projects"): string {
  if (typeof raw !== "string" || raw === "") return fallback;
  let site: URL;
  let url: URL;
  try {
    site = new URL(origin);
    url = new URL(raw, site);
  } catch {
    return fallback;
  }
  if (url.origin !== site.origin) return fallback;
  return `${url.pathname.replace(/^\/+/, "/")}${url.search}${url.hash}`;
}
