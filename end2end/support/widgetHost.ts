// Web sites other than Carebook, for the booking widget's tests: a clinic's own site (listed
// in the clinic's allowed origins) and a stranger's site (not listed), each a tiny HTTP server
// on its own loopback address, so each is another origin and another site than Carebook
// (127.0.0.1). They serve the pages in ../widget-host/, filled in per request.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const PAGES = path.resolve(__dirname, '../widget-host');
const SERVED: Record<string, string> = {
  '/inline.html': 'text/html; charset=utf-8',
  '/popup.html': 'text/html; charset=utf-8',
  '/forger.html': 'text/html; charset=utf-8',
  '/events.js': 'text/javascript; charset=utf-8',
};
/** The widget's data attributes a page may be asked for, by query parameter. */
const ATTRIBUTES = ['service', 'practitioner', 'lang', 'brand', 'name', 'email', 'phone'];

export interface HostSites {
  /** The clinic's own site, which the tests put on the clinic's list. */
  clinic: string;
  /** A site the clinic never listed. */
  stranger: string;
  close(): Promise<void>;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Starts both sites. Pages get `{{carebook}}` (Carebook's origin), `{{attrs}}` (the widget's
 * `data-*` attributes from the query, e.g. `?name=Ana`) and, with `?frames=1`, `{{frames}}`:
 * two "advert" frames, one from the other site and one from the page's own site. With
 * `?csp=strict` the page comes with a strict Content-Security-Policy.
 */
export async function startHostSites(carebook: string): Promise<HostSites> {
  const origins: string[] = [];
  const servers = await Promise.all(
    ['127.0.0.2', '127.0.0.3'].map(
      (address, index) =>
        new Promise<http.Server>((resolve) => {
          const server = http.createServer((request, response) => {
            const url = new URL(request.url ?? '/', 'http://host');
            const type = SERVED[url.pathname];
            if (!type) {
              response.writeHead(404).end();
              return;
            }
            const own = origins[index];
            const other = origins[1 - index];
            const attrs = ATTRIBUTES.filter((name) => url.searchParams.has(name))
              .map((name) => ` data-${name}="${escapeHtml(url.searchParams.get(name)!)}"`)
              .join('');
            const frames =
              url.searchParams.get('frames') === '1'
                ? `<iframe id="advert-other" title="Advert from another site" src="${other}/forger.html"></iframe>` +
                  `<iframe id="advert-own" title="Advert from this site" src="${own}/forger.html"></iframe>`
                : '';
            const body = fs
              .readFileSync(path.join(PAGES, url.pathname))
              .toString('utf8')
              .replaceAll('{{carebook}}', carebook)
              .replaceAll('{{attrs}}', attrs)
              .replaceAll('{{frames}}', frames);
            const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-store' };
            if (url.searchParams.get('csp') === 'strict') {
              // A strict site: scripts and frames only from itself and Carebook, no inline
              // styles or scripts at all.
              headers['Content-Security-Policy'] =
                `default-src 'self'; script-src 'self' ${carebook}; frame-src ${carebook}; style-src 'self'`;
            }
            response.writeHead(200, headers).end(body);
          });
          server.listen(0, address, () => {
            origins[index] = `http://${address}:${(server.address() as AddressInfo).port}`;
            resolve(server);
          });
        }),
    ),
  );
  return {
    clinic: origins[0],
    stranger: origins[1],
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              // The browser keeps connections open; end them so the test run can finish.
              server.closeAllConnections();
            }),
        ),
      ).then(() => undefined),
  };
}
