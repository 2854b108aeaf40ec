/** Runs one benchmark module in a process of its own and prints its results as JSON on the last line. */
import path from "node:path";
import type { BenchResult } from "./types";

const name = process.argv[2];
if (!name) {
  console.error("usage: bench/run-one.ts <name>");
  process.exit(2);
}
const mod = (await import(path.join(import.meta.dirname, `${name}.bench.ts`))) as { run: () => Promise<BenchResult[]> };
const results = await mod.run();
console.log(`\n${JSON.stringify(results)}`);
process.exit(0);
