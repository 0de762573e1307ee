using Audit.Data;
using Audit.Models;
using Audit.Pipeline;
using Audit.Plan;
using Audit.Policy;
using Audit.Recourse;
using Audit.Reporting;
using Audit.Reporting.Text;
using Audit.Results;
using Audit.Tests.Cli;

namespace Audit.Tests.Recourse;

/// <summary>
/// Recourse for grade policies (issue 19, item 2) on Rongcheng's shipped plan (datasets/plans/rongcheng-points.yaml),
/// its 200,000 residents generated as the plan says. The oracle is a brute force written here: the spec's points (1,000 plus
/// each event's points times its count, restated below from models/rongcheng-points.yaml), its grade bounds and its
/// drunk-driving cap, and the plan's recourse rules (a heroic act: +30, at most one more, cost 12; clean-up months:
/// +2 each, at most 12 more, cost 1 each), every allowed combination of future events enumerated.
/// </summary>
public sealed class GradeRecourseTests
{
    /// <summary>The spec's points per event, restated (the interval and unknown rows must be 0 for a person to be scored).</summary>
    private static readonly Dictionary<string, double> Points = new()
    {
        ["finance_contract_default"] = -20, ["contract_breach_judgment"] = -50, ["bank_arrears"] = -10, ["private_lending_breach"] = -20,
        ["illegal_fundraising_investigation"] = -40, ["guarantee_breach"] = -20, ["debt_judgment"] = -30, ["pyramid_selling_or_fraud"] = -30,
        ["counterfeit_production"] = -30, ["late_public_fees"] = -20, ["public_fee_arrears_judgment"] = -50, ["illegal_heating_connection"] = -50,
        ["utility_theft"] = -60, ["utility_vandalism"] = -100, ["traffic_ticket"] = -5, ["littering_village"] = -10, ["heroic_act"] = 30,
        ["village_cleanup_months"] = 2,
    };

    /// <summary>The grades from the worst, with the score each starts at (D has no lower bound).</summary>
    private static readonly (string Name, double From)[] Grades = [("D", double.NegativeInfinity), ("C", 600), ("B", 850), ("A", 960), ("AA", 1030), ("AAA", 1050)];

    private static int GradeOf(double points, bool drunk)
    {
        var g = Grades.Select((x, i) => (x.From, i)).Last(x => points >= x.From).i;
        return drunk ? Math.Min(g, 1) : g; // drunk driving: at best C
    }

