import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./redirect";

const SITE = "https://slant.example.org";

describe("sameOriginPath", () => {
  it("keeps paths and absolute URLs of the site", () => {
    expect(sameOriginPath("/projects/karabakh-demo?tab=1#x", SITE)).toBe("/projects/karabakh-demo?tab=1#x");
    expect(sameOriginPath("https://slant.example.org/admin/users", SITE)).toBe("/admin/users");
    expect(sameOriginPath("settings/tokens", SITE)).toBe("/settings/tokens");
  });

  it.each([
    ["/\\evil.com"],
    ["/\t/evil.com"],
    ["/%09/evil.com"],
    ["//evil.com"],
    ["///evil.com"],
    ["/\\/evil.com"],
    ["\\\\evil.com"],
    ["https://evil.com"],
    ["https://slant.example.org.evil.com/"],
    ["https://slant.example.org@evil.com/"],
    ["http://slant.example.org/"],
    ["javascript:alert(1)"],
    ["data:text/html,<script>alert(1)</script>"],
    [" //evil.com"],
    ["/\n/evil.com"],
  ])("sends %j to /projects or keeps it on the site", (raw) => {
    const path = sameOriginPath(raw, SITE);
    expect(path).toMatch(/^\/(?![/\\])/);
    expect(new URL(path, SITE).origin).toBe(SITE);
  });

  it("falls back for what leaves the site", () => {
    for (const raw of ["/\\evil.com", "/\t/evil.com", "//evil.com", "https://evil.com", "javascript:alert(1)", "/\\/evil.com"]) {
      expect(sameOriginPath(raw, SITE), raw).toBe("/projects");
    }
    expect(sameOriginPath(undefined, SITE)).toBe("/projects");
    expect(sameOriginPath(["/a"], SITE)).toBe("/projects");
    expect(sameOriginPath("http://[::1", SITE)).toBe("/projects");
  });

  it("never answers a path another host could be read from", () => {
    // "/.//evil.com" stays on the site, but its path starts with "//".
    expect(sameOriginPath("/.//evil.com", SITE)).toBe("/evil.com");
  });
});
