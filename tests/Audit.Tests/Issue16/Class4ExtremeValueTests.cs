using System.Globalization;
using System.Text;
using Audit.Data;
using Audit.Plan;
using Audit.Reporting;
using Audit.Results;

namespace Audit.Tests.Issue16;

/// <summary>
/// Issue 16, class 4: finite extreme values (a feature of 1e300, weights of 1e308 or all 0, a coefficient of 1e306) ended
/// in the JSON writer's or the additivity check's exception, an internal error. The rule now: every number the audit
/// computes with lies within ±10^15 (<see cref="NumericMagnitude"/>), else an input error names the file and the row or
/// key. The oracle draws the magnitudes (10^0 to 10^308, either sign) and knows from them alone whether the audit must
/// refuse; an audit it must accept must give a report whose every number is finite.
/// </summary>
public sealed class Issue16Class4ExtremeValueTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private const int Rows = 40;

    private static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public void EveryNumberWithinTheBoundIsAuditedAndEveryOneBeyondItIsAnInputErrorWithItsPlace()
    {
        var random = new Random(16_40);
        double Draw(bool positive) => random.Next(3) == 0
            ? (positive ? 1 : random.Next(2) == 0 ? -1 : 1) * Math.Pow(10, random.Next(0, 308)) * (1 + random.NextDouble())
            : (positive ? 1 : -1) * (0.5 + random.NextDouble());
        int refused = 0, accepted = 0;
        for (var n = 0; n < 40; n++)
        {
            var folder = Path.Combine(dir.Path, n.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            // Two inputs with opposite weights: their terms cancel, so the rounding of huge terms meets a small output.
            var (special, weight, coefficient, row) = (Draw(false), Draw(true), Draw(false), random.Next(1, Rows + 1));
            var csv = new StringBuilder("id,sex,a,b,w\n");
            for (var i = 1; i <= Rows; i++)
            {
                var a = i == row ? special : i % 7;
                csv.Append(CultureInfo.InvariantCulture, $"{i},{(i % 2 == 0 ? "F" : "M")},{Number(a)},{Number(i % 5)},{(i == row ? Number(weight) : "1")}\n");
            }
            File.WriteAllText(Path.Combine(folder, "people.csv"), csv.ToString());
            File.WriteAllText(Path.Combine(folder, "model.yaml"), $$"""
                name: extreme
                kind: {{(n % 2 == 0 ? "logistic" : "linear")}}
                adverse: high
                intercept: -1
                features:
                  - { name: a, type: numeric, weight: {{Number(coefficient)}} }
                  - { name: b, type: numeric, weight: {{Number(-coefficient)}} }
                """);
            var planPath = Path.Combine(folder, "plan.yaml");
            File.WriteAllText(planPath, """
                name: extreme
                data: { path: people.csv }
                roles: { id: id, weight: w }
                model: { spec: model.yaml }
                policy: { top_fraction: 0.25 }
                protected_attributes: [{ column: sex }]
                min_cell_size: 3
                inference: { bootstrap: 0 }
                """);

            var specBeyond = Math.Abs(coefficient) > NumericMagnitude.Max;
            var dataBeyond = Math.Abs(special) > NumericMagnitude.Max || weight > NumericMagnitude.Max;
            if (specBeyond || dataBeyond)
            {
                var error = Assert.Throws<AuditInputException>(() => Auditor.Run(AuditPlanLoader.Load(planPath), "test"));
                if (specBeyond)
                {
                    Assert.Equal("model.yaml", error.File);
                    Assert.StartsWith("features[", error.KeyPath);
                }
                else
                {
                    Assert.Equal("people.csv", error.File);
                    Assert.Equal(row, error.Row);
                    Assert.Equal(row + 1, error.Line);
                    Assert.Equal(Math.Abs(special) > NumericMagnitude.Max ? "a" : "w", error.Column);
                }
                Assert.Contains("1e15", error.Expected);
                Assert.NotNull(error.Hint);
                refused++;
                continue;
            }
            var result = Auditor.Run(AuditPlanLoader.Load(planPath), "test");
            var json = AuditResultJson.Serialize(result);
            Assert.DoesNotContain("Infinity", json);
            Assert.DoesNotContain("NaN", json);
            Assert.NotEmpty(MarkdownReport.Render(result));
            Assert.NotNull(result.Explanations);
            accepted++;
        }
        Assert.InRange(refused, 5, 35);
        Assert.InRange(accepted, 5, 35);
    }

    [Fact]
    public void WeightsThatAreAllZeroAreAnInputError()
    {
        var csv = new StringBuilder("id,sex,s,w\n");
        for (var i = 1; i <= 20; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},{(i % 2 == 0 ? "F" : "M")},{i / 20.0},0\n");
        }
        File.WriteAllText(dir.File("people.csv"), csv.ToString());
        var plan = dir.Write("plan.yaml", """
            data: { path: people.csv }
            roles: { weight: w }
            model: { score_column: s, adverse: high }
            policy: { top_fraction: 0.25 }
            protected_attributes: [{ column: sex }]
            """);
        var error = Assert.Throws<AuditInputException>(() => Auditor.Run(AuditPlanLoader.Load(plan), "test"));
        Assert.Equal("people.csv", error.File);
        Assert.Equal("w", error.Column);
        Assert.Contains("every weight is 0", error.Problem);
    }

    [Fact]
    public void FrequencyWeightsBeyondWhatTheTestsCountAreAnInputError()
    {
        var csv = new StringBuilder("id,sex,s,w\n");
        for (var i = 1; i <= 20; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},{(i % 2 == 0 ? "F" : "M")},{i / 20.0},{(i == 3 ? "1e15" : "1")}\n");
        }
        File.WriteAllText(dir.File("people.csv"), csv.ToString());
        var plan = dir.Write("plan.yaml", """
            data: { path: people.csv }
            roles: { weight: w }
            weights: frequency
            model: { score_column: s, adverse: high }
            policy: { top_fraction: 0.25 }
            protected_attributes: [{ column: sex }]
            """);
        var error = Assert.Throws<AuditInputException>(() => Auditor.Run(AuditPlanLoader.Load(plan), "test"));
        Assert.Equal("w", error.Column);
        Assert.Contains("frequency weights add up", error.Problem);
    }
}
