using Audit.Data;
using Audit.Models;

namespace Audit.Tests.Models;

/// <summary>models/rongcheng-points.yaml on hand-made residents: 1,000 points, deductions and additions, grades, the drunk-driving rule.</summary>
public sealed class RongchengPointsSpecTests
{
    private static readonly LinearModel Model = LinearModelSpec.Load(NamedPeople.Spec("rongcheng-points.yaml"), "rongcheng-points.yaml");

    /// <summary>A resident with no record except the events given (counts), and whether they were caught drunk driving.</summary>
    private static Dictionary<string, object> Resident(bool drunkDriving, params (string Event, int Count)[] events)
    {
        var values = Model.Terms.Where(t => t.Type == ColumnType.Numeric).ToDictionary(t => t.Feature, _ => (object)0.0);
        values["drunk_driving"] = drunkDriving;
        foreach (var (name, count) in events)
        {
            Assert.True(values.ContainsKey(name), $"no event '{name}' in the spec");
            values[name] = (double)count;
        }
        return values;
    }

    [Fact]
    public void ResidentsScoreToHandCountedPointsAndGrades()
    {
        var residents = NamedPeople.Of(
            // Wang Fang: one heroic act, six months of village clean-up.
            ("Wang Fang", Resident(false, ("heroic_act", 1), ("village_cleanup_months", 6))),
            // Li Wei: three traffic tickets, two monthly cycles of credit-card arrears, one late heating bill.
            ("Li Wei", Resident(false, ("traffic_ticket", 3), ("bank_arrears", 2), ("late_public_fees", 1))),
            // Zhang Min: a clean record, but caught drunk driving.
            ("Zhang Min", Resident(true)),
            // Chen Jie: destroyed utility equipment three times, stole heat once, lost a contract case.
            ("Chen Jie", Resident(false, ("utility_vandalism", 3), ("utility_theft", 1), ("contract_breach_judgment", 1))));
        var points = Model.Score(residents);
        var grades = Model.Grade(residents, points)!.Select(b => Model.Grades!.Bands[b].Name).ToArray();

        // Wang Fang: 1000 + 30 × 1 + 2 × 6 = 1042 → AA (1030 to 1049)
        Assert.Equal(1042, points[0], 1e-12);
        // Li Wei: 1000 − 5 × 3 − 10 × 2 − 20 × 1 = 945 → B (850 to 959)
        Assert.Equal(945, points[1], 1e-12);
        // Zhang Min: 1000 (drunk driving deducts 0 here: its points were not retrieved) → A by points, capped at C
        Assert.Equal(1000, points[2], 1e-12);
        // Chen Jie: 1000 − 100 × 3 − 60 × 1 − 50 × 1 = 590 → D (599 or below)
        Assert.Equal(590, points[3], 1e-12);
        Assert.Equal(["AA", "B", "C", "D"], grades);
    }

    /// <summary>The drunk-driving rule is a cap ("at best C"): it never lifts a D to C.</summary>
    [Fact]
    public void DrunkDrivingCapsTheGradeAtCButLeavesADAsItIs()
    {
        var residents = NamedPeople.Of(("Chen Jie, also drunk", Resident(true, ("utility_vandalism", 5))));
        var points = Model.Score(residents);
        Assert.Equal(500, points[0], 1e-12); // 1000 − 100 × 5
        Assert.Equal("D", Model.Grades!.Bands[Model.Grade(residents, points)![0]].Name);
    }

    [Fact]
    public void ARecordWithoutAFixedValueCannotBeScored()
    {
        var residents = NamedPeople.Of(("Liu Yang", Resident(false, ("other_commercial_untrustworthiness", 1))));
        var error = Assert.Throws<AuditInputException>(() => Model.Score(residents));
        Assert.Equal("other_commercial_untrustworthiness", error.Column);
        Assert.Equal("[-50, -5]", Model.Terms.Single(t => t.Feature == "other_commercial_untrustworthiness").Weight.ToString());
    }

    [Fact]
    public void EveryGradeThresholdIsMarkedUnconfirmed()
    {
        Assert.Equal(["D", "C", "B", "A", "AA", "AAA"], Model.Grades!.Bands.Select(b => b.Name));
        Assert.Equal([null, 600, 850, 960, 1030, 1050], Model.Grades.Bands.Select(b => b.From));
        Assert.All(Model.Grades.Bands, band => Assert.Contains("UNCONFIRMED", band.Source));
        Assert.Equal(1000, Model.Intercept);
        Assert.Equal(AdverseTail.Low, Model.Adverse);
    }
}
