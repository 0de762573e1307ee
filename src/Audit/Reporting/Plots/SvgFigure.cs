namespace Audit.Reporting.Plots;

/// <summary>
/// A plot as inline SVG: the markup (with a role, a &lt;title&gt; and a &lt;desc&gt; for screen readers, and ids made
/// unique in the page), its title, and a text alternative that says what the plot shows in words.
/// </summary>
public sealed record SvgFigure(string Id, string Svg, string Title, string Description);
