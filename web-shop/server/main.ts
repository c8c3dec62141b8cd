import closeWithGrace from 'close-with-grace';
import { buildShop } from './shop-app.js';
import { loadShopConfig } from './shop-config.js';

// Listens and shuts down; the shop is built in shop-app.ts.

let config: ReturnType<typeof loadShopConfig>;
try {
  config = loadShopConfig();
} catch (error) {
  process.stderr.write(`allure web shop: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(78); // EX_CONFIG
}

const app = await buildShop(config);

closeWithGrace({ delay: config.api.http.shutdownTimeoutMs, logger: app.log }, async ({ err }) => {
  if (err) app.log.error({ err }, 'shutting down after an unexpected error');
  await app.close();
});

await app.listen({ host: config.host, port: config.port });
