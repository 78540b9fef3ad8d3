// Puts the service worker (/sw.js) in charge of the patient's pages so that a visit page, once
// opened, can be read again with no network. A static file because the CSP allows no inline
// script.
'use strict';

if ('serviceWorker' in navigator) {
  const firstTime = !navigator.serviceWorker.controller;
  navigator.serviceWorker
    .register('/sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // Loaded before the worker was in charge: tell it what this page loaded, so it can keep
      // a copy. Asked twice, as the page's later calls (instructions) may still be under way.
      if (!firstTime) return;
      const tell = () => {
        const loaded = performance.getEntriesByType('resource').map((entry) => entry.name);
        if (registration.active) registration.active.postMessage({ save: [location.href, ...loaded] });
      };
      tell();
      setTimeout(tell, 4000);
    })
    .catch(() => {
      // No worker (private mode, an old browser): the page simply needs the network.
    });
}

// "You are offline — showing the copy saved on this phone": the visit page draws the banner
// (a live region, with its text in the page's language in `data-offline`); this fills it when
// the network goes and empties it when it comes back.
function showNetwork() {
  for (const banner of document.querySelectorAll('[data-offline]')) {
    banner.textContent = navigator.onLine ? '' : banner.dataset.offline;
  }
}
window.addEventListener('online', showNetwork);
window.addEventListener('offline', showNetwork);
