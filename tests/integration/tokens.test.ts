import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { buildExportFixture, type ExportFixture } from "../support/export-fixture";
import { SYSTEM_ACTOR } from "@/server/auth/actor";
import { createToken, listTokens, revokeToken } from "@/server/tokens";
import { setUserDisabled } from "@/server/users";
import { getDb } from "@/server/db/client";
import { InvalidError, NotFoundError } from "@/server/errors";
import { GET as listDocuments } from "@/app/api/v1/projects/[projectId]/documents/route";
import { GET as listAnnotations } from "@/app/api/v1/projects/[projectId]/annotations/route";
import { GET as exportRoute } from "@/app/api/v1/projects/[projectId]/export/route";
import { GET as estimateRoute } from "@/app/api/v1/projects/[projectId]/export/estimate/route";
import { GET as listProjects } from "@/app/api/v1/projects/route";
import { POST as saveLabel } from "@/app/api/v1/annotations/route";
import { POST as startImport } from "@/app/api/v1/projects/[projectId]/imports/route";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";

useTestDatabase();

let f: ExportFixture;
beforeAll(async () => {
  f = await buildExportFixture("t");
});

const BASE = "http://slant.test";
const req = (path: string, token: string | null, init: RequestInit = {}) =>
  new Request(`${BASE}${path}`, {
    ...init,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string> | undefined) },
  });
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
const label = (segment: number, value: string) =>
  JSON.stringify({ documentId: f.documentId, segmentId: f.segIds[segment], dimension: "sourcing", target: null, value, baseVersion: null });

describe("personal access tokens", () => {
  it("are shown once and stored as a SHA-256 hash", async () => {
    const { token, secret } = await createToken(f.ana, { name: "laptop", scope: "read" });
    expect(secret).toMatch(/^slant_[A-Za-z0-9_-]{43}$/);
    const row = await (await getDb()).apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(JSON.stringify(await listTokens(f.ana))).not.toContain(secret);
    await expect(createToken(f.ana, { name: " ", scope: "read" })).rejects.toThrow(InvalidError);
    await expect(createToken(f.ana, { name: "x", scope: "admin" as never })).rejects.toThrow(InvalidError);
    await expect(createToken(SYSTEM_ACTOR, { name: "x", scope: "read" })).rejects.toThrow(InvalidError);
  });

  it("authenticate as their user and record when they were last used", async () => {
    const { token, secret } = await createToken(f.ana, { name: "script", scope: "read" });
    const res = await listProjects(req("/api/v1/projects", secret), {});
    expect(res.status).toBe(200);
    expect(((await res.json()) as { projects: { id: string }[] }).projects.map((p) => p.id)).toEqual([f.projectId]);
    expect((await listTokens(f.ana)).find((t) => t.id === token.id)!.lastUsedAt).not.toBeNull();
  });

  it("of a user without access to the project get 404", async () => {
    const { secret } = await createToken(f.stranger, { name: "nosy", scope: "write" });
    const res = await listDocuments(req(`/api/v1/projects/${f.projectId}/documents`, secret), params({ projectId: f.projectId }));
    expect(res.status).toBe(404);
    expect((await exportRoute(req(`/api/v1/projects/${f.slug}/export?format=jsonl`, secret), params({ projectId: f.slug }))).status).toBe(
      404,
    );
  });

  it("revoked, unknown, malformed, or of a disabled user: 401", async () => {
    const { token, secret } = await createToken(f.ben, { name: "old", scope: "write" });
    await revokeToken(f.ben, token.id);
    const path = `/api/v1/projects/${f.projectId}/documents`;
    expect((await listDocuments(req(path, secret), params({ projectId: f.projectId }))).status).toBe(401);
    expect((await listDocuments(req(path, "slant_nope"), params({ projectId: f.projectId }))).status).toBe(401);
    expect(
      (await listDocuments(req(path, null, { headers: { authorization: "Basic abc" } }), params({ projectId: f.projectId }))).status,
    ).toBe(401);
    await expect(revokeToken(f.ana, token.id)).rejects.toThrow(NotFoundError);
    const other = await createToken(f.reviewer, { name: "r", scope: "read" });
    await setUserDisabled(SYSTEM_ACTOR, f.reviewer.id, true);
    expect((await listDocuments(req(path, other.secret), params({ projectId: f.projectId }))).status).toBe(401);
    await setUserDisabled(SYSTEM_ACTOR, f.reviewer.id, false);
  });

  it("read-only: 403 on any write (a label, an import)", async () => {
    const { secret } = await createToken(f.ana, { name: "ro", scope: "read" });
    const res = await saveLabel(
      req("/api/v1/annotations", secret, { method: "POST", headers: { "content-type": "application/json" }, body: label(3, "no_claim") }),
      {},
    );
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/read-only/);
    const managerRo = await createToken(f.manager, { name: "ro", scope: "read" });
    const imp = await startImport(
      req(`/api/v1/projects/${f.projectId}/imports`, managerRo.secret, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "A text." }),
      }),
      params({ projectId: f.projectId }),
    );
    expect(imp.status).toBe(403);
    const labels = await (await getDb()).annotation.count({ where: { segmentId: f.segIds[3]! } });
    expect(labels).toBe(0);
  });

  it("write: saves a label as its user", async () => {
    const { secret } = await createToken(f.ana, { name: "rw", scope: "write" });
    const res = await saveLabel(
      req("/api/v1/annotations", secret, { method: "POST", headers: { "content-type": "application/json" }, body: label(3, "no_claim") }),
      {},
    );
    expect(res.status).toBe(200);
    const saved = await (await getDb()).annotation.findFirstOrThrow({ where: { segmentId: f.segIds[3]!, dimension: "sourcing" } });
    expect(saved).toMatchObject({ userId: f.ana.id, value: "no_claim" });
  });
});

