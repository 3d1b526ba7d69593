// Proves the fixture site used by runner tests behaves: flaky, status, slow, hang and redirect-loop routes, hit counts, close().
import { afterEach, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';

let site: FixtureSite | undefined;
afterEach(async () => {
  await site?.close();
  site = undefined;
});

describe('fixture site', () => {
  it('serves the home page with its title, heading and a link to /next', async () => {
    site = await startFixtureSite();
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${site.url}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>Fixture Shop</title>');
    expect(html).toContain('<h1>Fixture Shop</h1>');
    expect(html).toContain('href="/next"');
  });

  it('/flaky fails the first time per key, then recovers', async () => {
    site = await startFixtureSite();
    const first = await fetch(`${site.url}/flaky?key=a`);
    expect(first.status).toBe(500);
    expect(await first.text()).toContain('Flaky failure');

    const second = await fetch(`${site.url}/flaky?key=a`);
    expect(second.status).toBe(200);
    expect(await second.text()).toContain('<h1>Flaky recovered</h1>');

    const otherKey = await fetch(`${site.url}/flaky?key=b`);
    expect(otherKey.status).toBe(500);
    expect(site.hits('/flaky')).toBe(3);
    expect(site.hits('/never')).toBe(0);
  });

  it('/status/:code answers with that status', async () => {
    site = await startFixtureSite();
    const res = await fetch(`${site.url}/status/500`);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('Status 500');
    expect((await fetch(`${site.url}/status/404`)).status).toBe(404);
  });

  it('/slow waits the given ms', async () => {
    site = await startFixtureSite();
    const started = performance.now();
    const res = await fetch(`${site.url}/slow?ms=300`);
    const html = await res.text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(res.status).toBe(200);
    expect(html).toContain('<h1>Slow page</h1>');
  });

  it('/form submits to /hello', async () => {
    site = await startFixtureSite();
    expect(await (await fetch(`${site.url}/form`)).text()).toMatch(/<label for="name">Name<\/label>.*<button[^>]*>Send<\/button>/s);
    expect(await (await fetch(`${site.url}/hello?name=${encodeURIComponent('<Ada>')}`)).text()).toContain('Hello, &#60;Ada&#62;');
  });

  it('close() does not wait for a pending /hang or /slow', async () => {
    const s = await startFixtureSite();
    site = s;
    const hang = fetch(`${s.url}/hang`).then(() => 'answered', () => 'aborted');
    const slow = fetch(`${s.url}/slow?ms=600000`).then(() => 'answered', () => 'aborted');
    await expect.poll(() => s.hits('/hang') + s.hits('/slow'), { timeout: 10_000 }).toBe(2);

    // /hang never answers and /slow only after 10 minutes: a close() that waited for either would not return.
    await s.close();
    expect(await hang).toBe('aborted');
    expect(await slow).toBe('aborted');
    await expect(fetch(`${s.url}/`)).rejects.toThrow();
  });

  it('/redirect-loop redirects to itself for ever', async () => {
    site = await startFixtureSite();
    const hop = await fetch(`${site.url}/redirect-loop?n=4`, { redirect: 'manual' });
    expect(hop.status).toBe(302);
    expect(hop.headers.get('location')).toBe('/redirect-loop?n=5');
    await expect(fetch(`${site.url}/redirect-loop`)).rejects.toThrow();
    expect(site.hits('/redirect-loop')).toBeGreaterThan(20);
  });

  it('answers 404 for unknown paths and counts every request', async () => {
    site = await startFixtureSite();
    const res = await fetch(`${site.url}/nope?x=1`);
    expect(res.status).toBe(404);
    await res.text();
    expect(site.hits('/nope')).toBe(1);
  });
});
