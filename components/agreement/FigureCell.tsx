import type { Figure } from "@/server/agreement";
import { num, pct, undefinedText } from "@/components/agreement/format";

/** A table cell with a figure, or "—" and the reason it is undefined, in words; `note` says what it was computed over. */
export function FigureCell({ f, percent = false, note }: { f: Figure; percent?: boolean; note?: string }) {
  return (
    <td className="px-3 py-2 text-right tabular-nums">
      {f.value === null ? (
        <span>
          — <span className="muted block text-xs">{undefinedText(f)}</span>
        </span>
      ) : percent ? (
        pct(f.value)
      ) : (
        num(f.value, 3)
      )}
      {note && <span className="muted block text-xs">{note}</span>}
    </td>
  );
}
