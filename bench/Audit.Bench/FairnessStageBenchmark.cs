using Audit.Data;
using Audit.Fairness;
using Audit.Fairness.Cells;
using BenchmarkDotNet.Attributes;

namespace Audit.Bench;

/// <summary>
/// The fairness stage of the 1 M-row peers run (issue 21), without the CSV: 1,000,000 rows with the peers' four
/// attributes (sex 2 groups, age band 4, nationality 3, disability 2) and the intersection sex × age band, labels 0 or
/// 1, decisions 0/1. <see cref="Statistics"/> is the stage without the bootstrap, <see cref="StatisticsAndBootstrap"/>
/// with 1,000 multinomial replicates of every table (the difference is the bootstrap).
/// </summary>
[MemoryDiagnoser]
public class FairnessStageBenchmark
{
    public const int Rows = 1_000_000;

    private const int Seed = 20261207;

    private AttributeInput[] attributes = [];
    private byte[] decisions = [];
    private byte[] labels = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(Seed);
        var sex = new int[Rows];
        var age = new int[Rows];
        var nationality = new int[Rows];
        var disability = new int[Rows];
        decisions = new byte[Rows];
        labels = new byte[Rows];
        for (var i = 0; i < Rows; i++)
        {
            sex[i] = random.Next(2);
            age[i] = random.Next(4);
            nationality[i] = random.Next(10) switch { < 7 => 0, < 9 => 1, _ => 2 };
            disability[i] = random.Next(10) == 0 ? 1 : 0;
            labels[i] = random.NextDouble() < 0.4 ? (byte)1 : (byte)0;
            decisions[i] = random.NextDouble() < 0.3 + 0.3 * labels[i] - 0.1 * sex[i] ? (byte)1 : (byte)0;
        }
        attributes =
        [
            new(new GroupAssignment("sex", sex, ["F", "M"]), null, "M"),
            new(new GroupAssignment("age_band", age, ["18-29", "30-44", "45-59", "60+"]), null, "30-44"),
            new(new GroupAssignment("nationality", nationality, ["A", "B", "C"]), null, "A"),
            new(new GroupAssignment("disability", disability, ["0", "1"]), null, "0"),
        ];
    }

    [Benchmark]
    public FairnessOutcome Statistics() => Run(0);

    [Benchmark]
    public FairnessOutcome StatisticsAndBootstrap() => Run(FairnessOptions.DefaultBootstrapReplicates);

    private FairnessOutcome Run(int replicates) =>
        FairnessAnalysis.Run(attributes, decisions, labels, [], new FairnessOptions { BootstrapReplicates = replicates, Intersections = [[0, 1]] });
}
