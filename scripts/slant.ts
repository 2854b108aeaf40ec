// The Slant command line: npm run slant -- <command> [options]. Acts as the system (admin).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadEnv } from "@/lib/env";
import { SYSTEM_ACTOR } from "@/server/auth/actor";
import { createUser, findUserIdByEmail, listUsers, resetPassword, setUserAdmin, setUserDisabled } from "@/server/users";
import { addMember, createProject } from "@/server/projects";
import { isAppError } from "@/server/errors";
import { createTokenForUser } from "@/server/tokens";
import { backupDatabase, restoreDatabase } from "@/server/backup";
import type { ImportProgress, ImportRunOptions } from "@/server/imports";
import { formatImportError } from "@/lib/formats/types";
import { DEFAULT_TEMPLATE_ID } from "@/lib/schema/templates";
import { importSummary, labelsNotImportedNote, type ImportReport } from "@/lib/validation/imports";
import { startProviderServer } from "@/server/suggestions/serve-provider";
import { EXPORT_HELP, exportCommands } from "./slant-export";
import { SUGGEST_HELP, SuggestUsageError, suggestCommand } from "./slant-suggest";

const HELP = `Usage: npm run slant -- <command> [options]

Users
  user:create --email E --name N [--password P] [--admin]   (a password is generated and printed when omitted)
  user:list
  user:disable --email E          user:enable --email E
  user:reset-password --email E [--password P]
  user:make-admin --email E       user:revoke-admin --email E
Projects
  project:create --name N [--slug S] [--targets "A,B,C"] [--template news_stance_sourcing|sentence_bias]
  member:add --project ID|SLUG --email E --role MANAGER|REVIEWER|ANNOTATOR
  document:add --project ID|SLUG --file PATH [--title T]   one file through the import below (same checks and
                                     report); --title replaces the title of its one article; prints the document id
  import --project ID|SLUG FILE...   .txt .md .html .json .jsonl .csv .zip; each file all-or-nothing;
                                     progress on stderr, report on stdout; exit code 1 if a file is rejected
Export
${EXPORT_HELP}
Suggestions (no database)
${SUGGEST_HELP}
  serve-provider [--port N] [--host H]   serve the built-in rules as an HTTP suggestion provider (protocol:
                    slant-suggest/1, /api/v1/provider-protocol.json); host 127.0.0.1 unless given; port 8787
API tokens and backups
  token:create --email E --name N [--scope read|write]   issue a personal access token for that user (shown once)
  backup FILE      a consistent copy of the live database (SQLite online backup; pg_dump for PostgreSQL)
  restore FILE --yes   bring a backup back (stop the app first)
Options
  --json    print the result as JSON
`;

const options = {
  email: { type: "string" },
  name: { type: "string" },
  password: { type: "string" },
  admin: { type: "boolean" },
  slug: { type: "string" },
  targets: { type: "string" },
  template: { type: "string" },
  project: { type: "string" },
  role: { type: "string" },
  file: { type: "string" },
  title: { type: "string" },
  json: { type: "boolean" },
  scope: { type: "string" },
  yes: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

class UsageError extends Error {}

function need(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== "string" || !v.trim()) throw new UsageError(`--${name} is required`);
  return v;
}

async function run(command: string, values: Record<string, string | boolean | undefined>, args: string[] = []): Promise<unknown> {
  const actor = SYSTEM_ACTOR;
  const byEmail = () => findUserIdByEmail(actor, need(values, "email"));
  switch (command) {
    case "user:create": {
      const generated = !values.password;
      const password = (values.password as string | undefined) ?? randomBytes(12).toString("base64url");
      const user = await createUser(actor, {
        email: need(values, "email"),
        name: (values.name as string) ?? need(values, "email").split("@")[0]!,
        password,
        isAdmin: !!values.admin,
      });
      return { ...user, ...(generated ? { password } : {}) };
    }
    case "user:list":
      return listUsers(actor);
    case "user:disable":
      return setUserDisabled(actor, await byEmail(), true);
    case "user:enable":
      return setUserDisabled(actor, await byEmail(), false);
    case "user:make-admin":
      return setUserAdmin(actor, await byEmail(), true);
    case "user:revoke-admin":
      return setUserAdmin(actor, await byEmail(), false);
    case "user:reset-password": {
      const generated = !values.password;
      const password = (values.password as string | undefined) ?? randomBytes(12).toString("base64url");
      const user = await resetPassword(actor, await byEmail(), password);
      return { ...user, ...(generated ? { password } : {}) };
    }
    case "project:create": {
      const targets = ((values.targets as string | undefined) ?? "")
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean);
      return createProject(actor, {
        name: need(values, "name"),
        slug: values.slug as string | undefined,
        targets,
        template: (values.template as string) ?? DEFAULT_TEMPLATE_ID,
      });
    }
    case "member:add":
      return addMember(actor, need(values, "project"), { email: need(values, "email"), role: need(values, "role").toUpperCase() });
    case "document:add":
      return addDocumentCommand(need(values, "project"), need(values, "file"), values.title as string | undefined, !!values.json);
    case "import":
      return importCommand(need(values, "project"), args, !!values.json);
    case "token:create": {
      const { token, secret } = await createTokenForUser(actor, need(values, "email"), {
        name: need(values, "name"),
        scope: ((values.scope as string | undefined) ?? "read") as "read",
      });
      return { ...token, secret };
    }
    case "backup": {
      if (!args[0]) throw new UsageError("backup: name the file to write, e.g. npm run slant -- backup backups/slant-2026-11-25.db");
      return backupDatabase(loadEnv().database, args[0]);
    }
    case "restore": {
      if (!args[0]) throw new UsageError("restore: name the backup file");
      if (!values.yes) throw new UsageError("restore replaces the database's content: stop the app, then run again with --yes");
      await restoreDatabase(loadEnv().database, args[0]);
      return `Restored ${args[0]}`;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : "no command given");
  }
}

