// Slack's mrkdwn, escaped in one place: every message mimamori sends — alerts, alarm and log-watch threads, the daily
// digest's summary — puts user- or page-derived text through `esc`, and builds links with `link`.

/**
 * Slack reads &, < and > as markup everywhere — in `text`, fallbacks, every block, inside ``` too — and `<!channel>`
 * pings everyone: all user- or page-derived text goes through this. Links are built apart, as <url|label>.
 */
export const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `<url|label>`: the URL's own <, > and | encoded (they would end the link), the label escaped. */
export const link = (url: string, label: string) => `<${url.replace(/[<>|]/g, encodeURIComponent)}|${esc(label)}>`;
