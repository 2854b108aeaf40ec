/**
 * Running the pandas checks (tests/pandas/*.py) with Debian's python3-pandas: the interpreter, and
 * why the checks are skipped where it or pandas is missing (said on the console, and in the test's name).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

export const PYTHON = process.env.PYTHON ?? "/usr/bin/python3";

function pandasMissing(): string | null {
  const r = spawnSync(PYTHON, ["-c", "import pandas"], { encoding: "utf8" });
  if (r.error) return `${PYTHON} not found (${r.error.message})`;
  if (r.status !== 0) return `${PYTHON} has no pandas (apt-get install python3-pandas): ${r.stderr.trim().split("\n").pop()}`;
  return null;
}

/** null when pandas can run; else why not (warned once per test file). */
export function pandasSkip(what: string): string | null {
  const missing = pandasMissing();
  if (missing) console.warn(`SKIPPED ${what}: ${missing}`);
  return missing;
}

/** Runs tests/pandas/<script> on a folder; its stdout, stderr and exit status. */
export function runPandas(script: string, dir: string) {
  return spawnSync(PYTHON, [path.resolve(import.meta.dirname, "../pandas", script), dir], { encoding: "utf8" });
}
