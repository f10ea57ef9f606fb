/**
 * Public URLs of catalog media, following the back office's contract (src/modules/catalog/media/media-urls.ts on
 * the back-office branch): `/api/v1/public/catalog/media/<file name>` for images, documents by id per scope.
 * Kept here until that file lands in main; the shapes are the same.
 */

const mediaBaseUrl = '/api/v1/public/catalog/media';

/** Public URL of a stored media file, from its storage key. */
function mediaUrl(storageKey: string): string {
  return `${mediaBaseUrl}/${storageKey.slice(storageKey.lastIndexOf('/') + 1)}`;
}

/** The original, medium (1200 px) and thumbnail (400 px) URLs of a product image row. */
export function imageUrls(image: { id: string; storageKey: string; thumbKey: string }) {
  const folder = image.storageKey.includes('/')
    ? image.storageKey.slice(0, image.storageKey.lastIndexOf('/'))
    : '';
  return {
    original: mediaUrl(image.storageKey),
    medium: mediaUrl(`${folder}/${image.id}-medium.webp`),
    thumb: mediaUrl(image.thumbKey),
  };
}

/** URL of a product document: the org scope serves it for the company's group, others publicly. */
export function documentUrl(documentId: string, orgId?: string | null): string {
  return orgId
    ? `/api/v1/orgs/${orgId}/catalog/documents/${documentId}`
    : `/api/v1/public/catalog/documents/${documentId}`;
}
