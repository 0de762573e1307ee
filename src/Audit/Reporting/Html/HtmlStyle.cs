using Audit.Reporting.Plots;

namespace Audit.Reporting.Html;

/// <summary>
/// The report's style sheet: readable on screen, clean on paper (A4, the contents on a page of their own, no navigation).
/// On paper, sections follow each other without forced page breaks (a forced break left the last page of a short
/// section nearly empty); a heading or a table's caption is kept with what follows it, and a figure, a table row or a
/// verdict is never split (issue 18, item 9; BrowserTests prints every showcase report and checks the pages).
/// </summary>
internal static class HtmlStyle
{
    public const string Css = """
        :root { --ink: #1b1b1b; --muted: #555; --rule: #d0d0d0; --accent: #0072B2; --adverse: #D55E00; --ok: #009E73; --paper: #fff; --soft: #f4f6f8; }
        * { box-sizing: border-box; }
        html { font-family: "DejaVu Sans", sans-serif; font-size: 15px; color: var(--ink); background: var(--paper); line-height: 1.5; }
        body { margin: 0 auto; max-width: 1040px; padding: 1.5rem 2rem 3rem; }
        h1 { font-size: 1.9rem; line-height: 1.2; margin: .2rem 0 .6rem; }
        h2 { font-size: 1.4rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; margin-top: 2.2rem; }
        h3 { font-size: 1.15rem; margin-top: 1.6rem; }
        h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
        p, li { max-width: 75ch; }
        a { color: var(--accent); }
        .kicker { text-transform: uppercase; letter-spacing: .08em; color: var(--muted); font-size: .85rem; margin: 0; }
        .lede { font-size: 1.1rem; }
        .meta, .note, figcaption, .ci { color: var(--muted); }
        .ci { font-size: .85em; white-space: nowrap; }
        .note { font-size: .9rem; }
        .toc { background: var(--soft); padding: .6rem 1.2rem; border-radius: 4px; }
        .toc h2 { border: 0; margin: .2rem 0; font-size: 1rem; }
        .toc ol { columns: 3; margin: .2rem 0; }
        table.first-screen td { white-space: nowrap; }
        .verdicts { list-style: none; padding: 0; }
        .verdicts li { border-left: 5px solid var(--rule); padding: .4rem .8rem; margin: .5rem 0; background: var(--soft); max-width: none; }
        .verdicts li.adverse { border-color: var(--adverse); }
        .verdicts li.against, .findings li.against { border-color: var(--adverse); }
        .verdicts li.favour, .findings li.favour { border-color: var(--accent); }
        .findings { list-style: none; padding: 0; }
        .findings li { border-left: 5px solid var(--rule); padding: .2rem .8rem; margin: .4rem 0; max-width: none; }
        .findings li.unknown { border-color: var(--muted); }
        td.verdict.against { color: var(--adverse); font-weight: 600; }
        td.verdict.favour { color: var(--accent); font-weight: 600; }
        td.verdict.unknown { color: var(--muted); }
        .verdicts li.unknown { border-color: var(--muted); }
        .built-in { border-left: 6px solid var(--adverse); background: #fbe9e0; padding: .4rem 1rem; margin: .6rem 0 1rem; }
        .built-in ul { margin: .3rem 0; padding-left: 1.2rem; }
        .built-in-short { border-left: 6px solid var(--adverse); background: #fbe9e0; padding: .35rem 1rem; margin: .6rem 0; max-width: none; }
        .built-in-short a { color: inherit; }
        .tag { font-size: .8em; border: 1px solid var(--adverse); border-radius: 3px; padding: 0 .3em; white-space: nowrap; }
        .built-in li, .built-in p { max-width: none; margin: .25rem 0; }
        .warning { border-left: 4px solid var(--adverse); background: #fbe9e0; padding: .5rem .8rem; margin: 1rem 0; }
        .warning p { margin: .3rem 0; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        .keyfigures { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: .6rem; margin: 1rem 0; }
        .keyfigures div { background: var(--soft); padding: .6rem .8rem; border-radius: 4px; }
        .keyfigures b { display: block; font-size: 1.3rem; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .85rem; width: 100%; }
        caption { text-align: left; font-weight: 700; padding: .3rem 0; }
        th, td { border-bottom: 1px solid var(--rule); padding: .25rem .45rem; text-align: left; vertical-align: top; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        thead th { background: var(--soft); }
        tr.reference td:first-child::after { content: " ★"; }
        tr.adverse td { background: #fbe9e0; }
        tr.favour td { background: #e6f1f8; }
        .badge { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .8rem; font-weight: 700; color: #fff; }
        .badge.evidenced { background: var(--ok); }
        .badge.partly { background: #B07A00; }
        .badge.not-evidenced { background: var(--muted); }
        .suppressed, .undefined { color: var(--muted); }
        figure.plot { margin: 1rem 0; }
        figure.plot svg { display: block; max-width: 100%; height: auto; }
        pre, code { font-family: "DejaVu Sans Mono", monospace; font-size: .82rem; }
        pre { background: var(--soft); padding: .6rem .8rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
        .template { border: 1px dashed var(--rule); padding: .4rem 1rem; }
        .fill { color: var(--adverse); font-style: italic; }
        details > summary { cursor: pointer; color: var(--accent); }
        footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); }
        @page { size: A4; margin: 16mm 14mm; }
        @media print {
          html { font-size: 10.5pt; }
          body { max-width: none; padding: 0; }
          .toc { break-after: page; }
          h2, h3, h4, caption { break-after: avoid; break-inside: avoid; }
          h2 + figure, h3 + figure, h4 + figure, h2 + p, h3 + p, h4 + p { break-before: avoid; }
          figure, tr, .verdicts li, .keyfigures div, .built-in li, dl.facts { break-inside: avoid; }
          thead { display: table-header-group; }
          p { orphans: 3; widows: 3; }
          details { display: block; }
          details > summary { display: none; }
          .table-wrap { overflow: visible; }
          a { color: inherit; text-decoration: none; }
          tr.adverse td, thead th, .toc, .verdicts li, .keyfigures div, pre, .built-in, .built-in-short { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }

        """;

    /// <summary>The report's CSS with the embedded font, for any page Audit writes (reports, letters).</summary>
    public static string StyleSheet() => FontFaces() + Css;

    private static string FontFaces() =>
        $"@font-face {{ font-family: \"{PlotFont.Family}\"; font-weight: 400; src: url(data:font/ttf;base64,{Convert.ToBase64String(PlotFont.FileBytes(false))}) format(\"truetype\"); }}\n" +
        $"@font-face {{ font-family: \"{PlotFont.Family}\"; font-weight: 700; src: url(data:font/ttf;base64,{Convert.ToBase64String(PlotFont.FileBytes(true))}) format(\"truetype\"); }}\n";
}
