// The Chatwork message (pure): the alert's facts in [info] markup, what the page wrote kept from being markup (no
// ping from a page that says [toall]), links bare and whole, replies pointing to the first message, the size limit.
import { describe, expect, it } from 'vitest';
import { buildChatworkCaption, buildChatworkMessage, chatworkText, CHATWORK_MAX_BODY, replyTag } from '../../src/notify/chatwork-message.ts';
import { failedResult, NOW } from '../fixtures/chatwork-alert.ts';

const ctx = { kind: 'alert' as const, runId: '20261206T085900Z-abc123', timeZone: 'Asia/Tokyo', now: NOW };

describe('chatworkText', () => {
  it('turns every Chatwork tag the page could write into visible text, and leaves selectors alone', () => {
    for (const tag of ['[toall]', '[To:123]', '[rp aid=1 to=2-3]', '[qt]', '[qtmeta aid=1]', '[info]', '[/info]', '[title]', '[hr]', '[code]', '[piconname:1]', '[ toall ]', '[TOALL]']) {
      const safe = chatworkText(`x ${tag} y`);
      expect(safe, tag).not.toContain(tag.trim());
      expect(safe, tag).toContain('［');
    }
    expect(chatworkText('input[name="q"] and a[0] and [data-test=x]')).toBe('input[name="q"] and a[0] and [data-test=x]');
  });
});

describe('buildChatworkMessage', () => {
  const body = buildChatworkMessage(failedResult(), ctx);

  it('is one [info] block titled with the headline, with the failing step, figures, steps, links and the run', () => {
    expect(body.startsWith('[info][title]checkout ［toall] FAILED[/title]')).toBe(true);
    expect(body.endsWith('[/info]')).toBe(true);
    expect(body).toContain('Duration: 12 s / 3 s / 10 s');
    expect(body).toContain('✗ add to cart ［To:123]  11 s / – / 5 s');
    expect(body).toContain('– pay  skipped');
    expect(body).toContain('HTTP status: 500');
    expect(body).toContain('assertion error in add to cart ［To:123]:');
    expect(body).toContain('Screenshot: https://s3.example/shot.png?X-Amz-Signature=1&a=b');
    expect(body).toContain('run 20261206T085900Z-abc123');
  });

  it('lets no page text open, close or ping: only its own tags are markup', () => {
    const tags = body.match(/\[[^\]]*\]/g) ?? [];
    expect(new Set(tags)).toEqual(new Set(['[info]', '[title]', '[/title]', '[hr]', '[/info]', '[name="q"]']));
    expect(body).toContain('locator(\'input[name="q"]\')');
    expect(body).toContain('Buy ［info]and［/info] pay');
  });

  it('keeps a link whole: brackets in the page URL are percent-encoded', () => {
    expect(body).toContain('Target: https://shop.example/cart?items%5B%5D=1');
  });

  it('points a reply at the first message with the reply tag, or its link without an account id', () => {
    const to = { room: '111', messageId: '1900000000000000001' };
    expect(buildChatworkMessage(failedResult(), { ...ctx, kind: 'reminder', failures: 3, replyTo: { ...to, accountId: '42' } }))
      .toMatch(/^\[rp aid=42 to=111-1900000000000000001\]\n\[info\]\[title\]checkout ［toall] FAILED \(still failing: 3 runs\)\[\/title\]/);
    expect(replyTag(to)).toBe('Re: https://www.chatwork.com/#!rid111-1900000000000000001');
  });

  it('sums up a recovery with the resolved line, without the old error', () => {
    const r = { ...failedResult(), status: 'passed' as const, error: undefined };
    const recovered = buildChatworkMessage(r, { ...ctx, kind: 'recovered', incidentOpenedAt: new Date(NOW - 13 * 60_000).toISOString(), failures: 3 });
    expect(recovered).toContain('[title]checkout ［toall] recovered after 12 min down[/title]Resolved: checkout ［toall] was failing for 12 min (3 failed runs)');
    expect(recovered).not.toContain('error in');
  });

  it('stays within Chatwork\'s 65535 characters, its markup closed', () => {
    const r = { ...failedResult(), description: 'd'.repeat(70_000) };
    const long = buildChatworkMessage(r, ctx);
    expect(long.length).toBe(CHATWORK_MAX_BODY);
    expect(long.endsWith('…[/info]')).toBe(true);
  });

  it('captions the screenshot with the check, the step and a reply to its alert', () => {
    expect(buildChatworkCaption(failedResult(), { step: 'add to cart' }, { room: '111', messageId: '9', accountId: '42' }))
      .toBe('[rp aid=42 to=111-9]\nScreenshot: checkout ［toall] · add to cart · failed');
  });
});
