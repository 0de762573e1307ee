using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>Reproducibility: the exact command, the toolkit version, the seed and the SHA-256 of every input.</summary>
public sealed class ReproducibilitySection : IHtmlSection
{
    public string Id => "reproducibility";

    public string TitleKey => "section.reproducibility";

    public bool AppliesTo(AuditResult result) => true;

    public void Render(HtmlReportContext c)
    {
        var p = c.Result.Provenance;
        c.Paragraph("repro.intro");
        c.Raw("<div class=\"table-wrap\"><table class=\"repro\"><tbody>\n");
        Row(c, "repro.command", $"<code>{HtmlText.Escape(p.Command)}</code>");
        Row(c, "repro.version", HtmlText.Escape(p.ToolkitVersion));
        Row(c, "repro.schema", c.Result.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row(c, "repro.seed", p.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row(c, "repro.plan", Hash(p.Plan));
        Row(c, "repro.model", p.Model is { } m ? Hash(m) : c.T("repro.noModel"));
        Row(c, "repro.data", Hash(p.Data));
        c.Raw("</tbody></table></div>\n");
        c.Paragraph("repro.files");
    }

    private static string Hash(FileHash file) => $"<code>{HtmlText.Escape(file.Path)}</code><br><code class=\"hash\">sha256 {HtmlText.Escape(file.Sha256)}</code>";

    private static void Row(HtmlReportContext c, string key, string markup) =>
        c.Raw("<tr><th>").Raw(c.T(key)).Raw("</th><td>").Raw(markup).Raw("</td></tr>\n");
}
