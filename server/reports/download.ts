import "server-only";

/**
 * How a report route answers: JSON (the default), JSON as an attachment (`download=1`), or CSV
 * as an attachment (`format=csv`). The figures are the service's in every case; `format` has been
 * validated by the service (lib/validation/reports.ts) before this is called.
 */
export function reportAnswer(q: URLSearchParams, filename: string, body: object, csv: () => string): Response | object {
  if (q.get("format") === "csv")
    return new Response(csv(), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}.csv"` },
    });
  if (q.get("download") === "1")
    return new Response(`${JSON.stringify(body, null, 2)}\n`, {
      headers: { "content-type": "application/json", "content-disposition": `attachment; filename="${filename}.json"` },
    });
  return body;
}

/** A file name from a name people gave (a story): ASCII letters, digits and dashes (a header must be Latin-1). */
export const fileSlug = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60) || "story";
