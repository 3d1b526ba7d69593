// @ts-check
// Mimamori Mart: the tiny dependency-free demo shop the example checks run against (`node demo/server.mjs`, PORT=3210).
import http from 'node:http';

const PORT = Number(process.env.PORT ?? 3210);
const HOST = '127.0.0.1';
const MAX_DELAY_MS = 10_000;

/** @typedef {{ id: string, name: string, price: number, blurb: string }} Product */
/** @type {Product[]} */
const PRODUCTS = [
  { id: '42', name: 'Sencha green tea', price: 1200, blurb: 'Bright, grassy first-flush leaves from Shizuoka.' },
  { id: '7', name: 'Hojicha roasted tea', price: 980, blurb: 'Roasted over charcoal; toasty, low in caffeine.' },
  { id: '19', name: 'Genmaicha rice tea', price: 860, blurb: 'Green tea with popped brown rice. Comfort in a cup.' },
  { id: '23', name: 'Arita porcelain cup', price: 2400, blurb: 'Hand-painted indigo cup from Saga prefecture.' },
  { id: '31', name: 'Hinoki cutting board', price: 3600, blurb: 'Fragrant Japanese cypress, kind to your knives.' },
  { id: '56', name: 'Furoshiki wrapping cloth', price: 1500, blurb: 'Cotton cloth for wrapping gifts, lunches, anything.' },
];
const DEMO_EMAIL = 'demo@example.com';
const DEMO_PASSWORD = 'sencha-demo-2026';

