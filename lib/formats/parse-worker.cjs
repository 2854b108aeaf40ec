// The worker thread that parses one upload, started by server/parse-upload.ts. A plain script
// loaded by its path, so that next build has nothing to bundle: tsx (the project's TypeScript
// loader, also used by the CLI and migrations) compiles the parsers, which are plain TypeScript.
require("tsx/cjs");
require("./parse-worker-main.ts");
