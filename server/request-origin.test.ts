import { describe, expect, it } from "vitest";
import { checkCookieRequest } from "./request-origin";

const req = (headers: Record<string, string>, method = "POST") => new Request("http://slant.test/api/v1/annotations", { method, headers });
const json = { "content-type": "application/json", "content-length": "2" };
const refusal = (r: Request, accepts?: { multipart: boolean }) => {
  try {
    checkCookieRequest(r, accepts);
    return null;
  } catch (e) {
    const err = e as { status: number; code: string; message: string };
    return { status: err.status, code: err.code, message: err.message };
  }
};

describe("checkCookieRequest", () => {
  it("refuses a cross-site change, by Sec-Fetch-Site or by Origin", () => {
    expect(refusal(req({ ...json, host: "slant.test", "sec-fetch-site": "cross-site" }))).toEqual({
      status: 403,
      code: "cross_site",
      message: "Refused a cross-site request: with a session cookie, changes can only be sent from this site's own pages",
    });
    expect(refusal(req({ ...json, host: "slant.test", "sec-fetch-site": "same-site" }))?.status).toBe(403);
    expect(refusal(req({ ...json, host: "slant.test", origin: "https://evil.example" }))).toEqual({
      status: 403,
      code: "cross_site",
      message: "Refused a request from https://evil.example: with a session cookie, changes can only be sent from this site's own pages",
    });
    expect(refusal(req({ ...json, host: "slant.test", origin: "null" }))?.status).toBe(403);
    // A page of this site with the same host on another port is another origin.
    expect(refusal(req({ ...json, host: "slant.test", origin: "http://slant.test:8080" }))?.status).toBe(403);
  });

  it("lets the site's own pages and non-browser clients through", () => {
    expect(refusal(req({ ...json, host: "slant.test", "sec-fetch-site": "same-origin", origin: "http://slant.test" }))).toBeNull();
    expect(refusal(req({ ...json, host: "slant.test", origin: "http://slant.test" }))).toBeNull();
    expect(refusal(req({ ...json, host: "slant.test" }))).toBeNull();
    // Reads are never checked.
    expect(refusal(req({ host: "slant.test", "sec-fetch-site": "cross-site" }, "GET"))).toBeNull();
  });

  it("wants JSON (or multipart where uploads are taken): a form on another site can send neither", () => {
    const form = { host: "slant.test", "content-type": "application/x-www-form-urlencoded", "content-length": "3" };
    expect(refusal(req(form))).toEqual({
      status: 415,
      code: "unsupported_media_type",
      message: "Send the request body as application/json (got application/x-www-form-urlencoded)",
    });
    expect(refusal(req({ host: "slant.test", "content-type": "text/plain", "content-length": "2" }))?.status).toBe(415);
    expect(refusal(req({ host: "slant.test", "content-length": "2" }))?.message).toBe(
      "Send the request body as application/json with a Content-Type header",
    );
    const multipart = { host: "slant.test", "content-type": "multipart/form-data; boundary=x", "content-length": "9" };
    expect(refusal(req(multipart))?.status).toBe(415);
    expect(refusal(req(multipart), { multipart: true })).toBeNull();
    // No body at all (the "next document" button) needs no type.
    expect(refusal(req({ host: "slant.test" }))).toBeNull();
  });
});
