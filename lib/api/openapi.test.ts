import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

const root = path.resolve(import.meta.dirname, "../..");
const apiDir = path.join(root, "app/api/v1");

/** Every route file under app/api/v1: its OpenAPI path and the HTTP methods it exports. */
function routes(dir = apiDir): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    // A catch-all ([...path]) only answers unknown paths with a JSON 404; it is not an endpoint to describe.
    if (entry.isDirectory()) {
      if (!entry.name.startsWith("[...")) out.push(...routes(full));
    } else if (entry.name === "route.ts") {
      const rel = path.relative(path.join(root, "app"), dir).split(path.sep).join("/");
      const src = readFileSync(full, "utf8");
      const methods = [...src.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) =>
        m[1]!.toLowerCase(),
      );
      out.push({ path: `/${rel}`.replace(/\[([^\]]+)\]/g, "{$1}"), methods });
    }
  }
  return out;
}

describe("OpenAPI description", () => {
  const doc = openApiDocument("http://localhost:3000");

  it("is OpenAPI 3.1 with bearer authentication", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("describes every /api/v1 route file and each method it exports", () => {
    const paths = doc.paths as Record<string, Record<string, unknown>>;
    const found = routes();
    expect(found.length).toBeGreaterThan(10);
    for (const r of found) {
      expect(paths, `${r.path} is missing from lib/api/openapi.ts`).toHaveProperty([r.path]);
      for (const m of r.methods) expect(paths[r.path], `${m.toUpperCase()} ${r.path} is missing`).toHaveProperty([m]);
    }
  });

  it("only references schemas it defines", () => {
    const refs = [...JSON.stringify(doc).matchAll(/#\/components\/schemas\/(\w+)/g)].map((m) => m[1]!);
    for (const r of refs) expect(doc.components.schemas).toHaveProperty([r]);
  });
});
