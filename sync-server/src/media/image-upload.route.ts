import { uuid } from '@allure/shared/common.schema';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { sendAppError, staffOf } from '../auth/staff-route.js';
import type { Config } from '../config.js';
import { imagesChanged } from './image-admin.service.js';
import { checkUploadTarget, uploadImages } from './image-upload.service.js';

/**
 * POST /media/products/:productId/images[?variantId=…], multipart/form-data with one to IMAGE_MAX_FILES
 * image files (any field names): a plain route beside tRPC, because the body is a stream of files read to
 * disk as it arrives. Managers and admins only, same token and rate limit as the procedures. Answers 201
 * with the new images (pending: their renditions follow, see media.images.list), or refuses the whole
 * request: 400, 401, 403, 404, 409 (too many images), 413 (too large, too many files), 415 (not an image
 * we take), 422 (unreadable, too many pixels), 429, 503 (too many uploads at once).
 */

const params = z.object({ productId: uuid });
const query = z.object({ variantId: uuid.optional() });

export const imageUploadRoutes: FastifyPluginAsync<{ media: Config['media'] }> = async (app, options) => {
  const { media } = options;
  // Scoped to this plugin: no other route accepts multipart bodies.
  await app.register(multipart, {
    limits: {
      fileSize: media.maxBytes,
      files: media.maxFiles,
      fields: 10,
      fieldSize: 1_024,
      parts: media.maxFiles + 10,
      headerPairs: 100,
    },
  });
  let running = 0;

  app.post(
    '/media/products/:productId/images',
    { handlerTimeout: media.uploadTimeoutMs },
    async (request, reply) => {
      const staff = await staffOf(app, request, reply);
      if (!staff) return reply;
      const target = params.safeParse(request.params);
      const options = query.safeParse(request.query);
      if (!target.success || !options.success) {
        const error = (target.error ?? options.error) as z.ZodError;
        return reply
          .code(400)
          .send({ statusCode: 400, error: 'Bad Request', message: z.prettifyError(error) });
      }
      if (!request.isMultipart()) {
        return reply.code(415).send({
          statusCode: 415,
          error: 'Unsupported Media Type',
          message: 'send the images as multipart/form-data',
        });
      }
      if (running >= media.maxConcurrentUploads) {
        return reply.code(503).header('retry-after', '10').send({
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'too many uploads at once; try again shortly',
        });
      }
      running += 1;
      try {
        const upload = { productId: target.data.productId, variantId: options.data.variantId ?? null };
        await checkUploadTarget(app.db, upload);
        const images = await uploadImages(
          {
            db: app.db,
            store: app.media,
            jobs: app.jobs,
            limits: media,
            tmpDir: media.tmpDir,
            log: request.log,
          },
          upload,
          request.files(),
        );
        await imagesChanged(app, upload.productId);
        request.log.info(
          { productId: upload.productId, count: images.length, userId: staff.userId },
          'images uploaded',
        );
        return reply.code(201).header('cache-control', 'no-store').send({ images });
      } catch (error) {
        // A client that went away is not a server error; there is no one left to answer.
        if (request.raw.aborted || (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
          request.log.info({ productId: target.data.productId }, 'upload cut off by the client');
          return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'upload cut off' });
        }
        return sendAppError(reply, error);
      } finally {
        running -= 1;
      }
    },
  );
};
