/**
 * The URL contract of catalog media, shared by the back office (which stores files) and the shopper-facing
 * catalog (which shows galleries and document links).
 *
 * An image is stored as three files under `catalog-media/`: `<imageId>-original.<ext>` (the upload as sent),
 * `<imageId>-medium.webp` (1200 px on the long side) and `<imageId>-thumb.webp` (400 px). `product_images.storage_key`
 * holds the original's storage key and `thumb_key` the thumbnail's; the medium key is derived from the id.
 * The public URL of each is `/api/v1/public/catalog/media/<file name>`, served with long cache headers (a
 * re-upload is a new image id, so a URL never changes its content).
 *
 * A document is served by id from one route: `/api/v1/public/catalog/documents/<documentId>` serves the documents
 * of products guests may see; with `?orgId=<orgId>` a signed-in member of that company also gets the documents of
 * products visible to the company's customer group (staff with `catalog.manage` get every document).
 */

/** Folder of catalog media in the file storage. */
export const mediaFolder = 'catalog-media';

/** Base of the public media URLs. */
export const mediaBaseUrl = '/api/v1/public/catalog/media';

/** Image sizes the back office generates. */
export const imageSizes = { medium: 1200, thumb: 400 } as const;

/** Storage keys of an image's three files. */
export function imageKeys(imageId: string, originalExt: string) {
  return {
    storageKey: `${mediaFolder}/${imageId}-original.${originalExt}`,
    mediumKey: `${mediaFolder}/${imageId}-medium.webp`,
    thumbKey: `${mediaFolder}/${imageId}-thumb.webp`,
  };
}

/** Public URL of a stored media file, from its storage key. */
export function mediaUrl(storageKey: string): string {
  return `${mediaBaseUrl}/${storageKey.slice(storageKey.lastIndexOf('/') + 1)}`;
}

/** The three public URLs of a product image row. */
export function imageUrls(image: { id: string; storageKey: string; thumbKey: string }) {
  return {
    original: mediaUrl(image.storageKey),
    medium: mediaUrl(`${mediaFolder}/${image.id}-medium.webp`),
    thumb: mediaUrl(image.thumbKey),
  };
}

/** URL of a product document; pass the company the person acts for, so its assortment counts. */
export function documentUrl(documentId: string, orgId?: string | null): string {
  const url = `/api/v1/public/catalog/documents/${documentId}`;
  return orgId ? `${url}?orgId=${orgId}` : url;
}