/** Reads the named files for an import; a missing file is a usage error naming it. */
function uploadsOf(files: string[]) {
  return files.map((file) => {
    try {
      return { name: path.basename(file), bytes: readFileSync(file) };
    } catch (e) {
      throw new UsageError(`${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
    }
  });
}

/** Runs the import (the same as the web page's) to the end, with progress on stderr; exit code 1 when a file is rejected. */
async function runImport(project: string, files: string[], opts: Omit<ImportRunOptions, "onProgress"> = {}): Promise<ImportReport> {
  const uploads = uploadsOf(files);
  // Loaded when this command runs, not at start: the import parsers (jsdom for HTML) take ~75 MB
  // that no other command needs (the export's memory is a benchmark target). `require`, not
  // `import()`: the CLI runs under tsx's require hook (scripts/run.mjs), which resolves "@/…";
  // Node's import() would bypass it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { importFilesNow } = require("@/server/imports") as typeof import("@/server/imports");
  let shown = -1;
  const onProgress = ({ processed, total }: ImportProgress) => {
    if (!total) return;
    const pct = Math.floor((100 * processed) / total);
    if (process.stderr.isTTY) process.stderr.write(`\rimporting: ${processed}/${total} articles (${pct}%)`);
    else if (pct >= shown + 10 || processed === total) {
      shown = pct;
      process.stderr.write(`importing: ${processed}/${total} articles\n`);
    }
  };
  const report = await importFilesNow(SYSTEM_ACTOR, project, uploads, { ...opts, onProgress });
  if (process.stderr.isTTY) process.stderr.write("\n");
  if (report.rejectedFiles > 0) process.exitCode = 1;
  return report;
}

function reportLines(report: ImportReport): string[] {
  const lines = report.files.flatMap((f) => [
    f.rejected ? `✗ ${f.name}: rejected, nothing imported` : `✓ ${f.name}: ${f.imported} imported, ${f.duplicates} duplicates skipped`,
    ...f.errors.map((e) => `  ${formatImportError(e)}`),
  ]);
  lines.push(importSummary(report));
  if (report.labelsNotImported) lines.push(labelsNotImportedNote(report.labelsNotImported));
  return lines;
}

/** `import --project P FILE...`: the same import as the web page, run to the end. */
async function importCommand(project: string, files: string[], json: boolean): Promise<ImportReport | string> {
  if (files.length === 0) throw new UsageError("import: name one or more files after the options");
  const report = await runImport(project, files);
  return json ? report : reportLines(report).join("\n");
}

/**
 * `document:add --file F [--title T]`: one file through the same import (parsers, checks,
 * segmentation, duplicate check, report); `--title` replaces the title of its one article. Prints
 * the new document's id (`created`), for scripts.
 */
async function addDocumentCommand(project: string, file: string, title: string | undefined, json: boolean) {
  const created: string[] = [];
  const report = await runImport(project, [file], { title, onStored: (ids) => created.push(...ids) });
  if (json) return { created, duplicates: report.duplicates, rejected: report.rejectedFiles > 0, report };
  return [...reportLines(report), ...(created.length ? [`document id: ${created.join(", ")}`] : [])].join("\n");
}

/** Runs until the process is stopped; prints the address it listens on. */
async function serveProviderCommand(args: string[]) {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { port: { type: "string" }, host: { type: "string" } }, strict: true }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const port = Number(values.port ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${values.port}"`);
  const { server, url } = await startProviderServer({ port, host: values.host });
  console.log(`Suggestion provider (built-in rules) listening on ${url}`);
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  // Needs no database and no configuration: runs before loadEnv().
  if (command === "suggest" && !rest.includes("--help")) {
    process.exitCode = suggestCommand(rest);
    return;
  }
  if (command === "serve-provider" && !rest.includes("--help")) {
    await serveProviderCommand(rest);
    return;
  }
  if ((command === "export" || command === "import:slant") && !rest.includes("--help")) {
    loadEnv();
    process.exitCode = await exportCommands(command, rest); // own options; the file may go to stdout
    return;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    console.log(HELP);
    return;
  }
  loadEnv();
  const result = await run(positionals[0]!, values, positionals.slice(1));
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else if (Array.isArray(result)) console.table(result);
  else console.log(result);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    if (e instanceof UsageError || e instanceof SuggestUsageError) console.error(`slant: ${e.message}\n\n${HELP}`);
    else if (isAppError(e) || e instanceof ConfigError) console.error(`slant: ${e.message}`);
    else console.error(e);
    process.exit(isAppError(e) ? 1 : 2);
  },
);
