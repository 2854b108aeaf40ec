// A bad configuration stops the server with a sentence naming the variable.
import { ConfigError, loadEnv } from "./lib/env";

try {
  const e = loadEnv();
  if (!e.authSecret) throw new ConfigError("AUTH_SECRET", "is not set (npm start and npm run demo generate one into .env.local)");
} catch (err) {
  console.error(`\n${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
