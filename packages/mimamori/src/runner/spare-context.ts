// The next check's BrowserContext and page, opened while the worker waits for it: a new context is a new renderer with
// Playwright's scripts injected (≈ 50 ms here), which a warm Lambda invocation or the next check of a run otherwise
// waits for (docs/performance.md). One spare at a time, for options seen last; taken only by an attempt whose context
// options are the same and whose browser is the same, else closed. Never made for options that carry credentials: a
// context holding them waits for no one.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { closeContext } from './browser.ts';

export interface Opened {
  context: BrowserContext;
  page: Page;
}

interface Spare {
  key: string;
  browser: Browser;
  opened: Promise<Opened | undefined>;
}

/** What makes two attempts' contexts the same (the options are plain data: devices, viewport, locale, baseURL…). */
const keyOf = (options: BrowserContextOptions) => JSON.stringify(options);

const hasCredentials = (o: BrowserContextOptions) => Boolean(o.httpCredentials || o.extraHTTPHeaders || o.clientCertificates || o.proxy);

export class SpareContexts {
  private spare?: Spare;

  /**
   * `onDiscard`: a spare was made for nothing. Under Lambda's --single-process a context is never closed (closing one
   * ends the browser: closeContext leaves it empty), so the worker counts it as a run towards replacing its browser.
   */
  constructor(private readonly onDiscard: () => void = () => {}) {}

  private drop(spare: Spare): void {
    this.onDiscard();
    void spare.opened.then((o) => o && closeContext(o.context).catch(() => {}));
  }

  /** Opens a context and page for `options` in the background, replacing any spare there was. */
  prepare(browser: Browser, options: BrowserContextOptions): void {
    if (this.spare) this.drop(this.spare);
    this.spare = undefined;
    if (hasCredentials(options) || !browser.isConnected()) return;
    const opened = (async () => {
      const context = await browser.newContext(options);
      try {
        return { context, page: await context.newPage() };
      } catch {
        await closeContext(context).catch(() => {});
        return undefined;
      }
    })().catch(() => undefined);
    this.spare = { key: keyOf(options), browser, opened };
  }

  /** The spare when it was opened for these options in this browser (once); undefined otherwise (it is closed). */
  async take(browser: Browser, options: BrowserContextOptions): Promise<Opened | undefined> {
    const spare = this.spare;
    this.spare = undefined;
    if (!spare) return undefined;
    if (spare.browser !== browser || spare.key !== keyOf(options) || !browser.isConnected()) {
      this.drop(spare);
      return undefined;
    }
    const opened = await spare.opened;
    // A spare whose page died while it waited (a renderer crash) is no use.
    if (opened && opened.page.isClosed()) {
      this.drop(spare);
      return undefined;
    }
    return opened;
  }

  /** Closes the spare, if any (the browser is being replaced, or the worker ends). */
  discard(): void {
    const spare = this.spare;
    this.spare = undefined;
    if (spare) this.drop(spare);
  }
}
