using System.Globalization;

namespace Audit.Tests.Recourse;

/// <summary>The plan of issue 15's defects 3 and 4, written for <c>audit recourse --person</c>.</summary>
internal static class OneInputPlan
{
    /// <summary>Writes the issue's plan: linear, adverse high, intercept 0, x with weight 1, decrease only, max_change 15, threshold 27.25.</summary>
    public static string Write(TempDirectory folder, string xs, string? step)
    {
        var values = xs.Split(' ');
        folder.Write("people.csv", "id,g,x\n" + string.Concat(values.Select((v, i) => $"{i + 1},{(i % 2 == 0 ? "a" : "b")},{v}\n")));
        folder.Write("model.yaml", """
            name: one input
            kind: linear
            adverse: high
            intercept: 0
            features:
              - { name: x, type: numeric, weight: 1, actionability: decrease_only }
            """);
        return folder.Write("plan.yaml", $$"""
            data: { path: people.csv }
            roles: { id: id }
            model: { spec: model.yaml }
            policy: { threshold: 27.25 }
            protected_attributes: [g]
            min_cell_size: 1
            inference: { bootstrap: 0 }
            recourse:
              features:
                x: { max_change: 15{{(step is null ? "" : ", step: " + step)}} }
            """);
    }

    /// <summary>The new value printed for <paramref name="feature"/> ("  - x: 41.9 -> 27.2499 (cost ...)").</summary>
    public static double NewValue(string output, string feature, string from)
    {
        var prefix = $"  - {feature}: {from} -> ";
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(line is not null, output);
        return double.Parse(line![prefix.Length..line.IndexOf(" (", StringComparison.Ordinal)], CultureInfo.InvariantCulture);
    }
}
