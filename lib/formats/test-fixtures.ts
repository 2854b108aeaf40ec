/** Test helper: the bytes of a file in lib/formats/fixtures. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))));
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
