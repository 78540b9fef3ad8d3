// Registers /sw.js (keeps the visit page readable offline) and fills the offline banner.
// A file, as the CSP allows no inline script. See public/sw.js.
'use strict';

if ('serviceWorker' in navigator) {
  const firstTime = !navigator.serviceWorker.controller;
  navigator.serviceWorker
    .register('/sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // This page loaded before the worker was in charge: say what it loaded, so the worker
      // keeps a copy. Twice, as later calls (the instructions) may still have been under way.
      if (!firstTime) return;
      const tell = () => {
        const loaded = performance.getEntriesByType('resource').map((entry) => entry.name);
        if (registration.active) registration.active.postMessage({ save: [location.href, ...loaded] });
      };
      tell();
      setTimeout(tell, 4000);
    })
    .catch(() => {}); // No worker (private mode, old browser): the page needs the network.
}

// The banner is a live region the visit page draws with its text in `data-offline`.
function showNetwork() {
  for (const banner of document.querySelectorAll('[data-offline]')) {
    banner.textContent = navigator.onLine ? '' : banner.dataset.offline;
  }
}
window.addEventListener('online', showNetwork);
window.addEventListener('offline', showNetwork);
