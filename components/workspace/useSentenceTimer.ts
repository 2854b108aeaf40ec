"use client";

import { useEffect, useRef } from "react";
import { SentenceClock, type TimeEntry } from "@/lib/workspace/timing";

/** How often measured time is sent (and when the page is hidden or left). */
const FLUSH_EVERY_MS = 15_000;
const INPUT_EVENTS = ["keydown", "pointerdown", "pointermove", "wheel"] as const;

async function send(documentId: string, entries: TimeEntry[], keepalive: boolean): Promise<"sent" | "retry" | "drop"> {
  try {
    const res = await fetch("/api/v1/segment-time", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ documentId, entries }),
      cache: "no-store",
      keepalive,
    });
    if (res.ok) return "sent";
    // Refused (a sentence merged away, signed out): resending would be refused again.
    return res.status >= 400 && res.status < 500 ? "drop" : "retry";
  } catch {
    return "retry";
  }
}

/**
 * Measures time per sentence (lib/workspace/timing.ts) for `segmentId`, the sentence being worked
 * on (null when it is confirmed), and sends it every FLUSH_EVERY_MS, when the page is hidden and
 * when the workspace closes. Time not sent because the server could not be reached is sent with
 * the next flush; it is not kept across a reload (a measurement, not a label).
 */
export function useSentenceTimer(documentId: string, segmentId: string | null) {
  const clock = useRef<SentenceClock | null>(null);
  clock.current ??= new SentenceClock();
  const current = useRef(segmentId);

  useEffect(() => {
    current.current = segmentId;
    if (document.visibilityState === "visible") clock.current!.focus(segmentId, performance.now());
  }, [segmentId]);

  useEffect(() => {
    const c = clock.current!;
    const flush = (keepalive = false) => {
      const entries = c.take(performance.now());
      if (!entries.length) return;
      void send(documentId, entries, keepalive).then((r) => {
        if (r === "retry") c.restore(entries);
      });
    };
    const onInput = () => c.input(performance.now());
    const onVisibility = () => {
      const visible = document.visibilityState === "visible";
      c.focus(visible ? current.current : null, performance.now());
      if (!visible) flush(true);
    };
    for (const e of INPUT_EVENTS) window.addEventListener(e, onInput, { passive: true, capture: true });
    document.addEventListener("visibilitychange", onVisibility);
    const timer = window.setInterval(flush, FLUSH_EVERY_MS);
    return () => {
      for (const e of INPUT_EVENTS) window.removeEventListener(e, onInput, { capture: true });
      document.removeEventListener("visibilitychange", onVisibility);
      window.clearInterval(timer);
      c.focus(null, performance.now());
      flush(true);
    };
  }, [documentId]);
}
