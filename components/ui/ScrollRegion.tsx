import type { ReactNode } from "react";

/**
 * A horizontally scrolling region that the keyboard reaches (Tab, then the arrow keys scroll it):
 * a wide table or matrix stays readable without a mouse (axe: scrollable-region-focusable).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be focusable to scroll by keyboard
    <div className="overflow-x-auto" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
