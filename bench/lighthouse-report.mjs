// Prints one row of bench/lighthouse's table from one or more Lighthouse JSON reports of a
// page (the median run by performance score), each figure marked against issue 11's budget.
//   node lighthouse-report.mjs --header
//   node lighthouse-report.mjs NAME REPORT.json [REPORT.json …]
import { readFileSync } from "node:fs";

const columns = ["page", "perf", "LCP", "TBT", "CLS", "a11y", "best pr.", "LCP element"];
const widths = [24, 7, 9, 9, 8, 6, 9, 0];
const row = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(" ").trimEnd();

const [first, ...files] = process.argv.slice(2);
if (first === "--header") {
  console.log(row(columns));
  console.log("-".repeat(100));
  process.exit(0);
}

const reports = files.map((f) => JSON.parse(readFileSync(f, "utf8")));
reports.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
const report = reports[Math.floor(reports.length / 2)];

// A figure and whether it keeps its budget: "99 ok", "2.1 s OVER".
const mark = (text, ok) => `${text} ${ok ? "ok" : "OVER"}`;
const score = (id) => Math.round((report.categories[id]?.score ?? 0) * 100);
const metric = (id) => report.audits[id]?.numericValue ?? NaN;

const perf = score("performance");
const a11y = score("accessibility");
const practices = score("best-practices");
const lcp = metric("largest-contentful-paint");
const tbt = metric("total-blocking-time");
const cls = metric("cumulative-layout-shift");
const element =
  report.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node
    ?.selector ?? "";

console.log(
  row([
    first,
    mark(perf, perf >= 95),
    mark(`${(lcp / 1000).toFixed(2)}s`, lcp <= 1800),
    mark(`${Math.round(tbt)}ms`, tbt <= 100),
    mark(cls.toFixed(3), cls <= 0.02),
    mark(a11y, a11y === 100),
    mark(practices, practices >= 95),
    element,
  ]),
);
for (const [id, audit] of Object.entries(report.audits)) {
  const failing = audit.score !== null && audit.score < 0.9;
  const scored = ["binary", "numeric"].includes(audit.scoreDisplayMode);
  const category = ["accessibility", "best-practices"].find((c) =>
    report.categories[c]?.auditRefs?.some((r) => r.id === id && r.weight > 0),
  );
  if (failing && scored && category) console.log(`    ${category}: ${id} — ${audit.title}`);
}
