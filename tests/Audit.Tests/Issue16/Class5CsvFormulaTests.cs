using System.Globalization;
using System.Text;
using Audit.Reporting.Tables;
using Audit.Tests.Reporting;

namespace Audit.Tests.Issue16;

/// <summary>
/// Issue 16, class 5: a cell like <c>;=1+1</c> was written bare to tables/*.csv, and a French-locale spreadsheet, which
/// splits fields at ';', read the formula <c>=1+1</c>. The oracle opens each table as both locales would (RFC 4180
/// quoting, with ',' and with ';' as the delimiter) and checks that no field a spreadsheet sees starts with a formula
/// character unless it is a plain number, and that the ',' reading gives back every value (after the apostrophe).
/// </summary>
public sealed class Issue16Class5CsvFormulaTests
{

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    [Fact]
    public void NoFieldStartsAFormulaInEitherLocaleAndEveryValueComesBack()
    {
        var random = new Random(16_54);
        const string alphabet = "=+-@;,\t\r\n\" a1'.é";
        for (var n = 0; n < 300; n++)
        {
            var texts = Enumerable.Range(0, 8).Select(_ => new string([.. Enumerable.Range(0, random.Next(0, 8)).Select(_ => alphabet[random.Next(alphabet.Length)])])).ToList();
            texts.Add(";=1+1");
            var table = new ReportTable("t", "group", "value");
            foreach (var text in texts)
            {
                table.Add(text, (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-5, 6)));
            }
            var csv = table.ToCsv();
            foreach (var delimiter in new[] { ',', ';' })
            {
                foreach (var field in SpreadsheetCsv.Read(csv, delimiter).SelectMany(r => r))
                {
                    var formula = field.Length > 0 && "=+-@\t\r".Contains(field[0]);
                    Assert.False(formula && !IsNumber(field), $"locale '{delimiter}': the field «{field}» starts a formula in {csv}");
                }
            }
            var back = SpreadsheetCsv.Read(csv, ',');
            Assert.Equal(texts.Count + 1, back.Count);
            for (var i = 0; i < texts.Count; i++)
            {
                Assert.Equal(2, back[i + 1].Count);
                var cell = back[i + 1][0];
                Assert.True(cell == texts[i] || cell == "'" + texts[i], $"«{texts[i]}» came back as «{cell}»");
            }
        }
    }
}
