// Where a Playwright trace opens: Playwright's hosted trace viewer, reading the trace from its (presigned) URL — the
// bucket's CORS rule lets it fetch. The HTML report and the Slack alert both link it.

export const TRACE_VIEWER = 'https://trace.playwright.dev/';

export const traceViewerUrl = (traceUrl: string): string => `${TRACE_VIEWER}?trace=${encodeURIComponent(traceUrl)}`;
