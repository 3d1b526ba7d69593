// The Teams card: the envelope a Workflows webhook expects, status colour, facts as text, buttons, the quote that
// stands in for a thread, the picture's deadline — and user text that cannot format the card.
import { describe, expect, it } from 'vitest';
import { checkResult } from '../helpers/check-result.ts';
import { alertFacts } from '../../src/notify/alert-facts.ts';
import { buildTeamsMessage, pictureUntil, quoteLine, teamsText, TEAMS_BUDGET_BYTES, type TeamsCardInput } from '../../src/notify/teams-card.ts';
import type { CheckResult } from '../../src/result/types.ts';

const NOW = Date.UTC(2026, 10, 29, 8, 0, 0);

function failed(): CheckResult {
  return checkResult({
    name: 'checkout *prod*', file: 'checks/checkout.check.ts', baseURL: 'https://shop.example', status: 'failed',
    startedAt: Date.UTC(2026, 10, 29, 7, 35, 12), durationMs: 12_300, budget: { degradedResponseTime: 3000, maxResponseTime: 10_000 }, attempts: 2,
    navigations: [{ url: 'https://shop.example/cart', status: 500, startedAt: 0 }],
    steps: [{ name: 'add to cart', status: 'failed', durationMs: 11_000, budget: {} }],
    screenshots: [{ file: 'f.png', step: 'add to cart', kind: 'failure', attempt: 2, width: 1, height: 1, link: { url: 'https://s3.example/shot.png?X-Amz-Signature=1', expiresAt: new Date(NOW + 3 * 3600_000).toISOString(), endsWithSession: true } }],
    trace: { file: 'trace.zip', size: 10, link: { url: 'https://s3.example/trace.zip?X-Amz-Signature=2' } },
    error: { name: 'Error', message: 'expected [the cart](javascript:alert(1)) to show _1_ item', class: 'assertion', step: 'add to cart' },
    storage: { folder: 'runs/x/', local: '/tmp/x', durationMs: 5, s3: { location: 's3://b/runs/x/', result: { url: 'https://s3.example/result.json' } } },
  });
}

const input = (r: CheckResult, more: Partial<TeamsCardInput> = {}): TeamsCardInput => ({
  facts: alertFacts(r, { kind: 'alert', runId: 'r-1', timeZone: 'Asia/Tokyo', logsUrl: 'https://console.aws/logs', now: NOW }),
  kind: 'alert', timeZone: 'Asia/Tokyo', now: NOW, screenshot: r.screenshots[0], ...more,
});

describe('buildTeamsMessage', () => {
  const { message, bytes, level } = buildTeamsMessage(input(failed()));
  const card = message.attachments[0]!.content;
  const all = JSON.stringify(card);

  it('is the message a Workflows webhook posts: one Adaptive Card attachment, version 1.4, with a body', () => {
    expect(message).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null }] });
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4', msteams: { width: 'Full' } });
    expect(level).toBe(0);
    expect(bytes).toBeLessThan(TEAMS_BUDGET_BYTES);
  });

  it('leads with the status in colour and an escaped headline', () => {
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'attention', items: [{ text: '🔴 checkout \\*prod\\* FAILED', color: 'attention', weight: 'Bolder' }] });
  });

  it('names the failing step and shows the error as literal text, timings as facts', () => {
    expect(all).toContain('**assertion error** in **add to cart**');
    expect(all).toContain('expected \\\\[the cart\\\\](javascript:alert(1)) to show \\\\_1\\\\_ item');
    expect(card.body).toContainEqual(expect.objectContaining({ type: 'FactSet', facts: expect.arrayContaining([{ title: 'Duration', value: '12 s / 3 s / 10 s' }, { title: 'HTTP status', value: '500' }]) }));
  });

  it('shows the picture by its link and says it lasts only as long as the signing session', () => {
    expect(card.body).toContainEqual(expect.objectContaining({ type: 'Image', url: 'https://s3.example/shot.png?X-Amz-Signature=1' }));
    expect(all).toContain('The picture shows until the session that signed its link ends (often within hours, 29 Nov, 20:00 GMT+9 at the latest)');
  });

  it('has buttons to the result, the trace and the logs', () => {
    expect(card.actions!.map((a) => [a.type, a.title])).toEqual([
      ['Action.OpenUrl', 'Result'], ['Action.OpenUrl', 'Trace'], ['Action.OpenUrl', 'Logs'], ['Action.OpenUrl', 'Screenshot'], ['Action.OpenUrl', 'Open the page'],
    ]);
  });
});

describe('a reply quotes the first card (no threads in a Workflows webhook)', () => {
  it('says which message it follows and when the incident opened, in the run\'s zone', () => {
    const quote = { title: 'checkout FAILED', openedAt: '2026-11-29T00:00:00.000Z' };
    expect(quoteLine(quote, 'Asia/Tokyo')).toBe('Re: checkout FAILED — opened 29 Nov, 09:00 GMT+9');
    const { message } = buildTeamsMessage(input(failed(), { quote }));
    expect(message.attachments[0]!.content.body[0]).toMatchObject({ items: [{ text: 'Re: checkout FAILED — opened 29 Nov, 09:00 GMT+9', isSubtle: true }, {}] });
  });
});

describe('pictureUntil', () => {
  it('gives the link\'s end, and nothing once it passed', () => {
    expect(pictureUntil({ url: 'u', expiresAt: '2026-11-30T00:00:00Z' }, NOW, 'UTC')).toBe('until 30 Nov, 00:00 UTC, when its link expires');
    expect(pictureUntil({ url: 'u', expiresAt: '2026-11-29T07:00:00Z' }, NOW, 'UTC')).toBeUndefined();
    expect(pictureUntil({ url: 'u', expiresAt: 'soon' }, NOW, 'UTC')).toBeUndefined();
  });
});

describe('teamsText', () => {
  it('keeps Markdown from formatting user text', () => {
    expect(teamsText('- a *b* _c_ [d](e) `f` ~g~ \\h')).toBe('\\- a \\*b\\* \\_c\\_ \\[d\\](e) \\`f\\` \\~g\\~ \\\\h');
    expect(teamsText('1. first\n# title\n> quote')).toBe('1\\. first\n\\# title\n\\> quote');
  });
});

describe('size', () => {
  it('a card too large is cut step by step, says what was left out, and fits the budget', () => {
    const r = failed();
    r.steps = Array.from({ length: 300 }, (_, i) => ({ name: `step ${i} ${'x'.repeat(60)}`, status: i === 299 ? 'failed' : 'passed', durationMs: 1, budget: {} }));
    r.error!.message = 'z'.repeat(5000);
    const { message, bytes, level } = buildTeamsMessage(input(r));
    const all = JSON.stringify(message);
    expect(level).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(TEAMS_BUDGET_BYTES);
    expect(all).toContain('✗ step 299');
    expect(all).toMatch(/Shortened to fit a Teams message: the full error, \d+ of 300 steps are in the result/);
  });
});
