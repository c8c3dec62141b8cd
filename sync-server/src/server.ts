import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

// Listens and shuts down; everything else is built in app.ts.

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`allure sync-server: ${error.message}\n`);
  process.exit(78); // EX_CONFIG
}

const app = await buildApp(config);

// On SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish (up to the deadline), then
// the onClose hooks close the database pool and Redis. A second signal or the deadline forces the exit.
closeWithGrace({ delay: config.http.shutdownTimeoutMs, logger: app.log }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an unexpected error');
  else app.log.info({ signal }, 'shutting down: draining in-flight requests');
  await app.close();
  app.log.info('shutdown complete');
});

await app.listen({ host: config.host, port: config.port });
