using Audit.Data;
using Audit.Reporting;

namespace Audit.Tests.Fairness;

/// <summary>
/// Issue 21, second round: the vectorised missing-value counts of the data summary against a count written here over
/// the arrays the columns were built from, and the report's warm-up (<see cref="ReportWriter.Prepare"/>).
/// </summary>
public sealed class Issue21StatisticsStageTests
{
    /// <summary>Lengths around the vector widths (2, 4, 8 doubles) and a long column; missing values at random rows, at both ends, none, all.</summary>
    public static TheoryData<int, int> Cases()
    {
        var cases = new TheoryData<int, int>();
        foreach (var length in new[] { 0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 1000, 100_003 })
        {
            foreach (var percent in new[] { 0, 1, 50, 100 })
            {
                cases.Add(length, percent);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MissingCountsEqualACountOverTheValues(int length, int percent)
    {
        var random = new Random(length * 101 + percent);
        var missingRow = Enumerable.Range(0, length).Select(i => random.Next(100) < percent || (percent > 0 && (i == 0 || i == length - 1))).ToArray();
        // NaNs of several bit patterns (quiet, negative, with a payload): every one is missing.
        double[] nans = [double.NaN, -double.NaN, BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001), BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_1234))];
        var numbers = Enumerable.Range(0, length).Select(i => missingRow[i] ? nans[random.Next(nans.Length)]
            : new[] { 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, random.NextDouble() * 1e6 }[random.Next(6)]).ToArray();
        var codes = Enumerable.Range(0, length).Select(i => missingRow[i] ? CategoricalColumn.Missing : random.Next(3)).ToArray();
        var flags = Enumerable.Range(0, length).Select(i => missingRow[i] ? BooleanColumn.Missing : (byte)random.Next(2)).ToArray();
        var expected = 0;
        foreach (var x in numbers)
        {
            expected += (BitConverter.DoubleToInt64Bits(x) & long.MaxValue) > 0x7FF0_0000_0000_0000 ? 1 : 0; // IEEE 754: exponent all ones, fraction not zero
        }
        Assert.Equal(missingRow.Count(m => m), expected);

        Assert.Equal(expected, new NumericColumn("x", numbers).MissingCount());
        Assert.Equal(expected, new CategoricalColumn("c", codes, ["a", "b", "c"]).MissingCount());
        Assert.Equal(expected, new BooleanColumn("b", flags).MissingCount());
        Assert.Equal(expected, new NumericColumn("x", numbers).MissingCountRowByRow());
    }

    [Fact]
    public async Task PreparingTheReportSucceedsOnceAndIsShared()
    {
        var first = ReportWriter.Prepare();
        var second = ReportWriter.Prepare();
        Assert.Same(first, second);
        await first; // a warm-up that throws would only be swallowed by Files: it must not throw
        Assert.True(first.IsCompletedSuccessfully);
    }
}
