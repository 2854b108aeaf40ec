/** UTF-16 code units (storage) → Unicode code points (exports). */

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * A converter from UTF-16 offsets into `text` to code point offsets. Text without surrogate
 * pairs (most news text) converts as the identity; otherwise one table of text.length + 1 entries.
 * An offset in the middle of a pair maps to the code point that pair forms.
 */
export function codePointOffsets(text: string): (utf16: number) => number {
  if (!SURROGATE.test(text)) return (i) => Math.max(0, Math.min(i, text.length));
  const table = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    table[i] = cp;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) table[++i] = cp;
    }
    cp++;
  }
  table[text.length] = cp;
  return (i) => table[Math.max(0, Math.min(i, text.length))] ?? cp;
}
