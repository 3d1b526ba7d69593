// Imports an ESM-only package found the CommonJS way, so that on Lambda it resolves from the layer (NODE_PATH),
// which ESM's own resolution never searches.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export async function importExternal<T>(name: string): Promise<T> {
  const path = createRequire(import.meta.url).resolve(name);
  return (await import(pathToFileURL(path).href)) as T;
}
