import { byIdInput } from '@allure/shared/common.schema';
import { failedImagesInput, listImagesInput, updateImageInput } from '@allure/shared/product-image.schema';
import { allow, router } from '../trpc/trpc.js';
import { deleteImage, failedImages, listImages, retryImage, updateImage } from './image-admin.service.js';

// Product images for the back office. Uploads are a plain multipart route beside tRPC
// (POST /media/products/:productId/images, image-upload.route.ts).
const manager = allow('admin', 'manager');

export const mediaRouter = router({
  images: router({
    /** A product's images in order, every status; a failed one says why. */
    list: manager.input(listImagesInput).query(({ ctx, input }) => listImages(ctx, input)),
    /** Images whose renditions could not be made, across the catalog. */
    failed: manager.input(failedImagesInput).query(({ ctx, input }) => failedImages(ctx, input)),
    update: manager.input(updateImageInput).mutation(({ ctx, input }) => updateImage(ctx, input)),
    delete: manager.input(byIdInput).mutation(({ ctx, input }) => deleteImage(ctx, input.id)),
    retry: manager.input(byIdInput).mutation(({ ctx, input }) => retryImage(ctx, input.id)),
  }),
});
