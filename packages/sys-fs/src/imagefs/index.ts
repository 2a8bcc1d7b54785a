export { buildImage } from './build-image.js';
export { fnv1a64 } from './fnv.js';
export { IMAGE_VERSION, KANDELO_IMAGE_MAGIC } from './format.js';
export { ImageFs, type ImageFsOptions, type ImageOpenDevice } from './image-fs.js';
export { ImageError } from './image-layout.js';
export { ImageFile } from './image-nodes.js';
export type {
  ImageAttrs, ImageEntries, ImageTree, ImageTreeDevice, ImageTreeDir, ImageTreeFile, ImageTreeNode, ImageTreeSpecial,
  ImageTreeSymlink,
} from './image-tree.js';
