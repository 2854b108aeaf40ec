import { describe, expect, it } from "vitest";
import { pendingSentBack } from "@/lib/workspace/sent-back";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));

describe("pendingSentBack", () => {
  it("a comment newer than the confirmation (or on an unconfirmed sentence) is pending; a later confirmation answers it", () => {
    const comments = [
      { segmentId: "s1", createdAt: at(10), comment: "check the stance" },
      { segmentId: "s2", createdAt: at(10), comment: "a quote?" },
      { segmentId: "s3", createdAt: at(10), comment: "source side" },
      { segmentId: "s1", createdAt: at(20), comment: "and the span" },
    ];
    const confirmed = new Map<string, Date | null>([
      ["s1", at(15)], // confirmed between the two comments: the second is pending
      ["s2", at(30)], // confirmed again after the comment: answered
      ["s3", null], // unconfirmed
    ]);
    const pending = pendingSentBack(comments, confirmed);
    expect([...pending.keys()].sort()).toEqual(["s1", "s3"]);
    expect(pending.get("s1")!.map((c) => c.comment)).toEqual(["and the span"]);
  });

  it("a confirmation at the same moment as the comment does not answer it; ISO strings compare as times", () => {
    const pending = pendingSentBack([{ segmentId: "s1", createdAt: at(10).toISOString() }], new Map([["s1", at(10).toISOString()]]));
    expect(pending.has("s1")).toBe(true);
  });
});
