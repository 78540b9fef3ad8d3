// Minifies the JavaScript glue wasm-bindgen writes next to each bundle's wasm (trunk leaves it
// readable: ~48 KB raw, ~7 KB brotli per bundle, every byte of it on a first visit) and puts
// the new Subresource Integrity hash into every page that preloads it, so the browser still
// checks what it runs. Called by .ci/build after the trunk builds: node glue.mjs app/dist
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const dist = process.argv[2];
if (!dist) {
  console.error("usage: node glue.mjs DIST");
  process.exit(1);
}

const sri = (text) => "sha384-" + createHash("sha384").update(text).digest("base64");

// `<link … href=/app-0123abcd.js integrity=sha384-… rel=modulepreload>` in any attribute order.
const preload = /<link\b[^>]*\brel="?modulepreload"?[^>]*>/g;
const hrefOf = /\bhref="?\/([\w.-]+\.js)"?/;
const integrityOf = /\bintegrity="?(sha384-[A-Za-z0-9+/=]+)"?/;

const minified = new Map(); // glue file -> its new integrity
for (const page of readdirSync(dist).filter((f) => f.endsWith(".html"))) {
  const path = join(dist, page);
  let html = readFileSync(path, "utf8");
  let changed = false;
  for (const tag of html.match(preload) ?? []) {
    const glue = tag.match(hrefOf)?.[1];
    const oldIntegrity = tag.match(integrityOf)?.[1];
    if (!glue) continue;
    if (!minified.has(glue)) {
      const source = readFileSync(join(dist, glue), "utf8");
      const out = await minify(source, {
        module: true,
        compress: { passes: 2 },
        mangle: true,
        format: { comments: false },
      });
      writeFileSync(join(dist, glue), out.code);
      minified.set(glue, sri(out.code));
      console.log(`glue ${glue}: ${source.length} -> ${out.code.length} bytes`);
    }
    if (oldIntegrity) {
      html = html.replace(tag, tag.replace(oldIntegrity, minified.get(glue)));
      changed = true;
    }
  }
  if (changed) writeFileSync(path, html);
}
if (minified.size === 0) {
  console.error(`no wasm-bindgen glue found preloaded by the pages in ${dist}`);
  process.exit(1);
}
