/**
 * The style sheet of the HTML report, inlined into the page. System fonts only: the page must not
 * load anything.
 *
 * @packageDocumentation
 */

/** CSS for {@link formatHtml}'s page. */
export const HTML_REPORT_CSS = `
:root {
  --ink: #1d232b; --muted: #5b6472; --line: #dde1e7; --paper: #ffffff; --page: #f4f5f7;
  --red: #b42318; --red-bg: #fef3f2; --red-line: #fda29b;
  --yellow: #8a5300; --yellow-bg: #fffaeb; --yellow-line: #fdd56b;
  --green: #067647; --green-bg: #ecfdf3;
  --code-bg: #f8f9fb; --hit-red: #fde8e6; --hit-yellow: #fff4d1;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--page); color: var(--ink);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif;
}
main { max-width: 1040px; margin: 0 auto; padding: 32px 24px 48px; }
a { color: #1f5fbf; text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
h1 { font-size: 26px; line-height: 1.2; margin: 0; letter-spacing: -0.01em; }
h2 { font-size: 18px; margin: 36px 0 12px; }
h3 { font-size: 15px; margin: 0; }
code, pre, .path, .where, .rule { font-family: var(--mono); font-size: 13px; }
.top { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 8px; margin-bottom: 20px; }
.meta, .hint, .desc, .n, .note { color: var(--muted); }
.meta { margin: 0; font-size: 13px; }
.verdict { margin: 0 0 16px; padding: 14px 18px; border-radius: 10px; border: 1px solid; }
.verdict.red { background: var(--red-bg); border-color: var(--red-line); }
.verdict.yellow { background: var(--yellow-bg); border-color: var(--yellow-line); }
.verdict.clean { background: var(--green-bg); border-color: #abefc6; }
.verdict strong { display: block; font-size: 16px; }
.verdict.red strong { color: var(--red); }
.verdict.yellow strong { color: var(--yellow); }
.verdict.clean strong { color: var(--green); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; border-top-width: 4px; }
.card.red { border-top-color: var(--red); }
.card.yellow { border-top-color: #e0a100; }
.card.affected { border-top-color: #5b6472; }
.card.unanalyzed { border-top-color: #c5cbd3; }
.big { display: block; font-size: 30px; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
.card.red .big { color: var(--red); }
.card.yellow .big { color: var(--yellow); }
.card.none .big { color: #b0b6bf; }
.label { display: block; font-weight: 600; }
.note { display: block; font-size: 13px; }
table { width: 100%; border-collapse: collapse; background: var(--paper); border: 1px solid var(--line); border-radius: 10px; overflow: hidden; }
th, td { text-align: left; padding: 9px 14px; border-bottom: 1px solid var(--line); vertical-align: top; }
tr:last-child td { border-bottom: 0; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); background: #fafbfc; font-weight: 600; }
.num { text-align: right; width: 80px; font-variant-numeric: tabular-nums; }
.zero { color: #b0b6bf; }
table .desc { display: block; font-size: 13px; margin-top: 2px; }
.count { display: inline-block; min-width: 26px; padding: 0 7px; border-radius: 999px; font-size: 12px; font-weight: 700; text-align: center; line-height: 20px; }
.count.red { background: var(--red-bg); color: var(--red); border: 1px solid var(--red-line); }
.count.yellow { background: var(--yellow-bg); color: var(--yellow); border: 1px solid var(--yellow-line); }
.files { list-style: none; margin: 0; padding: 0; background: var(--paper); border: 1px solid var(--line); border-radius: 10px; }
.files li { display: flex; align-items: center; gap: 6px; padding: 8px 14px; border-bottom: 1px solid var(--line); }
.files li:last-child { border-bottom: 0; }
.files li a { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.file { margin: 0 0 24px; }
.file h3 { display: flex; flex-wrap: wrap; align-items: baseline; gap: 10px; padding: 6px 2px; border-bottom: 2px solid var(--line); margin-bottom: 12px; }
.file h3 .path { font-size: 14px; overflow-wrap: anywhere; }
.n { font-weight: 400; font-size: 13px; }
.finding { background: var(--paper); border: 1px solid var(--line); border-left: 5px solid; border-radius: 10px; padding: 14px 18px; margin: 0 0 14px; }
.finding.red { border-left-color: var(--red); }
.finding.yellow { border-left-color: #e0a100; }
.finding header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; }
.finding .where { font-weight: 700; overflow-wrap: anywhere; }
.finding .where .dir { font-weight: 400; color: var(--muted); }
.finding header .rule { margin-left: auto; color: var(--muted); }
.badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 700; letter-spacing: 0.02em; text-transform: uppercase; }
.badge.red { background: var(--red); color: #fff; }
.badge.yellow { background: #f5b400; color: #3d2a00; }
.message { margin: 10px 0; font-size: 15px; }
.code { margin: 0 0 12px; padding: 8px 0; background: var(--code-bg); border: 1px solid var(--line); border-radius: 8px; overflow-x: auto; line-height: 1.6; tab-size: 4; }
.code .line { display: block; padding: 0 14px 0 0; white-space: pre; }
.code .ln { display: inline-block; padding: 0 12px 0 14px; margin-right: 12px; color: #9aa1ab; border-right: 1px solid var(--line); user-select: none; text-align: right; }
.code .hit.red { background: var(--hit-red); }
.code .hit.yellow { background: var(--hit-yellow); }
.code .hit .ln { color: var(--ink); font-weight: 700; }
.advice { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0; font-size: 14px; }
.advice dt { font-weight: 600; color: var(--muted); }
.advice dd { margin: 0; }
.advice .desc { display: block; font-size: 13px; }
.skipped td.path { overflow-wrap: anywhere; }
.rule-group { margin: 0 0 28px; }
.rule-group > h3 { display: flex; flex-wrap: wrap; align-items: baseline; gap: 10px; padding: 6px 2px; border-bottom: 2px solid var(--line); margin-bottom: 12px; }
.rule-group > .advice { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; margin-bottom: 14px; }
details.file { margin: 0 0 14px; }
details.file > summary { cursor: pointer; display: flex; flex-wrap: wrap; align-items: baseline; gap: 10px; padding: 4px 2px 8px; }
details.file > summary .path { font-size: 14px; font-weight: 600; overflow-wrap: anywhere; }
.role { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: 12px; background: #eef0f3; color: var(--muted); }
.times { font-weight: 700; color: var(--muted); }
.finding.compact { padding: 6px 14px; margin: 0 0 6px; border-left-width: 4px; font-size: 14px; }
.finding.compact .where { font-family: var(--mono); font-size: 13px; margin-right: 6px; }
.message code { background: var(--code-bg); border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; }
.repeats { margin: 0; font-size: 13px; color: var(--muted); }
.repeats .places { display: flex; flex-wrap: wrap; gap: 4px 12px; list-style: none; margin: 6px 0 0; padding: 0; font-family: var(--mono); }
footer { margin-top: 40px; padding-top: 16px; border-top: 1px solid var(--line); color: var(--muted); font-size: 13px; }
@media (max-width: 640px) {
  main { padding: 20px 12px 32px; }
  .advice { grid-template-columns: 1fr; }
  .finding header .rule { margin-left: 0; }
}
@media print {
  body { background: #fff; }
  .finding, .card, table, .files { break-inside: avoid; }
  a { color: inherit; }
}
`;
