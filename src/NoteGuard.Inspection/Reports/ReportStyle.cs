namespace NoteGuard.Inspection.Reports;

/// <summary>The report's inline style sheet: light theme, system fonts, a single column on phones, print rules.</summary>
internal static class ReportStyle
{
    // Kept free of '<' and '&' so the document stays well-formed XML. Colours meet WCAG AA on white (#5f6368 is 6.0:1).
    public const string Css = """

:root{--ink:#202124;--muted:#5f6368;--line:#dadce0;--soft:#f1f3f4;--accent:#1a73e8;--good:#188038;--bad:#c5221f}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#f8f9fa;color:var(--ink);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","DejaVu Sans",Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:28px 24px 8px}
header{margin-bottom:20px}
.kicker{margin:0;color:var(--accent);font-size:12px;font-weight:600;letter-spacing:.08em;text-transform:uppercase}
h1{margin:4px 0 6px;font-size:28px;line-height:1.2;font-weight:650;overflow-wrap:anywhere}
h2{margin:0 0 12px;font-size:19px;font-weight:650;padding-bottom:8px;border-bottom:1px solid var(--line)}
h3{margin:18px 0 8px;font-size:15px;font-weight:650}
.meta{margin:0;color:var(--muted);display:flex;flex-wrap:wrap;gap:4px 18px}
.meta b{color:var(--ink);font-weight:600}
section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:20px 22px;margin:0 0 18px}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(165px,1fr));gap:12px;background:none;border:0;padding:0}
.kpi{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.kpi-name{color:var(--muted);font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.04em}
.kpi-value{font-size:25px;font-weight:650;line-height:1.25;white-space:nowrap;font-variant-numeric:tabular-nums}
.kpi-note{color:var(--muted);font-size:12.5px;font-variant-numeric:tabular-nums}
.lead{margin:0 0 12px;color:var(--ink)}
.muted{color:var(--muted)}
.small{font-size:13px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,460px),1fr));gap:16px;align-items:start}
figure{margin:0}
figure.chart{border:1px solid var(--soft);border-radius:8px;padding:6px;background:#fff}
figure.chart svg{display:block;width:100%;height:auto;margin:0 auto}
figure.matrix{overflow-x:auto;-webkit-overflow-scrolling:touch}
@media (min-width:900px){.charts.matrix-first{grid-template-columns:minmax(0,3fr) minmax(0,2fr)}}
details{margin-top:14px}
summary{cursor:pointer;color:var(--accent);font-weight:600}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{padding:6px 10px;border-bottom:1px solid var(--soft);text-align:left;vertical-align:top}
thead th{color:var(--muted);font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.03em;border-bottom:1px solid var(--line);white-space:nowrap}
table.num td,table.num th{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
table.num td:first-child,table.num th:first-child{text-align:left}
table.num td.label{overflow-wrap:anywhere;white-space:normal;min-width:8em}
tfoot td{font-weight:600;border-top:1px solid var(--line);border-bottom:0}
tr.best td{background:#e8f0fe}
.bar{display:inline-block;width:56px;height:6px;margin-right:8px;vertical-align:middle;background:var(--soft);border-radius:3px;overflow:hidden}
.bar span{display:block;height:100%;background:var(--accent)}
table.kv th{width:42%;color:var(--muted);font-weight:500}
table.kv td{overflow-wrap:anywhere}
.two{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,360px),1fr));gap:8px 28px}
.two h3:first-child{margin-top:0}
.two p{margin:0;overflow-wrap:anywhere}
.gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(128px,1fr));gap:12px}
.example{border:1px solid var(--line);border-radius:8px;padding:8px;background:#fff;break-inside:avoid}
.example img,.example .no-image{display:block;width:100%;height:96px;object-fit:contain;background:var(--soft);border-radius:4px}
.example .no-image{line-height:96px;text-align:center;color:var(--muted);font-size:12px}
figcaption{display:flex;flex-direction:column;gap:1px;margin-top:6px;font-size:12.5px;line-height:1.35}
.truth{color:var(--good);font-weight:600;overflow-wrap:anywhere}
.wrong{color:var(--bad);font-weight:600;overflow-wrap:anywhere}
.tag{display:inline-block;min-width:2.6em;margin-right:4px;color:var(--muted);font-weight:500;font-size:11px;text-transform:uppercase;letter-spacing:.03em}
.confidence{color:var(--ink);font-variant-numeric:tabular-nums}
.path{color:var(--muted);font-size:11.5px;font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;overflow-wrap:anywhere}
footer{max-width:1180px;margin:0 auto;padding:4px 24px 32px;color:var(--muted);font-size:12.5px}
@media (max-width:600px){
main{padding:16px 12px 4px}
h1{font-size:22px}
section{padding:14px 12px;border-radius:8px}
.kpis{grid-template-columns:repeat(2,minmax(0,1fr));gap:8px}
.kpi{padding:10px}
.kpi-value{font-size:21px}
th,td{padding:5px 6px}
.bar{display:none}
figure.chart{padding:0;border:0}
figure.chart:not(.matrix) svg .tick{font-size:15px}
figure.chart:not(.matrix) svg .axis{font-size:17px}
figure.chart:not(.matrix) svg .heading{font-size:20px}
.gallery{grid-template-columns:repeat(auto-fill,minmax(104px,1fr));gap:8px}
footer{padding:4px 12px 24px}
}
@media print{
@page{margin:14mm}
body{background:#fff;font-size:10.5pt}
main{max-width:none;padding:0}
.kpi{border-color:#bbb;break-inside:avoid}
section{padding:10px 0;border:0;border-top:1px solid #bbb;border-radius:0}
.kpis{border:0;grid-template-columns:repeat(3,1fr)}
.kpi-value{font-size:18pt}
h2,h3{break-after:avoid}
table.kv,tr{break-inside:avoid}
figure.chart{break-inside:avoid;border:0}
.charts{grid-template-columns:1fr 1fr}
details summary{color:var(--ink)}
.gallery{grid-template-columns:repeat(6,minmax(0,1fr))}
section.evaluation,section.examples{break-before:page}
footer{padding:8px 0}
}

""";
}
