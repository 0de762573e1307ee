using System.Text.Json.Nodes;
using Audit.Results;
using NJsonSchema;
using NJsonSchema.Generation;
using NJsonSchema.Generation.TypeMappers;

namespace Audit.Tests.Reporting;

/// <summary>
/// docs/schema/audit-result.schema.json is generated from the <see cref="AuditResult"/> types (camelCase, nulls
/// omitted, no unknown properties, groups as objects of strings) and every report.json must validate against it.
/// Regenerate after changing the result types: <c>AUDIT_WRITE_SCHEMA=1 dotnet test --project tests/Audit.Tests -- --filter-class '*AuditResultSchemaTests'</c>.
/// </summary>
public sealed class AuditResultSchemaTests
{
    private static string SchemaPath => Path.Combine(SharedData.RepositoryRoot, "docs", "schema", "audit-result.schema.json");

    internal static string Generate()
    {
        var settings = new SystemTextJsonSchemaGeneratorSettings
        {
            SerializerOptions = AuditResultJson.Options,
            SchemaType = SchemaType.JsonSchema,
            DefaultReferenceTypeNullHandling = ReferenceTypeNullHandling.NotNull,
            GenerateAbstractProperties = false,
            FlattenInheritanceHierarchy = true,
            AlwaysAllowAdditionalObjectProperties = false,
        };
        settings.TypeMappers.Add(new PrimitiveTypeMapper(typeof(GroupKey), schema =>
        {
            schema.Type = JsonObjectType.Object;
            schema.Description = "A group cell: attribute name → value, in attribute order.";
            schema.AdditionalPropertiesSchema = new JsonSchema { Type = JsonObjectType.String };
            schema.AllowAdditionalProperties = true;
        }));
        var schema = JsonSchema.FromType<AuditResult>(settings);
        schema.Title = "Audit result (report.json)";
        schema.Description = $"The result of an audit by Audit (schemaVersion {AuditResult.CurrentSchemaVersion}). Generated from src/Audit/Results by tests/Audit.Tests/Reporting/AuditResultSchemaTests.cs.";
        return schema.ToJson().Replace("\r\n", "\n") + "\n";
    }

    [Fact]
    public void TheSchemaFileIsTheOneTheTypesGive()
    {
        var generated = Generate();
        if (Environment.GetEnvironmentVariable("AUDIT_WRITE_SCHEMA") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(SchemaPath)!);
            File.WriteAllText(SchemaPath, generated);
        }
        Assert.True(File.Exists(SchemaPath), $"{SchemaPath} is missing; write it with AUDIT_WRITE_SCHEMA=1");
        Assert.Equal(generated, File.ReadAllText(SchemaPath));
    }

    [Fact]
    public async Task EveryReportJsonValidatesAgainstThePublishedSchema()
    {
        var schema = await JsonSchema.FromFileAsync(SchemaPath, TestContext.Current.CancellationToken);
        foreach (var result in new[] { ReportSamples.Demo, ReportSamples.DemoWithEverySection, ReportSamples.DemoWithoutLabelOrInference })
        {
            var errors = schema.Validate(AuditResultJson.Serialize(result));
            Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10).Select(e => $"{e.Path}: {e.Kind}")));
        }
        var showcase = Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, "reports"), "report.json", SearchOption.AllDirectories);
        Assert.NotEmpty(showcase);
        foreach (var file in showcase)
        {
            var errors = schema.Validate(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
            Assert.True(errors.Count == 0, file + ": " + string.Join("\n", errors.Take(10).Select(e => $"{e.Path}: {e.Kind}")));
        }
    }

    [Fact]
    public async Task TheSchemaRejectsAMetricWithATextValueAndAnUnknownProperty()
    {
        var schema = await JsonSchema.FromFileAsync(SchemaPath, TestContext.Current.CancellationToken);
        var json = JsonNode.Parse(AuditResultJson.Serialize(ReportSamples.Demo))!;
        json["policy"]!["flagRate"]!["value"] = "ten percent";
        Assert.Contains(schema.Validate(json.ToJsonString()), e => e.Path?.Contains("flagRate") == true);

        json = JsonNode.Parse(AuditResultJson.Serialize(ReportSamples.Demo))!;
        json["provenance"]!["commitHash"] = "abc";
        Assert.NotEmpty(schema.Validate(json.ToJsonString()));

        json = JsonNode.Parse(AuditResultJson.Serialize(ReportSamples.Demo))!;
        json["fairness"]!["attributes"]![0]!["groups"]![0]!["group"]!["sexe"] = 3;
        Assert.NotEmpty(schema.Validate(json.ToJsonString()));
    }
}
