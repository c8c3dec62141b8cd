/** Start-up configuration of this package's command-line tools; their entry files pass `process.env`. */

export const defaultDatabaseUrl = 'postgresql://postgres@127.0.0.1:5432/allure';

export interface CliConfig {
  databaseUrl: string;
}

/** Parses the environment once; exits with a message naming the bad variable. */
export function loadCliConfig(env: NodeJS.ProcessEnv): CliConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || defaultDatabaseUrl;
  const problem = checkDatabaseUrl(databaseUrl);
  if (problem) {
    console.error(`Invalid configuration: DATABASE_URL ${problem}`);
    process.exit(2);
  }
  return { databaseUrl };
}

function checkDatabaseUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL (expected postgresql://user[:password]@host[:port]/database)';
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    return `must start with postgresql:// (got ${url.protocol}//)`;
  }
  if (url.pathname.replace(/^\//, '') === '') return 'names no database (expected …/<database>)';
  return null;
}

/** The URL without its password, for log lines. */
export function redactUrl(value: string): string {
  const url = new URL(value);
  if (url.password) url.password = '***';
  return url.toString();
}
