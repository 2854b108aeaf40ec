import { expect, test } from "@playwright/test";

/** Every answer under /api/v1 is JSON, also for a path or a method that does not exist. */
test("an unknown API route is a JSON 404 and a wrong method a JSON 405 with Allow", async ({ request }) => {
  const unknown = await request.post("/api/v1/no/such/route", { data: {} });
  expect(unknown.status()).toBe(404);
  expect(unknown.headers()["content-type"]).toContain("application/json");
  expect((await unknown.json()).error).toEqual({
    code: "not_found",
    message: "No API route /api/v1/no/such/route; see /api/v1/openapi.json for the routes there are",
  });

  const wrong = await request.delete("/api/v1/annotations");
  expect(wrong.status()).toBe(405);
  expect(wrong.headers()["allow"]).toBe("POST, OPTIONS");
  expect((await wrong.json()).error).toEqual({
    code: "method_not_allowed",
    message: "DELETE is not allowed here; this route takes POST",
  });
  const put = await request.put("/api/v1/projects", { data: {} });
  expect(put.status()).toBe(405);
  expect(put.headers()["allow"]).toBe("GET, HEAD, OPTIONS");
  // The routes themselves still answer.
  expect((await request.get("/api/v1/projects")).status()).toBe(401);
});
