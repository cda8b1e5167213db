/** The HTML report's style sheet, built from the shared palette; compact enough that verdict, plan and status table open the first screen. */
import { SEVERITIES } from '../shared/ids';
import { INK, SEVERITY_COLOURS, STATUS_COLOURS } from './palette';

const statusRules = Object.entries(STATUS_COLOURS)
  .map(([s, c]) => `.st-${s}{color:${c.fg}}.bg-${s}{background:${c.bg}}`)
  .join('');
const severityRules = SEVERITIES.map((s) => `.sev-${s}{background:${SEVERITY_COLOURS[s].bg};color:${SEVERITY_COLOURS[s].fg}}`).join('');

/** The inline CSS of the HTML report. */
export const REPORT_CSS = `
*{box-sizing:border-box}
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:${INK.text};margin:1rem auto;max-width:74rem;padding:0 1rem}
h1{font-size:1.35rem;margin:0}h2{font-size:1.05rem;margin:0 0 .35rem}h3{font-size:1rem;margin:1rem 0 .4rem}
a{color:${INK.link}}.muted{color:${INK.muted}}small{font-size:.85em}
header.top{display:flex;justify-content:space-between;align-items:flex-start;gap:1rem;border-bottom:1px solid ${INK.rule};padding-bottom:.4rem}
.target{font-size:1.05rem;margin:.1rem 0 0}.code{text-align:right;font-size:.85em;color:${INK.muted}}
.code b{display:block;font:600 1.15rem ui-monospace,Consolas,monospace;letter-spacing:.05em;color:${INK.text}}
.facts{margin:.3rem 0 .4rem;font-size:.85em;color:${INK.muted}}.facts span+span:before{content:" · "}
section.box{border:1px solid ${INK.rule};border-left-width:5px;border-radius:6px;padding:.45rem .9rem;margin:.5rem 0}
.verdict{border-left-color:${STATUS_COLOURS.fail.fg}!important;background:${STATUS_COLOURS.fail.bg}}
.verdict.ok{border-left-color:${STATUS_COLOURS.pass.fg}!important;background:${STATUS_COLOURS.pass.bg}}
.verdict.unclear{border-left-color:${STATUS_COLOURS.warn.fg}!important;background:${STATUS_COLOURS.warn.bg}}
.verdict p{margin:.2rem 0}.headline{font-size:1.1rem}
.chip{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.78em;font-weight:600;text-transform:uppercase;vertical-align:middle}.chip.tag{background:#ebf3fc;color:${INK.link}}
.plan ol{margin:.1rem 0;padding-left:1.4rem}.plan li{margin:.1rem 0}.plan p{margin:.2rem 0}.outcome{font-weight:600}.cost{color:${STATUS_COLOURS.warn.fg}}
.codes p{margin:.15rem 0}
table{border-collapse:collapse;width:100%;margin:.2rem 0 .7rem}th,td{text-align:left;vertical-align:top;padding:.18rem .45rem;border:1px solid ${INK.rule};overflow-wrap:break-word}
th{background:#f3f2f1;font-weight:600}caption{text-align:left;font-weight:600;padding:.2rem 0}
table.status td{font-size:.92em}table.status td.sec{font-weight:600;width:11rem}td.stat{white-space:nowrap;font-weight:600;width:8.5rem}
table.rows th{width:16rem;font-weight:600}
details{margin:.25rem 0}details>summary{cursor:pointer}details>div{padding:.3rem 0 .3rem 1rem}
.log{font:12px/1.35 ui-monospace,Consolas,monospace;white-space:pre-wrap;word-break:break-all;background:#f5f5f5;padding:.5rem}
.tech{font-family:ui-monospace,Consolas,monospace;font-size:.88em;background:#f6f6f6;padding:.25rem .45rem}
${statusRules}${severityRules}
@media print{body{margin:0;max-width:none}details>summary{list-style:none}}
`;
