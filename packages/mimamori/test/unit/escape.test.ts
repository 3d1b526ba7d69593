// The one escaper of the views (src/render/escape.ts): values in an html`` template are escaped unless they are markup.
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw } from '../../src/render/escape.ts';

describe('html`` and escapeHtml', () => {
  it('escapes every value, and writes control characters as escapes instead of passing them through', () => {
    const name = '<img src=x onerror="alert(1)">\u0007\u001b[31m\u202e';
    expect(html`<b title="${name}">${name}</b>`.toString()).toBe(
      '<b title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;\\x07\\u202e">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;\\x07\\u202e</b>',
    );
    expect(escapeHtml("it's & <that>")).toBe('it&#39;s &amp; &lt;that&gt;');
  });

  it('leaves markup as it is: another template, raw() text, a list of them; nothing for undefined, null and false', () => {
    const cell = (text: string) => html`<td>${text}</td>`;
    expect(html`<tr>${['a<', 'b'].map(cell)}</tr>${raw('<br>')}${undefined}${null}${false}${0}`.toString()).toBe('<tr><td>a&lt;</td><td>b</td></tr><br>0');
  });
});
