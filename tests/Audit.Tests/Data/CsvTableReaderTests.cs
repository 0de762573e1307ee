using System.Text;
using Audit.Data;

namespace Audit.Tests.Data;

public sealed class CsvTableReaderTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void InfersNumericCategoricalAndBooleanColumns()
    {
        var path = dir.Write("a.csv", "id,revenu,sexe,actif\n1,1200.5,F,true\n2,,M,false\n3,NA,F,\n");
        var table = CsvTableReader.Read(path);

        Assert.Equal(3, table.RowCount);
        Assert.Equal(ColumnType.Numeric, table["id"].Type);
        var revenu = Assert.IsType<NumericColumn>(table["revenu"]);
        Assert.Equal(1200.5, revenu[0]);
        Assert.True(revenu.IsMissing(1));
        Assert.True(revenu.IsMissing(2));
        var sexe = Assert.IsType<CategoricalColumn>(table["sexe"]);
        Assert.Equal(["F", "M"], sexe.Levels);
        Assert.Equal("F", sexe[2]);
        var actif = Assert.IsType<BooleanColumn>(table["actif"]);
        Assert.True(actif[0]);
        Assert.False(actif[1]);
        Assert.Null(actif[2]);
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    public void DetectsTheDelimiter(char delimiter)
    {
        var path = dir.Write("d.csv", $"a{delimiter}b{delimiter}c\n1{delimiter}x{delimiter}2\n");
        var table = CsvTableReader.Read(path);
        Assert.Equal(["a", "b", "c"], table.Columns.Select(c => c.Name));
        Assert.Equal(2.0, ((NumericColumn)table["c"])[0]);
    }

    [Fact]
    public void ReadsQuotedFieldsWithDelimitersQuotesAndLineBreaks()
    {
        var path = dir.Write("q.csv", "name,note\n\"Dupont, Marie\",\"She said \"\"no\"\"\"\n\"Martin\",\"two\nlines\"\n");
        var table = CsvTableReader.Read(path);
        var name = (CategoricalColumn)table["name"];
        var note = (CategoricalColumn)table["note"];
        Assert.Equal("Dupont, Marie", name[0]);
        Assert.Equal("She said \"no\"", note[0]);
        Assert.Equal("two\nlines", note[1]);
    }

    [Fact]
    public void ReadsUtf8WithByteOrderMarkAndAccents()
    {
        var path = dir.File("bom.csv");
        File.WriteAllText(path, "région;revenu\nÎle-de-France;12\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var table = CsvTableReader.Read(path);
        Assert.Equal("région", table.Columns[0].Name);
        Assert.Equal("Île-de-France", ((CategoricalColumn)table["région"])[0]);
    }

    [Fact]
    public void ReadsDecimalCommaWhenAsked()
    {
        var path = dir.Write("fr.csv", "revenu;taux\n1234,5;0,25\n-3;1\n");
        var table = CsvTableReader.Read(path, new CsvReadOptions { DecimalComma = true });
        var revenu = (NumericColumn)table["revenu"];
        Assert.Equal(1234.5, revenu[0]);
        Assert.Equal(-3.0, revenu[1]);
        Assert.Equal(0.25, ((NumericColumn)table["taux"])[0]);
    }

    [Fact]
    public void DecimalCommaRefusesDecimalPointsInDeclaredNumbers()
    {
        var path = dir.Write("fr.csv", "revenu;x\n1234,5;a\n1.5;b\n");
        var options = new CsvReadOptions { DecimalComma = true, ColumnTypes = new Dictionary<string, ColumnType> { ["revenu"] = ColumnType.Numeric } };
        var error = Assert.Throws<AuditInputException>(() => CsvTableReader.Read(path, options));
        Assert.Equal(2, error.Row);
        Assert.Equal("revenu", error.Column);
        Assert.Equal("1.5", error.Found);
    }

    [Fact]
    public void NonNumericValueNamesFileRowLineAndColumn()
    {
        var body = new StringBuilder("id,revenu\n");
        for (var i = 1; i <= 1500; i++)
        {
            body.Append(i).Append(',').Append(i == 1234 ? "douze cents" : "1200").Append('\n');
        }
        var path = dir.Write("people.csv", body.ToString());
        var options = new CsvReadOptions { ColumnTypes = new Dictionary<string, ColumnType> { ["revenu"] = ColumnType.Numeric } };

        var error = Assert.Throws<AuditInputException>(() => CsvTableReader.Read(path, options));

        Assert.Equal(1234, error.Row);
        Assert.Equal(1235, error.Line);
        Assert.Equal("revenu", error.Column);
        Assert.Equal("douze cents", error.Found);
        Assert.Contains("people.csv", error.Message);
        Assert.Contains("row 1234", error.Message);
        Assert.Contains("revenu", error.Message);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void RowNumbersCountDataRowsNotLinesWhenAFieldSpansLines()
    {
        var path = dir.Write("ml.csv", "note,n\n\"a\nb\",1\nc,x\n");
        var options = new CsvReadOptions { ColumnTypes = new Dictionary<string, ColumnType> { ["n"] = ColumnType.Numeric } };
        var error = Assert.Throws<AuditInputException>(() => CsvTableReader.Read(path, options));
        Assert.Equal(2, error.Row);
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void ValueThatContradictsInferenceAfterTheSampleIsAnErrorWithAHint()
    {
        var path = dir.Write("late.csv", "x\n1\n2\nabc\n");
        var error = Assert.Throws<AuditInputException>(() => CsvTableReader.Read(path, new CsvReadOptions { InferenceRows = 2 }));
        Assert.Equal(3, error.Row);
        Assert.Contains("categorical", error.Hint);
    }

    [Fact]
    public void EmptyFileIsAnError()
    {
        var path = dir.Write("empty.csv", "");
        var error = Assert.Throws<AuditInputException>(() => CsvTableReader.Read(path));
        Assert.Contains("empty", error.Message);
        Assert.Contains("empty.csv", error.Message);
    }

    [Fact]
    public void HeaderWithoutRowsIsAnError()
    {
        var path = dir.Write("header.csv", "a,b\n");
        var error = Assert.Throws<AuditInputException>(() => CsvTableReader.Read(path));
        Assert.Contains("no data rows", error.Message);
    }

    [Fact]
    public void RowWithTheWrongNumberOfFieldsIsAnError()
    {
        var path = dir.Write("ragged.csv", "a,b,c\n1,2,3\n4,5\n");
        var error = Assert.Throws<AuditInputException>(() => CsvTableReader.Read(path));
        Assert.Equal(2, error.Row);
        Assert.Equal(3, error.Line);
        Assert.Contains("2 fields where the header has 3", error.Message);
    }

    [Fact]
    public void RepeatedColumnNamesAreNumberedAsPandasDoes()
    {
        // ProPublica's COMPAS file repeats 'decile_score' and 'priors_count'; pandas reads the second as 'decile_score.1'.
        var path = dir.Write("dup.csv", "a,b,a,a.1,a\n1,2,3,4,5\n");
        var table = CsvTableReader.Read(path);
        Assert.Equal(["a", "b", "a.2", "a.1", "a.3"], table.Columns.Select(c => c.Name));
        Assert.Equal(3.0, ((NumericColumn)table["a.2"])[0]);
    }

    [Fact]
    public void EmptyColumnNameIsAnError()
    {
        var path = dir.Write("noname.csv", "a,,c\n1,2,3\n");
        var error = Assert.Throws<AuditInputException>(() => CsvTableReader.Read(path));
        Assert.Contains("column 2", error.Message);
    }

    [Fact]
    public void MissingFileIsAnError()
    {
        var error = Assert.Throws<AuditInputException>(() => CsvTableReader.Read(dir.File("nope.csv")));
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void WriterRoundTripsValuesAndMissing()
    {
        var table = new Table([
            new NumericColumn("x", [0.1, double.NaN, -1e-300, 12345678.125]),
            CategoricalColumn.FromValues("g", ["a,b", null, "say \"hi\"", "plain"]),
            new BooleanColumn("b", [1, 0, BooleanColumn.Missing, 1]),
        ]);
        var path = dir.File("rt.csv");
        CsvTableWriter.Write(table, path);
        var options = new CsvReadOptions { ColumnTypes = new Dictionary<string, ColumnType> { ["b"] = ColumnType.Boolean } };
        var back = CsvTableReader.Read(path, options);

        var x = (NumericColumn)back["x"];
        Assert.Equal(0.1, x[0]);
        Assert.True(x.IsMissing(1));
        Assert.Equal(-1e-300, x[2]);
        Assert.Equal(12345678.125, x[3]);
        var g = (CategoricalColumn)back["g"];
        Assert.Equal("a,b", g[0]);
        Assert.Null(g[1]);
        Assert.Equal("say \"hi\"", g[2]);
        var b = (BooleanColumn)back["b"];
        Assert.Equal([true, false, null, true], Enumerable.Range(0, 4).Select(i => b[i]));
    }

    [Fact]
    public void UnclosedQuoteIsAnErrorOnOneLine()
    {
        var path = dir.Write("quote.csv", "a,b,c\n1,\"x,2\n3,4,5\n");
        var error = Assert.Throws<AuditInputException>(() => CsvTableReader.Read(path));
        Assert.Contains("never closed", error.Message);
        Assert.Equal(1, error.Row);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void BytesThatAreNotUtf8AreAnErrorWithTheirLine()
    {
        var path = dir.File("cp1252.csv");
        // "région" in Windows-1252: é is the single byte 0xE9.
        File.WriteAllBytes(path, [.. "ville,n\nParis,1\nR"u8, 0xE9, .. "gion,2\n"u8]);
        var error = Assert.Throws<AuditInputException>(() => CsvTableReader.Read(path));
        Assert.Contains("not valid UTF-8", error.Message);
        Assert.Equal(3, error.Line);
        Assert.Equal("byte 0xE9", error.Found);
        Assert.Contains("windows-1252", error.Hint);

        var table = CsvTableReader.Read(path, new CsvReadOptions { Encoding = TextEncodings.FromName("windows-1252") });
        Assert.Equal("Région", ((CategoricalColumn)table["ville"])[1]);
    }
}
