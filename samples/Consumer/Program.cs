using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Audit;
using Audit.Data;
using Audit.Fairness;
using Audit.Models;
using Audit.Models.MLNet;
using Microsoft.ML;

var random = new Random(1);
const int people = 2_000;
var sex = new string?[people];
var age = new double[people];
var income = new double[people];
var fraud = new int[people];
for (var i = 0; i < people; i++)
{
    sex[i] = random.NextDouble() < 0.5 ? "F" : "M";
    age[i] = 18 + random.Next(60);
    income[i] = Math.Round((sex[i] == "F" ? 1_000 : 1_200) + random.NextDouble() * 2_000, 2);
    fraud[i] = random.NextDouble() < 0.1 ? 1 : 0;
}
var table = new TableBuilder()
    .Categories("sex", sex)      // text: dictionary-encoded, null = missing
    .Numbers("age", age)         // numbers: double, NaN = missing
    .Numbers("income", income)
    .Numbers("fraud", fraud)     // the observed outcome, 1 = fraud found
    .Build();

var model = new LinearModel("benefit risk", logistic: true, AdverseTail.High, intercept: 1.0,
[
    new LinearTerm("income", ColumnType.Numeric, Coefficient.Of(-0.002), new Dictionary<string, Coefficient>(), Missing: null, Other: null),
]);

var audit = new AuditContext(seed: 1);
var plan = audit.Plan("benefit-audit")
    .Data(table, name: "people")
    .Model(model)
    .TopFraction(0.1)                     // policy: the 10 % most at risk are investigated
    .Protect("sex", reference: "M")
    .Protect("age", bands: [30, 50])      // groups <30, 30-49, 50+
    .Intersect("sex", "age")
    .Label("fraud")
    .Bootstrap(200)
    .Build();
var result = audit.Run(plan);

foreach (var group in result.Fairness.Attributes[0].Groups)
{
    Console.WriteLine($"{group.Group.Label}: flag rate {group.Rates["selectionRate"].Value:0.000}, ratio to the reference {group.FlagRateRatio.Value:0.00}");
}

var folder = args.Length > 0 ? args[0] : Path.Combine("out", plan.Name);
audit.Report(result, folder);
Console.WriteLine($"report written to {folder}");

audit.Models.Register(new MlNetModelLoader());    // and new Audit.Models.Onnx.OnnxModelLoader() for .onnx files
var fromModelFile = audit.Plan("with-a-model-file").Data(table).ModelFile("model.zip", AdverseTail.High);

var mlContext = new MLContext(seed: 1);
var view = mlContext.Data.LoadFromEnumerable(Enumerable.Range(0, people).Select(i => new Applicant { Sex = sex[i]!, Income = (float)income[i] }));
var fromView = DataViewTable.FromDataView(view);
Console.WriteLine($"{fromView.RowCount} rows from the IDataView");

var statistics = GroupByCounts.FromGroupBy(["sex"], [["F", "M"]],
[
    new GroupByRow(["F"], Label: null, Decision: 1, Count: 30),
    new GroupByRow(["F"], Label: null, Decision: 0, Count: 90),
    new GroupByRow(["M"], Label: null, Decision: 1, Count: 10),
    new GroupByRow(["M"], Label: null, Decision: 0, Count: 70),
]);
var counted = audit.Fairness(statistics, new FairnessOptions { BootstrapReplicates = 0 }, [new CountedAttribute(Reference: "M")]);
Console.WriteLine($"from counts: F flagged {counted.Attributes[0].Groups[0].FlagRateRatio.Value:0.00} times as often as M");

/// <summary>A row of the example's IDataView.</summary>
internal sealed class Applicant
{
    public string Sex { get; set; } = "";

    public float Income { get; set; }
}
