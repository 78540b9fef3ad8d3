// Carebook's service worker: keeps a patient's visit page, its after-visit instructions and the
// library articles linked from them readable with no network, on the patient's own device.
//
// - Pages /a/{token} and /learn/…, and the API answers they need: network first (so what the
//   patient sees is current whenever they are online), the saved copy when the network fails.
// - Hashed bundle files (name-<hash>.js/.wasm/.css) never change: cache first.
// - Never kept: anything but GET, the console (/console, /api/console/…), error answers.
// - Left to the network: the after-visit survey (/a/{token}/survey and its API), which is only
//   useful online, as it sends answers; VISIT_PAGE and VISIT_API below do not match it.
// - A visit whose token the server no longer knows (404, e.g. erased) is removed from the cache.
'use strict';

const CACHE = 'carebook-visit-v1';

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((name) => name.startsWith('carebook-') && name !== CACHE).map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

const VISIT_PAGE = /^\/a\/([^/]+)$/;
const LEARN_PAGE = /^\/learn\//;
const VISIT_API = /^\/api\/appointments\/([^/]+)(\/instructions)?$/;
const ARTICLES_API = /^\/api\/clinics\/[^/]+\/articles/;
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css)$/;
// Unhashed files the patient's pages load: network first like the pages.
const PAGE_FILES = ['/sw-register.js', '/favicon.svg'];

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (path.startsWith('/console') || path.startsWith('/api/console')) return;

  if (request.mode === 'navigate') {
    if (VISIT_PAGE.test(path) || LEARN_PAGE.test(path)) event.respondWith(networkFirst(request));
    return;
  }
  const visitApi = path.match(VISIT_API);
  if (visitApi) {
    event.respondWith(visitAnswer(request, decodeURIComponent(visitApi[1]), !!visitApi[2]));
    return;
  }
  if (ARTICLES_API.test(path) || PAGE_FILES.includes(path)) {
    event.respondWith(networkFirst(request));
    return;
  }
  if (HASHED.test(path)) event.respondWith(cacheFirst(request, event.clientId));
});

/// Answers worth keeping: a full, successful answer of our own origin.
function keepable(response) {
  return response && response.status === 200 && response.type === 'basic';
}

/// The saved answer for a request: the same address, else the same path (the page asks in the
/// reader's language with `?lang=`, and any saved language beats nothing).
async function saved(cache, request) {
  return (
    (await cache.match(request, { ignoreVary: true })) ||
    (await cache.match(request, { ignoreVary: true, ignoreSearch: true }))
  );
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (keepable(response)) await cache.put(request, response.clone());
    return response;
  } catch (offline) {
    const copy = await saved(cache, request);
    if (copy) return copy;
    throw offline;
  }
}

/// The visit and its instructions. A 404 means the visit is gone (erased, or never was): its
/// saved copy goes too. Instructions, once saved, bring the linked articles along.
async function visitAnswer(request, token, instructions) {
  const response = await networkFirst(request);
  if (response.status === 404 && !instructions) {
    await forgetVisit(token);
  } else if (instructions && keepable(response)) {
    response
      .clone()
      .json()
      .then((body) => saveArticles(token, body))
      .catch(() => {});
  }
  return response;
}

async function forgetVisit(token) {
  const cache = await caches.open(CACHE);
  const encoded = encodeURIComponent(token);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path === '/a/' + encoded || path.startsWith('/api/appointments/' + encoded)) await cache.delete(request);
  }
}

/// Fetches (and so saves) the library articles linked from the instructions: their pages, the
/// library bundle's files those pages load, and the articles' API answers.
async function saveArticles(token, body) {
  const articles = (body && body.latest && body.latest.articles) || [];
  if (!articles.length) return;
  const cache = await caches.open(CACHE);
  const visit = await cache.match('/api/appointments/' + encodeURIComponent(token), {
    ignoreSearch: true,
    ignoreVary: true,
  });
  if (!visit) return;
  const clinic = ((await visit.json()).clinic || {}).slug;
  if (!clinic) return;
  const c = encodeURIComponent(clinic);
  for (const article of articles) {
    const slug = encodeURIComponent(article.slug);
    await save(cache, '/api/clinics/' + c + '/articles/' + slug);
    const page = await save(cache, '/learn/' + c + '/' + slug);
    if (page) {
      const html = await page.text();
      for (const match of html.matchAll(/(?:href|src)="(\/[^"]+)"/g)) {
        if (HASHED.test(match[1]) && !(await cache.match(match[1], { ignoreVary: true }))) await save(cache, match[1]);
      }
    }
  }
}

async function save(cache, path) {
  try {
    const response = await fetch(path, { credentials: 'same-origin' });
    if (!keepable(response)) return null;
    await cache.put(path, response.clone());
    return response;
  } catch (offline) {
    return null;
  }
}

/// Bundle files are saved only for the patient's pages (the visit page, the library), never
/// for the console, which this worker also sees as it is scoped to the whole site.
async function cacheFirst(request, clientId) {
  const cache = await caches.open(CACHE);
  const copy = await cache.match(request, { ignoreVary: true });
  if (copy) return copy;
  const response = await fetch(request);
  if (keepable(response) && (await forPatientPage(clientId))) await cache.put(request, response.clone());
  return response;
}

async function forPatientPage(clientId) {
  const client = clientId && (await self.clients.get(clientId));
  if (!client) return false;
  const path = new URL(client.url).pathname;
  return VISIT_PAGE.test(path) || LEARN_PAGE.test(path);
}

// The first time a visit page is opened, it loads before this worker is in charge, so it says
// what it loaded (`public/sw-register.js`): those of its files this worker would keep are
// fetched again and saved. The visit before its instructions, which bring their articles.
self.addEventListener('message', (event) => {
  const urls = (event.data && Array.isArray(event.data.save) && event.data.save) || [];
  event.waitUntil(saveLoaded(urls));
});

async function saveLoaded(urls) {
  const cache = await caches.open(CACHE);
  const wanted = [];
  for (const href of urls) {
    let url;
    try {
      url = new URL(href, self.location.origin);
    } catch (bad) {
      continue;
    }
    const path = url.pathname;
    if (url.origin !== self.location.origin || path.startsWith('/console') || path.startsWith('/api/console')) continue;
    if (HASHED.test(path)) {
      if (!(await cache.match(path, { ignoreVary: true }))) wanted.push([path, null]);
    } else if (VISIT_PAGE.test(path) || LEARN_PAGE.test(path) || ARTICLES_API.test(path) || PAGE_FILES.includes(path)) {
      wanted.push([path + url.search, null]);
    } else if (VISIT_API.test(path)) {
      wanted.push([path + url.search, path.match(VISIT_API)]);
    }
  }
  // The visit itself first: saving its instructions looks up the visit's clinic.
  wanted.sort((a, b) => Number(!!(a[1] && a[1][2])) - Number(!!(b[1] && b[1][2])));
  for (const [path, visitApi] of wanted) {
    const response = await save(cache, path);
    if (response && visitApi && visitApi[2]) {
      await saveArticles(decodeURIComponent(visitApi[1]), await response.json().catch(() => null));
    }
  }
}
