import type { Figure } from "@/server/agreement";
import { num, pct, undefinedText } from "@/components/agreement/format";

/** A table cell with a figure, or "—" and the reason it is undefined, in words. */
export function FigureCell({ f, percent = false }: { f: Figure; percent?: boolean }) {
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
    </td>
  );
}
