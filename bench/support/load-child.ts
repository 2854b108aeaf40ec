/**
 * Load generators in a process of their own. A benchmark's main process holds Prisma, Playwright
 * and its seed data; its garbage collections paused the simulated annotators and were counted as
 * save latency (seen as 50-100 ms stalls that coincided with the bench process's own
 * mark-compacts). A lean child sends the requests instead and reports its figures as JSON.
 *
 * `runInChild(file, task, input)` runs `file` (a bench module) with `--load-child TASK` and the
 * input on stdin; the module calls `serveLoadChild(tasks)` at its entry point to answer. Other
 * measurements that need a process of their own (the export's RSS) use the same pair.
 */
import { spawn } from "node:child_process";

export async function runInChild<T>(
  file: string,
  task: string,
  input: unknown,
  opts: { nodeArgs?: string[]; env?: Record<string, string> } = {},
): Promise<T> {
  const args = [...(opts.nodeArgs ?? []), "--conditions=react-server", "--import", "tsx", file, "--load-child", task];
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, ...opts.env } });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stdin.end(JSON.stringify(input));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`child "${task}" of ${file} exited with ${code}`);
  return JSON.parse(out) as T;
}

/** In the child: runs the task named on the command line with the JSON input from stdin. Returns false in the parent. */
export function serveLoadChild(tasks: Record<string, (input: never) => Promise<unknown>>): boolean {
  const i = process.argv.indexOf("--load-child");
  if (i < 0) return false;
  const task = tasks[process.argv[i + 1] ?? ""];
  if (!task) throw new Error(`unknown load child task ${process.argv[i + 1]}`);
  let input = "";
  process.stdin.setEncoding("utf8").on("data", (d: string) => (input += d));
  process.stdin.on("end", () => {
    task(JSON.parse(input) as never).then(
      (r) => process.stdout.write(JSON.stringify(r), () => process.exit(0)),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  });
  return true;
}