const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",sans-serif;color:#1f2a24;background:#f6f5f0}
header{background:#2f4f3a;color:#fff}header .in,main{max-width:960px;margin:0 auto;padding:16px 24px}
header .in{display:flex;align-items:center;gap:24px}header a{color:#fff;text-decoration:none}.brand{font-weight:700;font-size:20px}
header nav{margin-left:auto;display:flex;gap:16px}.tagline{margin:0;color:#5b6b60}h1{margin:24px 0 8px}
.products{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:16px}
.card{background:#fff;border-radius:10px;padding:16px;box-shadow:0 1px 3px #0002}.card a{color:#2f4f3a;font-weight:600}
.price{color:#8a5a14;font-weight:600}form.stack{display:grid;gap:12px;max-width:360px}
input{font:inherit;padding:8px 10px;border:1px solid #b8c2ba;border-radius:6px}
button{font:inherit;padding:8px 16px;border:0;border-radius:6px;background:#2f4f3a;color:#fff;cursor:pointer}
button:hover{background:#3e6a4d}.search{display:flex;align-items:center;gap:8px;margin:16px 0}main a{color:#2f4f3a}.notice{padding:12px 16px;border-radius:8px;background:#e4efe6}
.error{background:#f9e0dc;color:#8a1f11}footer{text-align:center;color:#7b857e;padding:32px}`;

/** @param {unknown} s */
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** @param {number} yen */
const price = (yen) => `¥${yen.toLocaleString('en-US')}`;

/** @param {string} title @param {string} body @param {number} cartCount */
function page(title, body, cartCount) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${CSS}</style></head><body>
<header><div class="in"><a class="brand" href="/">Mimamori Mart</a><nav><a href="/search?q=tea">Tea</a><a href="/login">Log in</a>
<a href="/cart">Cart (${cartCount})</a></nav></div></header><main>${body}</main>
<footer>Mimamori Mart — a demo shop for mimamori checks</footer></body></html>`;
}

/** @param {Product} p */
const card = (p) => `<li class="card"><a href="/products/${p.id}">${esc(p.name)}</a><p>${esc(p.blurb)}</p><span class="price">${price(p.price)}</span></li>`;

/** @param {http.IncomingMessage} req @returns {Record<string, string>} */
function cookies(req) {
  const out = /** @type {Record<string, string>} */ ({});
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

/** Cart contents live in a cookie, so every browser context (every check run) has its own cart. @param {http.IncomingMessage} req */
const cartIds = (req) => (cookies(req).cart ?? '').split(',').filter((id) => PRODUCTS.some((p) => p.id === id));

/** @param {http.IncomingMessage} req @returns {Promise<URLSearchParams>} */
async function formBody(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) break;
  }
  return new URLSearchParams(body);
}

/** @param {string} email @param {string} [error] */
const loginForm = (email, error) => `<h1>Log in</h1>${error ? `<p class="notice error" role="alert">${esc(error)}</p>` : ''}
<form class="stack" method="post" action="/login"><label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" value="${esc(email)}" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Log in</button></form><p class="tagline">Demo account: ${DEMO_EMAIL} / ${DEMO_PASSWORD}</p>`;

/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
async function handle(req, res) {
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  const delay = Math.min(Math.max(Number(url.searchParams.get('delay')) || 0, 0), MAX_DELAY_MS);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));

  const route = `${req.method === 'HEAD' ? 'GET' : req.method} ${url.pathname}`;
  const cart = cartIds(req);
  /** @param {number} status @param {string} title @param {string} body @param {Record<string, string>} [headers] */
  const html = (status, title, body, headers = {}) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
    res.end(page(title, body, cart.length));
  };
  /** @param {string} location @param {Record<string, string>} [headers] */
  const redirect = (location, headers = {}) => { res.writeHead(303, { location, ...headers }); res.end(); };
  const product = /^\/products\/([^/]+)$/.exec(url.pathname);

  if (route === 'GET /api/health') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ ok: true }));
  } else if (route === 'GET /') {
    html(200, 'Mimamori Mart', `<h1>Mimamori Mart</h1><p class="tagline" lang="ja">見守り — watching over your shop</p>
<form class="search" role="search" action="/search" method="get"><label for="q">Search</label><input id="q" name="q" type="search" placeholder="tea, cup, cloth…"><button type="submit">Search</button></form>
<h2>Products</h2><ul class="products" aria-label="Products">${PRODUCTS.map(card).join('')}</ul>`);
  } else if (route === 'GET /search') {
    const q = (url.searchParams.get('q') ?? '').trim();
    const hits = q ? PRODUCTS.filter((p) => p.name.toLowerCase().includes(q.toLowerCase())) : [];
    html(200, `Search: ${q} — Mimamori Mart`, `<h1>${hits.length} result${hits.length === 1 ? '' : 's'} for “${esc(q)}”</h1>
<ul class="products" aria-label="Search results">${hits.map(card).join('')}</ul><p><a href="/">Back to the shop</a></p>`);
  } else if (route.startsWith('GET ') && product) {
    const p = PRODUCTS.find((x) => x.id === product[1]);
    if (!p) return html(404, 'Not found — Mimamori Mart', `<h1>Product not found</h1><p><a href="/">Back to the shop</a></p>`);
    html(200, `${p.name} — Mimamori Mart`, `<h1>${esc(p.name)}</h1><p>${esc(p.blurb)}</p><p class="price">${price(p.price)}</p>
<form method="post" action="/cart"><input type="hidden" name="productId" value="${p.id}"><button type="submit">Add to cart</button></form>`);
  } else if (route === 'POST /cart') {
    const id = (await formBody(req)).get('productId') ?? '';
    const next = PRODUCTS.some((p) => p.id === id) ? [...cart, id].slice(-50) : cart;
    redirect('/cart', { 'set-cookie': `cart=${next.join(',')}; Path=/; HttpOnly; SameSite=Lax` });
  } else if (route === 'GET /cart') {
    const n = cart.length;
    const items = cart.map((id) => PRODUCTS.find((p) => p.id === id)).filter((p) => p !== undefined);
    html(200, 'Cart — Mimamori Mart', `<h1>Your cart</h1><p class="notice" role="status">${n === 0 ? 'Your cart is empty' : `${n} item${n === 1 ? '' : 's'} in cart`}</p>
<ul class="products" aria-label="Cart">${items.map(card).join('')}</ul><p><a href="/">Continue shopping</a></p>`);
  } else if (route === 'GET /login') {
    html(200, 'Log in — Mimamori Mart', loginForm(''));
  } else if (route === 'POST /login') {
    const form = await formBody(req);
    const email = (form.get('email') ?? '').trim();
    if (email.toLowerCase() !== DEMO_EMAIL || form.get('password') !== DEMO_PASSWORD) {
      return html(200, 'Log in — Mimamori Mart', loginForm(email, 'Wrong email or password'));
    }
    redirect('/account', { 'set-cookie': `session=${encodeURIComponent(DEMO_EMAIL)}; Path=/; HttpOnly; SameSite=Lax` });
  } else if (route === 'GET /account') {
    const email = cookies(req).session;
    if (!email) return redirect('/login');
    html(200, 'Your account — Mimamori Mart', `<h1>Your account</h1><p class="notice">Welcome back, <span class="account-email">${esc(email)}</span></p>
<form method="post" action="/logout"><button type="submit">Log out</button></form>`);
  } else if (route === 'POST /logout') {
    redirect('/', { 'set-cookie': 'session=; Path=/; Max-Age=0' });
  } else {
    html(404, 'Not found — Mimamori Mart', `<h1>Page not found</h1><p>Nothing lives at <code>${esc(url.pathname)}</code>.</p><p><a href="/">Back to the shop</a></p>`);
  }
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Internal server error');
  });
});

server.listen(PORT, HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : PORT;
  console.log(`demo site on http://${HOST}:${port}`);
});

/** Stop accepting, drop open (possibly delayed) connections, exit 0. */
function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 1000).unref();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
