// One browser per worker process, started early and shared by its checks; relaunched if it crashes so later checks still get one.
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';

export interface BrowserProvider {
  get(): Promise<Browser>;
  close(): Promise<void>;
}

export function browserProvider(launch: () => Promise<Browser> = () => launchBrowser()): BrowserProvider {
  let current: Promise<Browser> | undefined;
  return {
    get() {
      // Chained, so concurrent callers after a crash share one relaunch. A launch that failed stays failed:
      // every check then reports it at once instead of retrying a broken install.
      current = current ? current.then((b) => (b.isConnected() ? b : launch())) : launch();
      current.catch(() => {});
      return current;
    },
    async close() {
      const b = await current?.catch(() => undefined);
      await b?.close().catch(() => {});
    },
  };
}
