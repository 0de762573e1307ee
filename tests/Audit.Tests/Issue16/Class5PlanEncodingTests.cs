using System.Text;
using Audit.Models;
using Audit.Plan;

namespace Audit.Tests.Issue16;

/// <summary>
/// Issue 16, class 5: a plan saved in Latin-1 was read with every 'é' turned into '�' without a word, so that a reference
/// group, a level or a column name no longer matched the data. Every YAML file (plan, model spec, population spec,
/// jurisdiction file, person file) is now read as strict UTF-8: the first byte that is not UTF-8 is an input error
/// naming its line; a UTF-8 file, with or without a byte-order mark, reads as before.
/// </summary>
public sealed class Issue16Class5PlanEncodingTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private const string Plan = """
        name: encodage
        description: Audit des allocataires, été 2024
        data: { path: people.csv }
        model: { score_column: s, adverse: high }
        policy: { top_fraction: 0.5 }
        protected_attributes: [{ column: sexe, reference: Fé }]
        """;

    [Fact]
    public void ALatin1PlanIsAnInputErrorNamingTheLineAndTheByte()
    {
        var path = dir.File("plan.yaml");
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(Plan));
        var error = Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(path));
        Assert.Equal(path, error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal("byte 0xE9", error.Found);
        Assert.Contains("UTF-8", error.Hint);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AUtf8PlanWithOrWithoutByteOrderMarkIsReadExactly(bool bom)
    {
        var path = dir.File("plan.yaml");
        File.WriteAllText(path, Plan, new UTF8Encoding(bom));
        var plan = AuditPlanLoader.Load(path);
        Assert.Equal("Audit des allocataires, été 2024", plan.Description);
        Assert.Equal("Fé", plan.ProtectedAttributes[0].Reference);
    }

    [Fact]
    public void AWindows1252ModelSpecIsAnInputErrorToo()
    {
        var path = dir.File("model.yaml");
        File.WriteAllBytes(path, CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes("""
            name: modèle
            kind: linear
            adverse: high
            features: [{ name: x, type: numeric, weight: 1 }]
            """));
        var error = Assert.Throws<AuditInputException>(() => LinearModelSpec.Load(path, "model.yaml"));
        Assert.Equal("model.yaml", error.File);
        Assert.Equal(1, error.Line);
        Assert.Equal("byte 0xE8", error.Found);
    }
}