    private static readonly Lazy<(AuditPlan Plan, DecidedPopulation People)> Shipped = new(() =>
    {
        var plan = TrustedPlans.Load(Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", "rongcheng-points.yaml"));
        return (plan, Auditor.Decided(plan));
    });

    private sealed record Resident(int Row, double Points, bool Drunk, double Heroic, double Months);

    private static Resident Read(Table table, int row)
    {
        var points = 1000.0;
        foreach (var (name, weight) in Points)
        {
            points += weight * ((NumericColumn)table.Find(name)!)[row];
        }
        Assert.Equal(0, ((NumericColumn)table.Find("other_commercial_untrustworthiness")!)[row]);
        Assert.Equal(0, ((NumericColumn)table.Find("refused_investigation")!)[row]);
        return new Resident(row, points, ((BooleanColumn)table.Find("drunk_driving")!)[row] == true,
            ((NumericColumn)table.Find("heroic_act")!)[row], ((NumericColumn)table.Find("village_cleanup_months")!)[row]);
    }

    /// <summary>The cheapest allowed future events that bring the resident to grade <paramref name="target"/> or better; null when none does.</summary>
    private static double? BruteForce(Resident r, int target)
    {
        double? best = null;
        for (var h = 0; h <= 1 && r.Heroic + h <= 20; h++)
        {
            for (var m = 0; m <= 12 && r.Months + m <= 240; m++)
            {
                if (GradeOf(r.Points + 30 * h + 2 * m, r.Drunk) >= target && (best is null || 12 * h + m < best))
                {
                    best = 12 * h + m;
                }
            }
        }
        return best;
    }

    /// <summary>
    /// ~50 random residents below grade A, by a fixed seed: 20 of grade B, 20 of grade C with no drunk driving (as
    /// many as there are), the rest drunk drivers. The population has no D (its event rates are low), so D residents
    /// are made from 10 further random residents below A (no drunk driving) given four more records of utility vandalism (−400).
    /// </summary>
    private static List<Resident> BelowA(Table table, out List<Resident> madeD)
    {
        var random = new Random(19);
        var everyone = Enumerable.Range(0, table.RowCount).Select(i => Read(table, i)).Where(r => GradeOf(r.Points, r.Drunk) < 3).ToList();
        var picked = new List<Resident>();
        picked.AddRange(everyone.Where(r => GradeOf(r.Points, r.Drunk) == 2).OrderBy(_ => random.Next()).Take(20));
        picked.AddRange(everyone.Where(r => GradeOf(r.Points, r.Drunk) == 1 && !r.Drunk).OrderBy(_ => random.Next()).Take(20));
        picked.AddRange(everyone.Where(r => r.Drunk).OrderBy(_ => random.Next()).Take(50 - picked.Count));
        madeD = [.. everyone.Except(picked).Where(r => !r.Drunk).OrderBy(_ => random.Next()).Take(10).Select(r => r with { Points = r.Points - 400 })];
        return picked;
    }

    /// <summary>The person's inputs as the engine reads them, with four more vandalism records for a made-up D.</summary>
    private static double[] Inputs(RecourseEngine engine, Table table, Resident r)
    {
        var person = new double[engine.Actions.Codec.Count];
        engine.Actions.Codec.Read(r.Row, person);
        if (r.Points != Read(table, r.Row).Points)
        {
            person[engine.Actions.Codec.InputOf("utility_vandalism")] += 4;
        }
        return person;
    }

    /// <summary>Checks one person's answer against the brute force, and re-scores the change with the spec's own model.</summary>
    private static void Check(RecourseEngine engine, DecidedPopulation people, Resident r, int target, long seed)
    {
        var person = Inputs(engine, people.Table, r);
        var model = people.Model;
        var answer = engine.Solve(person, model.Score(engine.Actions.Codec.Build([person]))[0], seed);
        var brute = BruteForce(r, target);
        if (brute is null)
        {
            Assert.Equal(RecourseStatus.None, answer.Status);
            Assert.True(answer.ProvenOptimal);
            // Only the drunk-driving cap, or too far to climb with a year of clean-up and one heroic act (54 points).
            Assert.True(r.Drunk && target >= 2 || Grades[target].From - r.Points > 54, $"row {r.Row}: {r.Points} points, target {Grades[target].Name}");
        }
        // The cap holds every drunk driver at C, whatever the points: for B or better that is proven by the rule alone.
        Assert.Equal(r.Drunk && target >= 2, answer.FixedByOverride);
        if (brute is null)
        {
            return;
        }
        Assert.Equal(RecourseStatus.Found, answer.Status);
        Assert.Equal(brute.Value, answer.Cost, 1e-6);
        var after = (double[])person.Clone();
        foreach (var change in answer.Changes)
        {
            Assert.Contains(change.Name, new[] { "heroic_act", "village_cleanup_months" });
            after[change.Feature] = change.To;
        }
        // The change, re-scored by the spec's model through its own scorer and grades, reaches the target grade...
        var changed = engine.Actions.Codec.Build([after]);
        var points = model.Score(changed);
        Assert.True(model.Grade(changed, points)![0] >= target);
        // ... and by the test's own arithmetic too.
        var heroic = answer.Changes.SingleOrDefault(c => c.Name == "heroic_act")?.To ?? r.Heroic;
        var months = answer.Changes.SingleOrDefault(c => c.Name == "village_cleanup_months")?.To ?? r.Months;
        Assert.True(GradeOf(r.Points + 30 * (heroic - r.Heroic) + 2 * (months - r.Months), r.Drunk) >= target);
        Assert.Equal(r.Points + 30 * (heroic - r.Heroic) + 2 * (months - r.Months), points[0], 1e-9);
    }

    [Fact]
    public void RecourseForRongchengsGradesMatchesABruteForceOverTheSpecsEventsOnRandomPeople()
    {
        var (plan, people) = Shipped.Value;
        var context = Auditor.ContextOf(plan);
        var table = people.Table;
        var sample = BelowA(table, out var madeD);
        Assert.Equal(50, sample.Count);
        Assert.Contains(sample, r => GradeOf(r.Points, r.Drunk) == 1 && !r.Drunk);
        // The test's points are the model's.
        Assert.All(sample, r => Assert.Equal(r.Points, people.Scores[r.Row], 1e-9));

        // The plan flags C and D: the target is B, the first grade up that is not flagged, from 850 points.
        var escape = RecourseStep.EngineFor(people, context);
        Assert.Equal("B", escape.Target.Grade!.Name);
        Assert.Equal(850, escape.Target.Cutoff);
        Assert.Equal("exact-additive", escape.Method);
        foreach (var r in sample.Where(r => GradeOf(r.Points, r.Drunk) <= 1).Concat(madeD))
        {
            Check(escape, people, r, 2, 1 + r.Row);
        }
        Assert.All(sample.Where(r => GradeOf(r.Points, r.Drunk) <= 1), r => Assert.Equal(1, people.Outcome.Flags[r.Row]));

        // Every grade below A flagged: the target is A (960 points), for everyone in the sample.
        var scale = people.Model.Grades!;
        var policy = new GradesPolicy(["B", "C", "D"], 0, "policy").Bind(scale, "plan");
        var belowA = people with { Policy = policy, Outcome = policy.DecideGrades(people.Grades!) };
        var toA = RecourseStep.EngineFor(belowA, context);
        Assert.Equal("A", toA.Target.Grade!.Name);
        foreach (var r in sample.Concat(madeD))
        {
            Check(toA, belowA, r, 3, 1 + r.Row);
        }

        // A D two grades below B: the change to one grade better (C, from 600 points), which a drunk driver can reach too.
        var toC = escape.WithTarget(DecisionTarget.ForGrade(scale, "C", []));
        Assert.Equal(600, toC.Target.Cutoff);
        foreach (var r in madeD)
        {
            Assert.Equal(0, GradeOf(r.Points, r.Drunk));
            Check(toC, people, r, 1, 1 + r.Row);
        }
    }

    [Fact]
    public void ADrunkDriverHasNoRecourseByPointsAndThePageSaysSoInBothLanguages()
    {
        var (plan, people) = Shipped.Value;
        var context = Auditor.ContextOf(plan);
        var table = people.Table;
        // A drunk driver whose points alone would give B or better: the cap holds them at C.
        var drunk = Enumerable.Range(0, table.RowCount).Select(i => Read(table, i)).First(r => r.Drunk && r.Points >= 850);
        var (report, changed) = RecourseStep.ForPerson(people, context, drunk.Row, "p");
        Assert.Null(changed);
        Assert.Equal("C", report.Grade);
        Assert.True(report.Recourse!.FixedByOverride);
        Assert.Equal(RecourseStatus.None, report.Recourse.Status);
        // Typical values for what they cannot change (no drunk driving) would lift the flag: flagged for who they are.
        Assert.True(report.Recourse.ForWhoTheyAre);
        var en = PersonRecoursePage.Render(report, ReportLanguage.English, 0.1);
        Assert.Contains("grade C", en);
        Assert.Contains("override rule fixes this person's grade", en);
        var fr = PersonRecoursePage.Render(report, ReportLanguage.French, 0.1);
        Assert.Contains("note C", fr);
        Assert.Contains("règle dérogatoire", fr);

        // A C resident 10 points short of B: five months of clean-up, "from grade C to grade B".
        var close = Enumerable.Range(0, table.RowCount).Select(i => Read(table, i)).First(r => !r.Drunk && r.Points is >= 830 and < 850 && r.Months <= 200);
        var (page, _) = RecourseStep.ForPerson(people, context, close.Row, "q");
        Assert.Equal(BruteForce(close, 2)!.Value, page.Recourse!.Cost, 1e-6);
        Assert.Contains("from grade C to grade B", PersonRecoursePage.Render(page, ReportLanguage.English, 0.1));
        Assert.Contains("de la note C à la note B", PersonRecoursePage.Render(page, ReportLanguage.French, 0.1));
    }

    [Fact]
    public void TheRecourseSectionOfRongchengSpeaksOfGradesAndCountsTheOverride()
    {
        var (plan, people) = Shipped.Value;
        var section = RecourseStep.Run(people, Auditor.ContextOf(plan));
        Assert.Equal("B", section.TargetGrade);
        Assert.Equal(850, section.Cutoff);
        var table = people.Table;
        // Every drunk driver, counted from the data, is held at C at best (so flagged) and fixed there by the override.
        var expected = Enumerable.Range(0, table.RowCount).Count(i => ((BooleanColumn)table.Find("drunk_driving")!)[i] == true);
        Assert.True(expected > 0);
        Assert.Equal(expected, section.FixedByOverride!.Value);
        Assert.Contains("grade B or better", RecourseText.Target(section, ReportLanguage.English));
        Assert.Contains("la note B ou mieux", RecourseText.Target(section, ReportLanguage.French));
    }

    /// <summary>People decided in code: a linear model, and decisions given as flags rather than by a policy.</summary>
    private static DecidedPopulation DecidedInCode(Func<double, int, bool> flagged)
    {
        var x = Enumerable.Range(0, 200).Select(i => (double)(i % 50)).ToArray();
        var table = new Table([new NumericColumn("x", x)]);
        var model = new LinearModel("m", false, AdverseTail.High, 0, [new LinearTerm("x", ColumnType.Numeric, Coefficient.Of(1), new Dictionary<string, Coefficient>(), null, null)]);
        var scores = model.Score(table);
        var flags = scores.Select((s, i) => flagged(s, i) ? (byte)1 : (byte)0).ToArray();
        return new DecidedPopulation
        {
            Table = table, Model = model, Scores = scores, Policy = new DecisionsAsGiven(),
            Outcome = new PolicyOutcome(flags, null, flags.Count(f => f == 1), 0, 0), Attributes = [],
        };
    }

    private static StageContext Context() => new() { Seed = 1, Recourse = new RecourseOptions { Features = [new FeatureRuleOverride("x", 0, "x") { Actionability = Actionability.Free }] } };

    [Fact]
    public void DecisionsInTheDataWithAModelTargetTheCutOffTheyImply()
    {
        // Flagged from 37 up (adverse high): the least adverse flagged score is 37, nobody else scores 37 or more.
        var people = DecidedInCode((s, _) => s >= 37);
        var engine = RecourseStep.EngineFor(people, Context());
        Assert.True(engine.Target.Implied);
        Assert.Equal(people.Scores.Where((s, i) => people.Outcome.Flags[i] == 1).Min(), engine.Target.Cutoff);
        var person = new double[] { 45 };
        var answer = engine.Solve(person, 45, 1);
        Assert.Equal(RecourseStatus.Found, answer.Status);
        // x moves by whole numbers (every value in the data is one): the first one strictly below the cut-off of 37.
        Assert.Equal(36, answer.ScoreAfter);
    }

    [Fact]
    public void DecisionsThatNoCutOffSeparatesAreRefusedWithTheReason()
    {
        // Flagged at 40 and above, and also one person at 10: no cut-off on the score separates them.
        var people = DecidedInCode((s, i) => s >= 40 || i == 10);
        var error = Assert.Throws<AuditInputException>(() => RecourseStep.EngineFor(people, Context()));
        Assert.Contains("follow no cut-off", error.Message);
        // A bare decision column: the refusal stays, with a hint.
        var bare = people with { Model = new DecisionsInData("x") };
        var refusal = Assert.Throws<AuditInputException>(() => RecourseStep.EngineFor(bare, Context()));
        Assert.Contains("needs the model that made the decisions", refusal.Message);
        Assert.NotNull(refusal.Hint);
    }
}
