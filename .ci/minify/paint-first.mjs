// The booking page, a visit page and an article arrive with their first screen already drawn by
// the server (the clinic's services, the visit, the article: server/src/routes/shell.rs), so their
// app is not needed for
// the first paint. This makes the page's wasm download (110-140 KB) start after that paint rather
// than while the page is parsed, where on a slow phone network it competes with the style sheet
// the paint waits for: the page's
// `rel=preload` of the wasm goes, and trunk's bootstrap waits for a frame to be presented, then
// fetches the wasm itself, with the same Subresource Integrity hash. Other pages have nothing to
// show before their app and keep the early download.
// Called by .ci/build after glue.mjs: node paint-first.mjs app/dist/index.html (and visit.html,
// article.html)
import { readFileSync, writeFileSync } from "node:fs";
import { minify } from "terser";

const page = process.argv[2];
if (!page) {
  console.error("usage: node paint-first.mjs PAGE.html");
  process.exit(1);
}
let html = readFileSync(page, "utf8");

// `<link … href=/app-….wasm integrity=sha384-… rel=preload …>`, in any attribute order.
const preload = html.match(/<link\b[^>]*_bg\.wasm[^>]*>/)?.[0];
const integrity = preload?.match(/\bintegrity="?(sha384-[A-Za-z0-9+/=]+)"?/)?.[1];
const init = /const wasm = await init\(\{ module_or_path: '([^']+_bg\.wasm)' \}\);/;
const call = html.match(init);
if (!preload || !integrity || !call) {
  console.error(`paint-first: ${page} has no wasm preload with integrity and trunk bootstrap to change`);
  process.exit(1);
}
html = html.replace(preload, "").replace(
  call[0],
  // Once the browser has recorded the drawn page's largest content as painted (its Largest
  // Contentful Paint: Chromium settles it a frame after the paint, and an app that replaced it
  // before then would be recorded instead, at its own later time), and two frames more, so that
  // paint has been presented, not just drawn. A browser that cannot tell waits the two frames
  // alone. A page in a background tab paints nothing (and runs no frames): it goes on at once,
  // or as soon as it is hidden.
  "await new Promise((painted) => {\n" +
    "  if (document.hidden) return setTimeout(painted);\n" +
    "  document.addEventListener('visibilitychange', () => setTimeout(painted), { once: true });\n" +
    "  const frames = () => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(painted)));\n" +
    "  if (!PerformanceObserver.supportedEntryTypes?.includes('largest-contentful-paint')) return frames();\n" +
    "  new PerformanceObserver((_, seen) => { seen.disconnect(); frames(); })\n" +
    "    .observe({ type: 'largest-contentful-paint', buffered: true });\n" +
    "});\n" +
    // Compiled first, then started in a task of its own: on a slow phone each is a shorter
    // stretch in which the page cannot answer a tap (Total Blocking Time) than both at once.
    `const module = await WebAssembly.compileStreaming(fetch('${call[1]}', { integrity: '${integrity}' }));\n` +
    "await new Promise((next) => setTimeout(next));\n" +
    "const wasm = await init({ module_or_path: module });",
);
// The bootstrap, now longer than trunk wrote it, is part of every first visit's bytes: minified.
const bootstrap = /(<script type="?module"?>)([\s\S]*?)(<\/script>)/;
const [, open, code, close] = html.match(bootstrap);
const { code: small } = await minify(code, { module: true, compress: true, mangle: true });
html = html.replace(bootstrap, () => open + small + close);
writeFileSync(page, html);
