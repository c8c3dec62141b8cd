/** Product images in the desktop app: uploading with progress (back office), thumbnails (till). */
export {
  type UploadedImage,
  type UploadImagesRequest,
  type UploadOutcome,
  type UploadProgress,
  uploadProductImages,
} from './image-upload.js';
export { showThumbnail, type Thumbnail, thumbnailOf } from './product-thumbnail.js';