describe("REST API with a token", () => {
  it("pages through documents with cursor and limit", async () => {
    const { secret } = await createToken(f.manager, { name: "docs", scope: "read" });
    const first = (await (
      await listDocuments(req(`/api/v1/projects/${f.slug}/documents?limit=1`, secret), params({ projectId: f.slug }))
    ).json()) as { documents: { id: string; sentences: number }[]; nextCursor: string };
    expect(first.documents).toEqual([expect.objectContaining({ id: f.documentId, sentences: 4, title: "Karabakh" })]);
    const second = (await (
      await listDocuments(
        req(`/api/v1/projects/${f.slug}/documents?limit=1&cursor=${first.nextCursor}`, secret),
        params({ projectId: f.slug }),
      )
    ).json()) as { documents: { id: string }[]; nextCursor: string | null };
    expect(second).toEqual({ documents: [expect.objectContaining({ id: f.otherId })], nextCursor: null });
    expect((await listDocuments(req(`/api/v1/projects/${f.slug}/documents?limit=0`, secret), params({ projectId: f.slug }))).status).toBe(
      422,
    );
  });

  it("lists labels page by page; annotators of a blind project see only their own", async () => {
    const all: { userId: string }[] = [];
    const { secret } = await createToken(f.manager, { name: "labels", scope: "read" });
    let cursor = "";
    for (let i = 0; i < 20; i++) {
      const page = (await (
        await listAnnotations(
          req(`/api/v1/projects/${f.projectId}/annotations?limit=5${cursor ? `&cursor=${cursor}` : ""}`, secret),
          params({ projectId: f.projectId }),
        )
      ).json()) as { annotations: { userId: string }[]; nextCursor: string | null };
      all.push(...page.annotations);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(all).toHaveLength(await (await getDb()).annotation.count({ where: { projectId: f.projectId } }));
    const mine = await createToken(f.ben, { name: "mine", scope: "read" });
    const own = (await (
      await listAnnotations(req(`/api/v1/projects/${f.projectId}/annotations?limit=500`, mine.secret), params({ projectId: f.projectId }))
    ).json()) as { annotations: { userId: string }[] };
    expect(new Set(own.annotations.map((a) => a.userId))).toEqual(new Set([f.ben.id]));
  });

  it("streams an export with a Content-Disposition, and estimates it", async () => {
    const { secret } = await createToken(f.manager, { name: "export", scope: "read" });
    const res = await exportRoute(req(`/api/v1/projects/${f.slug}/export?format=csv-wide&bom=1`, secret), params({ projectId: f.slug }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="export-test-t-sentences-wide-\d{4}-\d{2}-\d{2}\.csv"/);
    const body = new Uint8Array(await res.arrayBuffer());
    expect([...body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect((await exportRoute(req(`/api/v1/projects/${f.slug}/export?format=xml`, secret), params({ projectId: f.slug }))).status).toBe(
      422,
    );
    const est = await (
      await estimateRoute(req(`/api/v1/projects/${f.slug}/export/estimate?format=jsonl&gold_only=1`, secret), params({ projectId: f.slug }))
    ).json();
    expect(est).toMatchObject({ sentences: 1, annotators: 2 });
  });

  it("serves the OpenAPI description without authentication", async () => {
    const doc = (await openapi(new Request(`${BASE}/api/v1/openapi.json`)).json()) as { openapi: string; servers: { url: string }[] };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers[0]!.url).toBe(BASE);
  });
});
