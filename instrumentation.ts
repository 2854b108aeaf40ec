// Runs once when the server starts: a bad configuration stops it with a sentence naming the variable.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { loadEnv, ConfigError } = await import("./lib/env");
  try {
    const e = loadEnv();
    if (!e.authSecret) throw new ConfigError("AUTH_SECRET", "is not set (npm start and npm run demo generate one into .env.local)");
  } catch (err) {
    console.error(`\n${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
