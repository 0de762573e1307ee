using System.Globalization;
using System.Text;
using Audit.Data;
using Audit.Plan;
using Audit.Tests.Cli;

namespace Audit.Tests.Issue16;

/// <summary>
/// Issue 16, class 3: small inputs that asked for unbounded work (intersections of many attributes, a protected column
/// with thousands of values, thousands of interactions, a plan whose aliases expand to 100 MB) end in exit 2 with the
/// limit's key; a plan may lower a limit but never raise it (the command line's --limit does).
/// </summary>
public sealed class UnboundedWorkLimitsTests
{
    private static string Plan(string attributes, string extra = "", string data = "people.csv") => $"""
        name: limits
        data:
          path: {data}
        roles:
          id: id
        model:
          score_column: s
          adverse: high
        policy:
          threshold: 0.5
        protected_attributes: {attributes}
        min_cell_size: 1
        inference:
          bootstrap: 0
        {extra}
        """;

    private static string Csv(int rows, int attributes, Func<int, int, string> value)
    {
        var random = new Random(16_03);
        var text = new StringBuilder("id,s");
        for (var a = 0; a < attributes; a++)
        {
            text.Append(",a").Append(a);
        }
        text.Append('\n');
        for (var i = 0; i < rows; i++)
        {
            text.Append(i).Append(',').Append(random.NextDouble().ToString("0.000", CultureInfo.InvariantCulture));
            for (var a = 0; a < attributes; a++)
            {
                text.Append(',').Append(value(i, a));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Attributes(int count) => "[" + string.Join(", ", Enumerable.Range(0, count).Select(a => "a" + a)) + "]";

    [Fact]
    public void AllIntersectionsOfFourteenAttributesAreRefusedBeforeAnyCounting()
    {
        using var dir = new TempDirectory();
        var random = new Random(1);
        dir.Write("people.csv", Csv(5_000, 14, (_, _) => "xyz"[random.Next(3)].ToString()));
        var plan = dir.Write("plan.yaml", Plan(Attributes(14), "intersections: all"));

        var outcome = CliRunner.Run("run", plan, "--out", dir.File("out"), "--quiet");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("16,369 intersections", outcome.Error);
        Assert.Contains("key 'intersections'", outcome.Error);
        Assert.Contains("--limit max_intersections=", outcome.Error);
    }

    [Fact]
    public void AProtectedColumnWithTwentyThousandValuesIsRefused()
    {
        using var dir = new TempDirectory();
        dir.Write("people.csv", Csv(20_000, 1, (i, _) => "v" + i));
        var plan = dir.Write("plan.yaml", Plan("[a0]"));

        var outcome = CliRunner.Run("run", plan, "--out", dir.File("out"), "--quiet");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("20,000 groups", outcome.Error);
        Assert.Contains("'a0'", outcome.Error);
        Assert.Contains("--limit max_groups=", outcome.Error);
    }

    [Fact]
    public void ACrossingWithMoreCellsThanTheLimitIsRefusedAndTheCommandLineRaisesIt()
    {
        using var dir = new TempDirectory();
        dir.Write("people.csv", Csv(2_000, 2, (i, a) => a == 0 ? "p" + (i % 400) : "q" + (i * 7 % 400)));
        var plan = dir.Write("plan.yaml", Plan("[a0, a1]", "intersections: [[a0, a1]]"));

        var refused = CliRunner.Run("run", plan, "--out", dir.File("out"), "--quiet");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("160,000 cells", refused.Error);

        var lowered = CliRunner.Run("run", plan, "--out", dir.File("out"), "--quiet", "--limit", "max_cells=200000");
        Assert.True(lowered.ExitCode == 0, lowered.Error);
    }

    [Fact]
    public void ASpecWithTwoThousandInteractionsIsRefused()
    {
        using var dir = new TempDirectory();
        var spec = new StringBuilder("""
            spec_version: 1
            name: many
            kind: linear
            adverse: high
            intercept: 0
            features:
              - { name: x, type: boolean, weight: 1 }
              - { name: y, type: boolean, weight: 1 }
            interactions:

            """);
        for (var i = 0; i < 2_000; i++)
        {
            spec.Append(CultureInfo.InvariantCulture, $"  - {{ name: i{i}, when: {{ x: true, y: true }}, weight: 0.001 }}\n");
        }
        var path = dir.Write("spec.yaml", spec.ToString());
        var error = Assert.Throws<AuditInputException>(() => Audit.Models.LinearModelSpec.Load(path, "spec.yaml"));
        Assert.Contains("2,000 interactions", error.Problem);
        Assert.Equal("interactions", error.KeyPath);
    }

    [Fact]
    public void AnAnchorAliasedHundredsOfTimesIsRefusedByItsExpandedText()
    {
        using var dir = new TempDirectory();
        var plan = new StringBuilder(Plan("[a0]", "notes: &big \"" + new string('x', 200_000) + "\""));
        plan.Append("\nextra_list:\n");
        for (var i = 0; i < 499; i++)
        {
            plan.Append("  - *big\n");
        }
        var path = dir.Write("plan.yaml", plan.ToString());
        var error = Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(path));
        Assert.Contains("characters of text", error.Problem);
    }

    [Fact]
    public void AYamlFileOfFiveMegabytesIsRefusedBeforeItIsRead()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("plan.yaml", Plan("[a0]", "description: \"" + new string('x', 5 << 20) + "\""));
        var error = Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(path));
        Assert.Contains("larger than the 4 MiB allowed", error.Problem);
    }

    /// <summary>
    /// The oracle: a plan's value for a limit is accepted exactly when it is at most what the command line granted, and
    /// the limit in force is then the plan's value (or the grant when the plan is silent).
    /// </summary>
    [Fact]
    public void APlanMayLowerALimitButNeverRaiseIt()
    {
        using var dir = new TempDirectory();
        dir.Write("people.csv", "id,s,a0\n1,0.2,x\n");
        var random = new Random(16_31);
        for (var trial = 0; trial < 300; trial++)
        {
            var key = InputLimits.Keys[random.Next(InputLimits.Keys.Count)];
            var byDefault = InputLimits.Default.Get(key);
            long? grant = random.Next(2) == 0 ? null : Math.Max(1, (long)(byDefault * Math.Pow(10, random.NextDouble() * 2 - 1)));
            grant = grant is { } g ? Math.Min(g, InputLimits.Ceiling(key)) : null;
            var granted = grant is { } gg ? InputLimits.FromCommandLine([$"{key}={gg}"]) : InputLimits.Default;
            var allowed = grant ?? byDefault;
            long? asked = random.Next(4) == 0 ? null : Math.Max(1, (long)(allowed * Math.Pow(10, random.NextDouble() * 2 - 1)));
            var path = dir.Write("plan.yaml", Plan("[a0]", asked is { } a ? $"limits:\n  {key}: {a}" : ""));
            if (asked is { } v && v > allowed)
            {
                var error = Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(path, null, granted));
                Assert.Equal("limits." + key, error.KeyPath);
                Assert.Contains($"--limit {key}={v}", error.Hint);
            }
            else
            {
                Assert.Equal(asked ?? allowed, AuditPlanLoader.Load(path, null, granted).Limits.Get(key));
            }
        }
    }
}
