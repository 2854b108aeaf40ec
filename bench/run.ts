/**
 * npm run bench: every benchmark of the project, one table (figure, target, baseline measured in
 * the same run, ratio), also written as JSON to bench/results/. Pick some with
 * `npm run bench -- agreement workspace`.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BenchResult } from "./types";

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const modules = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .map((f) => f.replace(/\.bench\.ts$/, ""))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

async function main() {
  const rows: (BenchResult & { suite: string })[] = [];
  let failed = false;
  for (const name of modules) {
    console.error(`== ${name}`);
    // Each benchmark in a process of its own: its own database, caches and memory figures.
    const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(dir, "run-one.mts"), name], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 64 * 1024 * 1024,
    });
    const last = r.stdout.trim().split("\n").at(-1) ?? "";
    try {
      if (r.status !== 0) throw new Error(`exit ${r.status}`);
      for (const x of JSON.parse(last) as BenchResult[]) rows.push({ suite: name, ...x });
    } catch (e) {
      failed = true;
      console.error(`${name} failed (${(e as Error).message})`);
    }
  }
  const fmt = (n: number | undefined) => (n === undefined ? "" : Number.isInteger(n) ? String(n) : n.toFixed(n < 1 ? 3 : 1));
  console.log("\n| suite | figure | value | target | ok | baseline | ratio |\n| --- | --- | --- | --- | --- | --- | --- |");
  for (const r of rows) {
    console.log(
      `| ${r.suite} | ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.target ?? ""} | ${r.ok === undefined ? "" : r.ok ? "yes" : "NO"} | ${r.baseline ? `${fmt(r.baseline.value)} (${r.baseline.name})` : ""} | ${r.ratio === undefined ? "" : r.ratio.toFixed(2)} |`,
    );
  }
  const out = path.join(dir, "results");
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  const report = JSON.stringify({ date: new Date().toISOString(), node: process.version, results: rows }, null, 2);
  writeFileSync(file, report);
  writeFileSync(path.join(out, "latest.json"), report);
  console.error(`\nwritten ${path.relative(process.cwd(), file)}`);
  process.exit(failed ? 1 : 0);
}

void main();
