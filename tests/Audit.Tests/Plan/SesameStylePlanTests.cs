using Audit.Data;
using Audit.Plan;
using Audit.Results;
using Audit.Tests.Cli;
using Audit.Tests.Models;

namespace Audit.Tests.Plan;

/// <summary>
/// datasets/plans/sesame-style-350-950.yaml (issue 19, item 1): the illustrative Sesame-style score on synthetic users,
/// the deposit waiver from 650 as the decision. Oracles: every user's score recomputed in the test from the spec's
/// numbers as written in models/sesame-style-350-950.yaml (η = 2 − 0.035 history − 0.025 ability − 0.020 behaviour −
/// 0.015 identity − 0.005 relationships; score = 600 + (40 / ln 2)(−η − ln 20), clamped to [350, 950]), the flag
/// recomputed as "score below 650" (the waiver starts at 650), the grade from the band edges 550/600/650/700.
/// </summary>
public sealed class SesameStylePlanTests
{
    private static readonly string PlanPath = Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", "sesame-style-350-950.yaml");

    /// <summary>The score by hand, from the spec's numbers.</summary>
    private static double HandScore(double history, double ability, double behaviour, double identity, double relationships)
    {
        var eta = 2.0 - 0.035 * history - 0.025 * ability - 0.020 * behaviour - 0.015 * identity - 0.005 * relationships;
        return Math.Clamp(600 + 40 / Math.Log(2) * (-eta - Math.Log(20)), 350, 950);
    }

    private static string HandGrade(double score) => score switch
    {
        < 550 => "poor",
        < 600 => "fair",
        < 650 => "good",
        < 700 => "very good",
        _ => "excellent",
    };

    private static AuditPlan Small(int rows)
    {
        var plan = TrustedPlans.Load(PlanPath);
        return plan with { Data = plan.Data with { Population = new PopulationSource(rows, plan.Data.Population!.Seed) } };
    }

    [Fact]
    public void TheShippedPlanRunsAndEveryUsersScoreFlagAndGradeMatchTheHandComputation()
    {
        var plan = Small(3000);
        Table? table = null;
        double[] scores = [];
        byte[] flags = [];
        var result = Auditor.Run(plan, "test", decided: (_, t, s, outcome) => (table, scores, flags) = (t, s, outcome.Flags));

        Assert.NotNull(table);
        var columns = new[] { "credit_history", "ability_to_pay", "behaviour_preferences", "identity_traits", "social_relationships" }
            .Select(c => ((NumericColumn)table!.Find(c)!).Values.ToArray()).ToArray();
        var flaggedByHand = 0;
        for (var i = 0; i < table!.RowCount; i++)
        {
            var score = HandScore(columns[0][i], columns[1][i], columns[2][i], columns[3][i], columns[4][i]);
            Assert.Equal(score, scores[i], 1e-9);
            Assert.NotEqual(650, score); // the plan's comment: no user scores exactly 650, so "at or below 650" is "below 650"
            var noWaiver = score < 650;
            flaggedByHand += noWaiver ? 1 : 0;
            Assert.Equal(noWaiver ? 1 : 0, flags[i]);
            Assert.Equal(noWaiver, HandGrade(score) is "poor" or "fair" or "good");
        }
        Assert.Equal(flaggedByHand, result.Policy.Flagged);
        Assert.InRange(flaggedByHand, 1, table.RowCount - 1); // both outcomes occur

        // The other consequences are shown as grades: every group's shares over the five bands.
        foreach (var group in result.Fairness.Attributes.Single(a => a.Attribute == "sex").Groups)
        {
            Assert.Equal(["excellent", "fair", "good", "poor", "very good"], group.Grades!.Distribution.Keys.Order(StringComparer.Ordinal));
        }
        Assert.Equal(DataSubjects.Synthetic, result.Data.Subjects);
        Assert.Equal("cn", result.Provenance.Legal!.Jurisdiction);
        Assert.Equal("credit", result.Provenance.Legal.Domain);
    }

    /// <summary>
    /// Named people through the plan's model and policy. Mei, 70 on every index: η = 2 − 0.1 × 70 = −5, score 600 +
    /// 57.7078016 × (5 − 2.9957323) = 715.6619 (excellent, waiver). Wei, 55 everywhere: η = −3.5, score 629.1002 (good,
    /// no waiver). Ling, a long history but thin elsewhere (90, 40, 40, 40, 40): η = 2 − 3.15 − 1 − 0.8 − 0.6 − 0.2 =
    /// −3.75, score 643.5271 (good, no waiver). Hao (40, 80, 80, 80, 80): η = 2 − 1.4 − 2 − 1.6 − 1.2 − 0.4 = −4.6,
    /// score 692.5788 (very good, waiver).
    /// </summary>
    [Fact]
    public void NamedUsersGetTheHandComputedScoresAndWaiverDecisions()
    {
        var people = NamedPeople.Of(
            ("Mei", Person(70, 70, 70, 70, 70, "female", "urban", 34, "tier_1", "university")),
            ("Wei", Person(55, 55, 55, 55, 55, "male", "rural", 52, "tier_3_or_below", "secondary")),
            ("Ling", Person(90, 40, 40, 40, 40, "female", "rural", 66, "tier_2", "primary_or_less")),
            ("Hao", Person(40, 80, 80, 80, 80, "male", "urban", 23, "tier_1", "university")));
        var plan = TrustedPlans.Load(PlanPath);
        plan = plan with
        {
            Data = plan.Data with { Format = DataFormat.Table, Table = people, Population = null },
            Id = null,
            MinCellSize = 1,
            Recourse = null,
        };
        double[] scores = [];
        byte[] flags = [];
        Auditor.Run(plan, "test", decided: (_, _, s, outcome) => (scores, flags) = (s, outcome.Flags));

        Assert.Equal(715.6619, scores[0], 1e-4);
        Assert.Equal(629.1002, scores[1], 1e-4);
        Assert.Equal(643.5271, scores[2], 1e-4);
        Assert.Equal(692.5788, scores[3], 1e-4);
        Assert.Equal([0, 1, 1, 0], flags.Select(f => (int)f));
        Assert.Equal(["excellent", "good", "good", "very good"], scores.Select(HandGrade));
    }

    private static Dictionary<string, object> Person(double history, double ability, double behaviour, double identity, double relationships, string sex, string hukou, double age, string tier, string education) => new()
    {
        ["credit_history"] = history,
        ["ability_to_pay"] = ability,
        ["behaviour_preferences"] = behaviour,
        ["identity_traits"] = identity,
        ["social_relationships"] = relationships,
        ["sex"] = sex,
        ["hukou"] = hukou,
        ["age"] = age,
        ["province_tier"] = tier,
        ["education"] = education,
    };
}
