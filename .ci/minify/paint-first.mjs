// The booking page and an article arrive with their first screen already drawn by the server
// (the clinic's services, an article: server/src/routes/shell.rs), so their app is not needed for
// the first paint. This makes the page's wasm download (110-140 KB) start after that paint rather
// than while the page is parsed, where on a slow phone network it competes with the style sheet
// the paint waits for: the page's
// `rel=preload` of the wasm goes, and trunk's bootstrap waits for a frame to be presented, then
// fetches the wasm itself, with the same Subresource Integrity hash. Other pages have nothing to
// show before their app and keep the early download.
// Called by .ci/build after glue.mjs: node paint-first.mjs app/dist/index.html (and article.html)
import { readFileSync, writeFileSync } from "node:fs";

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
  // Two frames, so the first one has been presented (what a paint's timestamp records), not
  // just drawn; a page opened in a background tab paints nothing and goes on at once.
  "await new Promise((painted) => document.hidden ? setTimeout(painted) : " +
    "requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(painted))));\n" +
    `const wasm = await init({ module_or_path: fetch('${call[1]}', { integrity: '${integrity}' }) });`,
);
writeFileSync(page, html);
