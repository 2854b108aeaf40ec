"use client";

import { useCallback, useRef, useState } from "react";
import type { ReviewSentence } from "@/components/review/types";
import { goldKey } from "@/components/review/format";

export interface GoldEntry {
  value: unknown;
  version: number;
  comment: string;
}
export type GoldState = { state: "idle" | "saving" | "saved" | "conflict" | "error"; pending: number; message?: string };

/**
 * Gold labels of the document as the reviewer sees them, saved straight to the API with the
 * version last seen. Saves run one after another, so each one carries the version the previous
 * one returned; a 409 shows the other reviewer's label and says so.
 */
export function useGold(sentences: ReviewSentence[]) {
  const [gold, setGold] = useState<Record<string, GoldEntry>>(() => {
    const out: Record<string, GoldEntry> = {};
    for (const s of sentences)
      for (const [k, g] of Object.entries(s.gold)) out[goldKey(s.id, k)] = { value: g.value, version: g.version, comment: g.comment };
    return out;
  });
  const [status, setStatus] = useState<GoldState>({ state: "idle", pending: 0 });
  const versions = useRef<Record<string, number>>(Object.fromEntries(Object.entries(gold).map(([k, g]) => [k, g.version])));
  const chain = useRef<Promise<void>>(Promise.resolve());
  const pending = useRef(0);

  const save = useCallback(
    (p: { documentId: string; segmentId: string; dimension: string; target: string | null; value: unknown; comment: string }) => {
      const k = goldKey(p.segmentId, `${p.dimension}:${p.target ?? ""}`);
      let previous: GoldEntry | undefined;
      setGold((g) => {
        previous = g[k];
        return { ...g, [k]: { value: p.value, version: g[k]?.version ?? 0, comment: p.comment } };
      });
      pending.current++;
      setStatus({ state: "saving", pending: pending.current });
      chain.current = chain.current.then(async () => {
        let next: GoldState;
        try {
          const res = await fetch("/api/v1/gold", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ ...p, baseVersion: versions.current[k] ?? null }),
            cache: "no-store",
          });
          const body = (await res.json().catch(() => null)) as {
            gold?: GoldEntry;
            error?: { message?: string; details?: { current?: GoldEntry | null } };
          } | null;
          if (res.ok && body?.gold) {
            const g = body.gold;
            versions.current[k] = g.version;
            setGold((s) => ({ ...s, [k]: { value: g.value, version: g.version, comment: g.comment } }));
            next = { state: "saved", pending: 0 };
          } else if (res.status === 409) {
            const cur = body?.error?.details?.current ?? null;
            if (cur) versions.current[k] = cur.version;
            else delete versions.current[k];
            setGold((s) => {
              const copy = { ...s };
              if (cur) copy[k] = { value: cur.value, version: cur.version, comment: cur.comment };
              else delete copy[k];
              return copy;
            });
            next = {
              state: "conflict",
              pending: 0,
              message: `${body?.error?.message ?? "Changed elsewhere"}. Their label is shown now; choose again to overwrite it.`,
            };
          } else {
            setGold((s) => {
              const copy = { ...s };
              if (previous) copy[k] = previous;
              else delete copy[k];
              return copy;
            });
            next = { state: "error", pending: 0, message: body?.error?.message ?? `Refused (${res.status})` };
          }
        } catch (e) {
          setGold((s) => {
            const copy = { ...s };
            if (previous) copy[k] = previous;
            else delete copy[k];
            return copy;
          });
          next = { state: "error", pending: 0, message: e instanceof Error ? e.message : "network error" };
        }
        pending.current--;
        setStatus(
          next.state === "saved" && pending.current > 0
            ? { state: "saving", pending: pending.current }
            : { ...next, pending: pending.current },
        );
      });
    },
    [],
  );

  return { gold, status, save };
}
