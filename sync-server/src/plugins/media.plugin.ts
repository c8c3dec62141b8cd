import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { DiskStore } from '../media/disk-store.js';
import type { MediaStore } from '../media/media-store.js';
import { removeStaleTemporary } from '../media/media-sweep.js';
import { S3Store } from '../media/s3-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    media: MediaStore;
  }
}

const DAY_MS = 86_400_000;

/**
 * The media store (MEDIA_STORE): this server's disk, whose public images it then serves itself under
 * /media/images/ with immutable cache headers (`serve`), or S3-compatible storage that clients fetch from
 * directly. Start-up also removes temporary upload folders a killed process left.
 */
export const mediaPlugin = fp(
  async (app, options: { media: Config['media']; serve: boolean }) => {
    const { media } = options;
    const store: MediaStore = media.store === 's3' ? new S3Store(media.s3) : new DiskStore(media.dir);
    app.decorate('media', store);
    if (store instanceof DiskStore && options.serve) {
      await app.register(async (files) => {
        // Pictures are for any site to show, the shop's and the desktop app's pages included: this
        // overrides helmet's same-site default, which would have browsers refuse them there.
        files.addHook('onRequest', async (_request, reply) => {
          reply.header('cross-origin-resource-policy', 'cross-origin');
        });
        await files.register(fastifyStatic, {
          root: `${media.dir}/images`,
          prefix: '/media/images/',
          decorateReply: false,
          index: false,
          list: false,
          dotfiles: 'deny',
          immutable: true,
          maxAge: 365 * DAY_MS,
          // Names change with content, so no revalidation is ever needed.
          etag: false,
          lastModified: false,
        });
      });
    }
    void removeStaleTemporary(media.tmpDir, Date.now() - 3_600_000).catch((error: unknown) =>
      app.log.warn({ err: error }, 'stale upload folders not removed'),
    );
    app.addHook('onClose', async () => {
      if (store instanceof S3Store) store.close();
    });
  },
  { name: 'media' },
);
