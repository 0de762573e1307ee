using ScottPlot;

namespace Audit.Reporting.Plots;

/// <summary>
/// Clears the dash a dashed or dotted line leaves on the paint ScottPlot's plottables share. ScottPlot sets the dash
/// when it strokes a line but does not clear it when it fills (bars, markers), and Skia's SVG backend, which ignores a
/// dash on a fill, then prints "Unsupported path effect in addPaint." on standard error for every such fill (issue 15,
/// defect 14). Added right after every plottable drawn with a pattern (<see cref="PlotStyle.ClearDash"/>); it draws
/// nothing and has no legend.
/// </summary>
internal sealed class DashReset : IPlottable
{
    public bool IsVisible { get; set; } = true;

    public IAxes Axes { get; set; } = new Axes();

    public IEnumerable<LegendItem> LegendItems => [];

    public AxisLimits GetAxisLimits() => AxisLimits.NoLimits;

    public void Render(RenderPack rp) => rp.Paint.SKPathEffect = null!;
}
