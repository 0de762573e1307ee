"""Draws docs/national-scale-scaling.svg from `audit bench --json` files (no dependencies).

    python3 bench/scripts/plot_scaling.py docs/national-scale-scaling.svg bench-0.1m.json bench-1m.json ...

Left: total wall time against rows; right: peak working set against rows; both on linear axes with the straight
line through the smallest and the largest size, so that linear growth (with a fixed cost) shows as points on it.
"""
import json
import sys

out, files = sys.argv[1], sys.argv[2:]
runs = sorted((json.load(open(f)) for f in files), key=lambda r: r["rows"])
xs = [r["rows"] / 1e6 for r in runs]
panels = [
    ("total wall time (s)", [r["totalSeconds"] for r in runs]),
    ("peak working set (GiB)", [r["peakWorkingSetBytes"] / 2**30 for r in runs]),
]
W, H, M = 360, 260, 50
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * W}" height="{H + 40}" font-family="sans-serif" font-size="11">',
       f'<text x="10" y="16" font-size="13">audit bench, reconstructed CAF audit, 2 shared cores ({", ".join(f"{x:g} M" for x in xs)} rows)</text>']
for p, (title, ys) in enumerate(panels):
    ox, oy = p * W + M, H
    xmax, ymax = max(xs) * 1.05, max(ys) * 1.15
    sx = lambda x: ox + x / xmax * (W - M - 20)
    sy = lambda y: oy - y / ymax * (H - 60)
    svg.append(f'<line x1="{ox}" y1="{oy}" x2="{ox + W - M - 20}" y2="{oy}" stroke="black"/>')
    svg.append(f'<line x1="{ox}" y1="{oy}" x2="{ox}" y2="{oy - (H - 60)}" stroke="black"/>')
    svg.append(f'<text x="{ox}" y="{oy - (H - 60) - 8}">{title}</text>')
    svg.append(f'<text x="{ox + (W - M - 20) / 2 - 30}" y="{oy + 30}">rows (millions)</text>')
    for k in range(5):
        yv = ymax * k / 4
        svg.append(f'<text x="{ox - 8}" y="{sy(yv) + 4}" text-anchor="end">{yv:.3g}</text>')
    for x in xs:
        svg.append(f'<text x="{sx(x)}" y="{oy + 14}" text-anchor="middle">{x:g}</text>')
    svg.append(f'<line x1="{sx(xs[0])}" y1="{sy(ys[0])}" x2="{sx(xs[-1])}" y2="{sy(ys[-1])}" stroke="#999" stroke-dasharray="4 3"/>')
    for x, y in zip(xs, ys):
        svg.append(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="4" fill="#1f4e99"/>')
        svg.append(f'<text x="{sx(x) + 6:.1f}" y="{sy(y) - 6:.1f}">{y:.3g}</text>')
svg.append('</svg>')
open(out, "w").write("\n".join(svg) + "\n")
