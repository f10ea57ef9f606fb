import type { FileStorage } from '../../server/core/storage.js';

/**
 * The business's logo printed at the top of its finance documents (docs/documents.md, "Seller logo"): one PNG
 * or JPEG under a fixed storage key. Its type is told by its first bytes, never by what the browser claims.
 */

export const sellerLogoKey = 'settings/seller-logo';
export const sellerLogoMaxBytes = 512 * 1024;

export type LogoType = 'image/png' | 'image/jpeg';

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** 'image/png' or 'image/jpeg' by the magic bytes, else null. A PNG must also start with its IHDR chunk. */
export function logoTypeOf(data: Uint8Array): LogoType | null {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (
    bytes.length > 24 &&
    bytes.subarray(0, 8).equals(pngSignature) &&
    bytes.toString('latin1', 12, 16) === 'IHDR'
  )
    return 'image/png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/** The stored logo, or null when the business has none. */
export async function sellerLogo(storage: FileStorage): Promise<Buffer | null> {
  const file = await storage.read(sellerLogoKey);
  if (!file) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

export async function saveSellerLogo(storage: FileStorage, data: Buffer): Promise<void> {
  await storage.put(sellerLogoKey, data);
}

export async function removeSellerLogo(storage: FileStorage): Promise<void> {
  await storage.delete(sellerLogoKey);
}
