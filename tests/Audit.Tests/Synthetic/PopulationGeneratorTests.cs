using Audit.Data;
using Audit.Synthetic;

namespace Audit.Tests.Synthetic;

/// <summary>The generator: deterministic for a seed, independent of chunking, and faithful to the spec's tables and formulas.</summary>
public sealed class PopulationGeneratorTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static readonly PopulationSpec Caf = PopulationSpecLoader.Load(
        Path.Combine(SharedData.RepositoryRoot, "datasets", "populations", "caf-france.yaml"), "caf-france.yaml");

    [Fact]
    public void TheSameSeedGivesByteIdenticalParquetAndAnotherSeedOtherRows()
    {
        var first = dir.File("a.parquet");
        var second = dir.File("b.parquet");
        var other = dir.File("c.parquet");
        ParquetTableWriter.Write(PopulationGenerator.GenerateTable(Caf, 20_000, seed: 7), first);
        ParquetTableWriter.Write(PopulationGenerator.GenerateTable(Caf, 20_000, seed: 7), second);
        ParquetTableWriter.Write(PopulationGenerator.GenerateTable(Caf, 20_000, seed: 8), other);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.NotEqual(File.ReadAllBytes(first), File.ReadAllBytes(other));

        var a = (NumericColumn)ParquetTableReader.Read(first)["revenu"];
        var c = (NumericColumn)ParquetTableReader.Read(other)["revenu"];
        var differing = Enumerable.Range(0, a.Length).Count(i => a[i] != c[i]);
        Assert.True(differing > 10_000, $"only {differing} of 20,000 incomes differ between seeds 7 and 8");
    }

    [Fact]
    public void OneChunkSixteenChunksAndParallelChunksGiveTheSameRows()
    {
        const int rows = 16_000;
        var one = PopulationGenerator.GenerateTable(Caf, rows, seed: 3, chunkRows: rows, parallelism: 1);
        var sixteen = PopulationGenerator.GenerateTable(Caf, rows, seed: 3, chunkRows: rows / 16, parallelism: 1);
        var parallel = PopulationGenerator.GenerateTable(Caf, rows, seed: 3, chunkRows: 999, parallelism: 4);
        Assert.Equal(-1, FirstDifference(one, sixteen, rows));
        Assert.Equal(-1, FirstDifference(one, parallel, rows));
    }

    [Fact]
    public void ARowDoesNotDependOnHowManyRowsAreGenerated()
    {
        var small = PopulationGenerator.GenerateTable(Caf, 100, seed: 5);
        var large = PopulationGenerator.GenerateTable(Caf, 5_000, seed: 5);
        Assert.Equal(-1, FirstDifference(small, large, 100));
    }

    /// <summary>The first row (of the first <paramref name="rows"/>) where two tables differ in some column, or -1.</summary>
    internal static int FirstDifference(Table a, Table b, int rows)
    {
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < a.Columns.Count; c++)
            {
                if (a.Columns[c].FormatValue(r) != b.Columns[c].FormatValue(r))
                {
                    return r;
                }
            }
        }
        return -1;
    }

    [Fact]
    public void TheShareOfSingleParentsAmongWomenClaimantsMatchesTheSpecWithinSamplingError()
    {
        // P(monoparental | F) = P(F | monoparental) P(monoparental) / P(F), from the spec's own tables:
        // 0.82 × 0.16 / (0.47 × 0.5278 + 0.04 × 0.4615 + 0.33 × 0.4615 + 0.16 × 0.82) = 0.1312 / 0.54985 = 0.23861.
        const double expected = 0.82 * 0.16 / (0.47 * 0.5278 + 0.37 * 0.4615 + 0.16 * 0.82);
        var table = PopulationGenerator.GenerateTable(Caf, 200_000, seed: 11);
        var sexe = (CategoricalColumn)table["sexe"];
        var single = (BooleanColumn)table["parent_isole"];
        var women = 0;
        var singleMothers = 0;
        for (var i = 0; i < table.RowCount; i++)
        {
            if (sexe[i] == "F")
            {
                women++;
                singleMothers += single.Values[i];
            }
        }
        var share = (double)singleMothers / women;
        var standardError = Math.Sqrt(expected * (1 - expected) / women);
        Assert.InRange(share, expected - 4 * standardError, expected + 4 * standardError);
    }

    [Fact]
    public void DerivedVariablesFollowTheirFormulas()
    {
        var table = PopulationGenerator.GenerateTable(Caf, 5_000, seed: 2);
        var type = (CategoricalColumn)table["type_foyer"];
        var adults = (NumericColumn)table["nb_adultes"];
        var children = (NumericColumn)table["nb_enfants"];
        var single = (BooleanColumn)table["parent_isole"];
        var units = (NumericColumn)table["unites_consommation"];
        for (var i = 0; i < table.RowCount; i++)
        {
            Assert.Equal(type[i] is "couple_sans_enfant" or "couple_avec_enfants" ? 2.0 : 1.0, adults[i]);
            Assert.Equal(type[i] == "monoparental", single[i]);
            Assert.Equal(1 + 0.5 * (adults[i] - 1) + 0.3 * children[i] + (single[i] == true ? 0.2 : 0), units[i], 12);
            Assert.Equal(type[i] is "seul" or "couple_sans_enfant", children[i] == 0);
        }
        Assert.Equal("foyer_id", table.Columns[0].Name);
        Assert.Equal(1.0, ((NumericColumn)table["foyer_id"])[0]);
    }

    [Fact]
    public void PoissonCountsHaveTheirMean()
    {
        var spec = PopulationSpecLoader.Parse("""
            name: counts
            variables:
              - { name: tickets, type: numeric, distribution: poisson, mean: 2.5, source: illustrative }
              - { name: rare, type: numeric, distribution: poisson, mean: 0.01, source: illustrative }
            """, "counts.yaml");
        var table = PopulationGenerator.GenerateTable(spec, 100_000, seed: 1);
        var tickets = ((NumericColumn)table["tickets"]).Values.ToArray();
        var rare = ((NumericColumn)table["rare"]).Values.ToArray();
        // Standard errors of the mean: √(2.5 / 100,000) = 0.005 and √(0.01 / 100,000) = 0.0003.
        Assert.InRange(tickets.Average(), 2.5 - 0.02, 2.5 + 0.02);
        Assert.InRange(rare.Average(), 0.01 - 0.0013, 0.01 + 0.0013);
        Assert.All(tickets, t => Assert.Equal(Math.Floor(t), t));
    }

    [Fact]
    public void AFormulaThatDividesByZeroFailsWithTheVariableAndRow()
    {
        var spec = PopulationSpecLoader.Parse("""
            name: ratio
            variables:
              - { name: revenu, type: numeric, distribution: discrete, probabilities: { 0: 0.5, 1000: 0.5 }, source: illustrative }
              - { name: ratio, type: numeric, formula: "500 / revenu" }
            """, "ratio.yaml");
        var e = Assert.Throws<AuditInputException>(() => PopulationGenerator.GenerateTable(spec, 1_000, seed: 1));
        Assert.Contains("variable 'ratio': the formula gives no finite number for generated row", e.Message);
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public void CounterRandomIsAFixedFunctionOfItsInputs()
    {
        // Pinned values, computed independently (a Python transcription of SplitMix64's finaliser): a change of the
        // hash would change every generated population, and must come with a new PopulationGenerator.Method.
        Assert.Equal(0x397ab29740681d9UL, CounterRandom.Bits(1, 0, 0, 0));
        Assert.Equal(0xddc1ed05282d1d64UL, CounterRandom.Bits(1, 1, 0, 0));
        Assert.Equal(0xec201b327f2a32a0UL, CounterRandom.Bits(20261124, 13_799_999, 22, 0));
        Assert.Equal(0.014033029194275015, CounterRandom.Uniform(1, 0, 0, 0));
        Assert.Equal(0.9223649023325968, CounterRandom.Uniform(20261124, 13_799_999, 22, 0));
        Assert.NotEqual(CounterRandom.Bits(1, 0, 0, 0), CounterRandom.Bits(1, 1, 0, 0));
        Assert.NotEqual(CounterRandom.Bits(1, 0, 0, 0), CounterRandom.Bits(1, 0, 1, 0));
        Assert.NotEqual(CounterRandom.Bits(1, 0, 0, 0), CounterRandom.Bits(2, 0, 0, 0));
        var u = Enumerable.Range(0, 100_000).Select(i => CounterRandom.Uniform(42, i, 3, 0)).ToArray();
        Assert.All(u, x => Assert.InRange(x, double.Epsilon, 1 - double.Epsilon));
        Assert.InRange(u.Average(), 0.5 - 0.003, 0.5 + 0.003);
    }
}

/// <summary>Chunking never changes a row, whatever the chunk size and the number of cores.</summary>
public sealed class PopulationGeneratorProperties
{
    private static readonly PopulationSpec Rongcheng = PopulationSpecLoader.Load(
        Path.Combine(SharedData.RepositoryRoot, "datasets", "populations", "rongcheng.yaml"), "rongcheng.yaml");

    private static readonly Table Whole = PopulationGenerator.GenerateTable(Rongcheng, 2_000, seed: 12, chunkRows: 2_000, parallelism: 1);

    [FsCheck.Xunit.Property(MaxTest = 25)]
    public bool AnyChunkSizeAndParallelismGivesTheSameRows(FsCheck.PositiveInt chunk, bool parallel)
    {
        var chunked = PopulationGenerator.GenerateTable(Rongcheng, 2_000, seed: 12, chunkRows: chunk.Get % 2_500 + 1, parallelism: parallel ? 4 : 1);
        return PopulationGeneratorTests.FirstDifference(Whole, chunked, Whole.RowCount) == -1;
    }
}
