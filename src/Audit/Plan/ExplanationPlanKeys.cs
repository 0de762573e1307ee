using Audit.Explain;
using Audit.Yaml;

namespace Audit.Plan;

/// <summary>The plan's <c>explanations</c> key (docs/audit-plan.md): whether the explanations stage runs, and its options.</summary>
internal static class ExplanationPlanKeys
{
    private static readonly string[] Keys =
        ["enabled", "reason_codes", "background_rows", "top_features", "max_rows", "sampled_rows", "method", "space", "kernel_pairs", "permutations"];

    public static ExplanationOptions Read(YamlMap plan)
    {
        var map = plan.OptionalMap("explanations", Keys);
        if (map is null)
        {
            return new ExplanationOptions();
        }
        int Count(string key, int fallback, int min, int max)
        {
            var value = map.OptionalLong(key) ?? fallback;
            if (value < min || value > max)
            {
                throw map.Error(key, "out of range", expected: $"a whole number from {min} to {max}", found: value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            return (int)value;
        }
        return new ExplanationOptions
        {
            Enabled = map.OptionalBool("enabled"),
            ReasonCodes = Count("reason_codes", ExplanationOptions.DefaultReasonCodes, 1, 20),
            BackgroundRows = Count("background_rows", ExplanationOptions.DefaultBackgroundRows, 1, 10_000),
            TopFeatures = Count("top_features", ExplanationOptions.DefaultTopFeatures, 0, 100),
            MaxRows = Count("max_rows", ExplanationOptions.DefaultMaxRows, 1, int.MaxValue),
            SampledRows = Count("sampled_rows", ExplanationOptions.DefaultSampledRows, 1, 1_000_000),
            Method = map.OptionalChoice("method", "auto", "enumerate", "kernel", "path") ?? "auto",
            Space = map.OptionalChoice("space", "model", "score") ?? "model",
            KernelPairs = Count("kernel_pairs", ExplanationOptions.DefaultKernelPairs, 2, 1_000_000),
            Permutations = Count("permutations", 5, 1, 1000),
        };
    }
}
