import { expect, test } from "@playwright/test";
import { projectWithTeam, signIn, slant } from "./support/fixtures";

/**
 * Cross-site request forgery: with the session cookie, a change is accepted only from this site's
 * own pages and only with a JSON body; a personal access token is not affected.
 */
test("a change with the session cookie is refused from another site and accepted from the site's pages; tokens need no Origin", async ({
  page,
  playwright,
  baseURL,
}) => {
  const { documentId, users } = projectWithTeam("csrf", { annotator: "ANNOTATOR" });
  await signIn(page, users.annotator.email, users.annotator.password);
  const doc = await (await page.request.get(`/api/v1/documents/${documentId}`)).json();
  const segmentId = doc.segments.find((s: { isBoilerplate: boolean }) => !s.isBoilerplate).id as string;
  const label = (value: string, baseVersion: number | null) => ({
    documentId,
    segmentId,
    dimension: "sourcing",
    target: null,
    value,
    baseVersion,
  });

  // The browser says where a request comes from: a page of another site (Origin or Sec-Fetch-Site).
  const crossSite: Record<string, string>[] = [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }];
  for (const headers of crossSite) {
    const res = await page.request.post("/api/v1/annotations", { data: label("direct_quote", null), headers });
    expect(res.status()).toBe(403);
    expect((await res.json()).error).toMatchObject({
      code: "cross_site",
      message: expect.stringMatching(/^Refused a .*this site's own pages$/),
    });
  }
  // A form (the only body another site can send without asking) is refused for its type.
  const form = await page.request.post("/api/v1/annotations", { form: { value: "direct_quote" } });
  expect(form.status()).toBe(415);
  expect((await form.json()).error.code).toBe("unsupported_media_type");
  // Nothing was stored by the refused requests.
  expect((await (await page.request.get(`/api/v1/documents/${documentId}/annotations`)).json()).annotations ?? []).toEqual([]);

  // The site's own page: the browser sends Origin and Sec-Fetch-Site: same-origin.
  await page.goto("/projects");
  const own = await page.evaluate(
    async (body) => {
      const r = await fetch("/api/v1/annotations", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: r.status, json: await r.json() };
    },
    label("direct_quote", null),
  );
  expect(own.status).toBe(200);
  expect(own.json.annotation.value).toBe("direct_quote");

  // A token is sent on purpose by its holder: no Origin needed, and a cross-site Origin does not matter.
  const { secret } = slant<{ secret: string }>("token:create", "--email", users.annotator.email, "--name", "csrf", "--scope", "write");
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  const viaToken = await api.post("/api/v1/annotations", {
    data: label("no_claim", own.json.annotation.version),
    headers: { origin: "https://evil.example" },
  });
  expect(viaToken.status()).toBe(200);
  await api.dispose();
});
