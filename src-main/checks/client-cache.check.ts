/**
 * Check client.cache: the mstsc bitmap cache folder (%LOCALAPPDATA%\Microsoft\Terminal Server Client\Cache).
 * Evidence: { path, exists, fileCount, totalBytes, newestUtc }.
 */
import { parseCacheOutput } from '../windows/client/config';
import { clientCheck, collectParsed, plural } from './client-common';

/** A cache above this is worth clearing (cache.clear); it never blocks a connection by itself. */
export const LARGE_CACHE_BYTES = 1024 * 1024 * 1024;

/** client.cache: warns on a very large bitmap cache. */
export const clientCacheCheck = clientCheck('client.cache', [], async (ctx, windows) => {
  const c = await collectParsed(ctx, windows, 'client-cache', parseCacheOutput);
  const evidence = { ...c };
  const mb = (c.totalBytes / (1024 * 1024)).toFixed(0);
  if (!c.exists || c.fileCount === 0) return { status: 'pass', summary: 'The Remote Desktop bitmap cache is empty.', evidence };
  if (c.totalBytes >= LARGE_CACHE_BYTES) {
    return { status: 'warn', summary: `The bitmap cache holds ${mb} MB in ${plural(c.fileCount, 'file')}; clearing it can cure display glitches.`, evidence };
  }
  return { status: 'pass', summary: `Bitmap cache: ${mb} MB in ${plural(c.fileCount, 'file')}.`, evidence };
});
