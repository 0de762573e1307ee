using Audit.Data;
using Audit.Models;
using Audit.Models.MLNet;
using Audit.Results;
using Audit.Tests.Models.MlNet;

namespace Audit.Tests.Api;

/// <summary>
/// The ML.NET entry: an <c>IDataView</c> becomes the table the CSV reader would make (the oracle is
/// <see cref="MlNetTestModels.TableOf"/>, written column by column from the same people), and an audit of it, scored by a
/// model file read by a loader registered on the context, is the audit of that table.
/// </summary>
[Collection(MlNetTestModels.Collection)]
public sealed class DataViewAuditTests(MlNetTestModels models)
{
    private static readonly string[] Inputs = ["income", "age", "months", "region"];

    [Fact]
    public void ADataViewBecomesTheTableOfItsValues()
    {
        var view = models.Context.Data.LoadFromEnumerable(models.Scoring);

        var table = DataViewTable.FromDataView(view);
        var expected = MlNetTestModels.TableOf(models.Scoring);

        Assert.Equal([.. Inputs, "Label"], table.Columns.Select(c => c.Name));
        foreach (var name in new[] { "income", "age", "months" })
        {
            Assert.Equal(((NumericColumn)expected[name]).Values.ToArray(), ((NumericColumn)table[name]).Values.ToArray());
        }
        var region = (CategoricalColumn)table["region"];
        Assert.Equal(Enumerable.Range(0, models.Scoring.Count).Select(i => expected["region"].FormatValue(i)), Enumerable.Range(0, models.Scoring.Count).Select(region.FormatValue));
        Assert.True(region.IsMissing(models.Scoring.ToList().FindIndex(p => p.Region.Length == 0)), "an empty text is a missing value, as an empty CSV field is");
        Assert.Equal(models.Scoring.Select(p => (bool?)p.Label), Enumerable.Range(0, models.Scoring.Count).Select(i => ((BooleanColumn)table["Label"])[i]));
    }

    [Fact]
    public void AnAuditOfADataViewIsTheAuditOfTheSameTable()
    {
        var audit = new AuditContext();
        audit.Models.Register(new MlNetModelLoader());
        AuditResult Run(Table people) => audit.Run(audit.Plan("data-view").Data(people, "scoring").ModelFile(models.FastTree, AdverseTail.High)
            .TopFraction(0.1).Protect("region").Protect("age", bands: [40]).Bootstrap(50).Build());

        var fromView = Run(DataViewTable.FromDataView(models.Context.Data.LoadFromEnumerable(models.Scoring), Inputs));
        var fromArrays = Run(new Table(MlNetTestModels.TableOf(models.Scoring).Columns.Where(c => Inputs.Contains(c.Name))));

        Assert.Equal(models.Scoring.Count / 10, fromView.Policy.Flagged);
        Assert.Equal(AuditResultJson.Serialize(fromArrays), AuditResultJson.Serialize(fromView));
    }

    [Fact]
    public void AModelFileNeedsALoaderRegisteredOnTheContext()
    {
        var bare = new AuditContext();
        var plan = bare.Plan().Data(MlNetTestModels.TableOf(models.Scoring)).ModelFile(models.FastTree, AdverseTail.High).Threshold(0.5).Protect("group").Build();

        var error = Assert.Throws<AuditInputException>(() => bare.Run(plan));

        Assert.Equal("no loader reads this kind of model file", error.Problem);
        Assert.Contains("AuditContext.Models.Register", error.Hint, StringComparison.Ordinal);
        Assert.Empty(new AuditContext().Models.All); // another context's registrations do not leak into a new one
    }
}
