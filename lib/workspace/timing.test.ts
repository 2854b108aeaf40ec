import { describe, expect, it } from "vitest";
import { IDLE_CAP_MS, SentenceClock } from "./timing";

describe("SentenceClock", () => {
  it("charges the current sentence, summed over visits", () => {
    const c = new SentenceClock();
    c.focus("a", 0);
    c.focus("b", 4000);
    c.focus("a", 6000);
    c.focus(null, 7500);
    expect(c.take(10_000)).toEqual([
      { segmentId: "a", ms: 5500 },
      { segmentId: "b", ms: 2000 },
    ]);
    expect(c.take(20_000)).toEqual([]);
  });

  it(`counts a gap without input as at most ${IDLE_CAP_MS} ms, however often it is taken meanwhile`, () => {
    const c = new SentenceClock();
    c.focus("a", 0);
    const taken = [c.take(30_000), c.take(90_000), c.take(300_000)].flat();
    expect(taken.reduce((n, e) => n + e.ms, 0)).toBe(IDLE_CAP_MS);
    // Input resumes the clock.
    c.input(400_000);
    expect(c.take(403_000)).toEqual([{ segmentId: "a", ms: 3000 }]);
  });

  it("input keeps the clock running past the cap", () => {
    const c = new SentenceClock();
    c.focus("a", 0);
    for (let t = 50_000; t <= 200_000; t += 50_000) c.input(t);
    expect(c.take(200_000)).toEqual([{ segmentId: "a", ms: 200_000 }]);
  });

  it("nothing while no sentence is current (confirmed, page hidden)", () => {
    const c = new SentenceClock();
    c.focus(null, 0);
    c.input(1000);
    expect(c.take(5000)).toEqual([]);
  });

  it("restored entries (a failed send) count again at the next take", () => {
    const c = new SentenceClock();
    c.focus("a", 0);
    const first = c.take(1000);
    c.restore(first);
    expect(c.take(1500)).toEqual([{ segmentId: "a", ms: 1500 }]);
  });
});
