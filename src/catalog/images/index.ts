// Product photos: storage, renditions, admin API and back-office form posts. Multipart parsing is registered in
// this module's own plugin scope, so no other route accepts multipart bodies.
import multipart from '@fastify/multipart';
import type { HttpModule } from '../../platform/http/app.ts';
import { registerImagePages } from './admin-pages.tsx';
import { registerImageRoutes } from './images.routes.ts';
import { registerMediaRoutes } from './media.routes.ts';
import { MULTIPART_OPTIONS } from './read-upload.ts';

export {
  storeProductImage,
  listProductImages,
  getProductImage,
  updateProductImage,
  updateImageAlt,
  reorderImages,
  deleteProductImage,
  type StoreImageOptions,
  type StoredImage,
  type ProductImage,
  type ImagePatch,
} from './images.service.ts';
export { ProductImagesPanel, type ProductImagesPanelProps } from './admin-pages.tsx';
export { ProductPicture, type PictureImage, type PictureProps } from './picture.tsx';
export { imageUrl, srcset, widthsFor, IMAGE_WIDTHS, IMAGE_FORMATS, STORAGE_KEY_PATTERN, type ImageWidth, type ImageFormat } from './urls.ts';

export const imagesModule: HttpModule = {
  name: 'catalog-images',
  async register(app, ctx) {
    registerMediaRoutes(app, ctx);
    await app.register(async (scope) => {
      await scope.register(multipart, MULTIPART_OPTIONS);
      registerImageRoutes(scope, ctx);
      registerImagePages(scope, ctx);
    });
  },
};
