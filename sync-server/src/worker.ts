import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from './config.js';
import { buildWorker } from './worker-app.js';

// `node dist/worker.js`: runs the background jobs apart from the API (start the API with WORKERS=off).

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`allure worker: ${error.message}\n`);
  process.exit(78); // EX_CONFIG
}

const worker = await buildWorker(config);

// On SIGTERM/SIGINT the running jobs finish (up to the deadline), then connections close.
closeWithGrace({ delay: config.http.shutdownTimeoutMs, logger: worker.log }, async ({ signal, err }) => {
  if (err) worker.log.error({ err }, 'worker stopping after an unexpected error');
  else worker.log.info({ signal }, 'worker stopping: finishing running jobs');
  await worker.close();
});

await worker.listen({ host: config.host, port: config.port });
