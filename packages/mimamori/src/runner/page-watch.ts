// Watches a page for main-document navigations (status, TTFB, DOMContentLoaded, load), console errors and failed requests.
import type { Page, Request, Response } from 'playwright-core';
import type { Navigation, PageErrors } from '../result/types.ts';

const MAX_SAMPLES = 10;

export interface PageWatch {
  navigations: Navigation[];
  pageErrors: PageErrors;
  /**
   * The first main-document navigation since index `from` whose status is not a success: 400 or above, or, when the
   * check sets expectedStatus, any status not in it (`expected` then says which were).
   */
  httpErrorSince(from: number): (Navigation & { status: number; expected?: number[] }) | undefined;
}

/** `expectedStatus`: the main document's statuses that count as success (absent: any status below 400). */
export function watchPage(page: Page, currentStep: () => string | undefined, expectedStatus?: number[]): PageWatch {
  const success = (status: number) => (expectedStatus ? expectedStatus.includes(status) : status < 400);
  const navigations: Navigation[] = [];
  const pageErrors: PageErrors = { consoleErrors: 0, failedRequests: 0, samples: [] };
  const sample = (text: string) => {
    if (pageErrors.samples.length < MAX_SAMPLES) pageErrors.samples.push(text.slice(0, 300));
  };
  const last = () => navigations[navigations.length - 1];
  const since = (nav: Navigation) => Math.max(0, Math.round(Date.now() - nav.startedAt));
  // Chromium gives a request that never got an answer no timing (startTime 0): when it was seen is the best start.
  const seenAt = new WeakMap<Request, number>();
  const startOf = (request: Request): number => {
    const { startTime } = request.timing();
    return startTime > 0 ? Math.round(startTime) : seenAt.get(request) ?? Date.now();
  };
  /** The hop a navigation began with: a redirect loop fails on its 20th hop, but started on its first. */
  const firstHop = (request: Request): Request => {
    let first = request;
    for (let r = request.redirectedFrom(); r; r = r.redirectedFrom()) first = r;
    return first;
  };
  const isMainNavigation = (request: Request) => request.isNavigationRequest() && request.frame() === page.mainFrame();

  page.on('request', (request) => {
    if (isMainNavigation(request)) seenAt.set(request, Date.now());
  });
  page.on('response', (response: Response) => {
    const request = response.request();
    const status = response.status();
    const mainDocument = request.isNavigationRequest() && response.frame() === page.mainFrame();
    // A main document answering a status the check expects (a 401 login wall, a 404 page) is no failed request.
    if (status >= 400 && !(mainDocument && expectedStatus?.includes(status))) {
      pageErrors.failedRequests++;
      sample(`HTTP ${status} ${request.method()} ${response.url()}`);
    }
    // Redirects are hops of one navigation: record where it lands.
    if (!mainDocument || (status >= 300 && status < 400)) return;
    const timing = request.timing();
    navigations.push({
      url: response.url(),
      status,
      startedAt: startOf(request),
      ttfbMs: timing.startTime > 0 && timing.responseStart >= 0 ? Math.round(timing.responseStart) : undefined,
      step: currentStep(),
    });
  });
  page.on('requestfailed', (request) => {
    pageErrors.failedRequests++;
    sample(`${request.failure()?.errorText ?? 'failed'} ${request.method()} ${request.url()}`);
    // A main document that never answered is a navigation too (status null): the report shows where it stopped.
    if (isMainNavigation(request)) {
      navigations.push({ url: request.url(), status: null, startedAt: startOf(firstHop(request)), step: currentStep() });
    }
  });
  // A navigation that never answered (status null) has no document of its own: the DOMContentLoaded and load that
  // follow are Chromium's error page's, not its timings.
  page.on('domcontentloaded', () => {
    const nav = last();
    if (nav && nav.status !== null && nav.domContentLoadedMs === undefined) nav.domContentLoadedMs = since(nav);
  });
  page.on('load', () => {
    const nav = last();
    if (nav && nav.status !== null && nav.loadMs === undefined) nav.loadMs = since(nav);
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    pageErrors.consoleErrors++;
    sample(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    pageErrors.consoleErrors++;
    sample(`uncaught: ${error.message}`);
  });

  return {
    navigations,
    pageErrors,
    httpErrorSince: (from) => {
      const bad = navigations.slice(from).find((n): n is Navigation & { status: number } => n.status !== null && !success(n.status));
      return bad && expectedStatus ? { ...bad, expected: expectedStatus } : bad;
    },
  };
}
