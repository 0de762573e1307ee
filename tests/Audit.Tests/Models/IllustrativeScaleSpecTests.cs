using Audit.Models;

namespace Audit.Tests.Models;

/// <summary>The two illustrative specs: a Sesame-style 350–950 scale and a platform rating with a deactivation threshold.</summary>
public sealed class IllustrativeScaleSpecTests
{
    private static Dictionary<string, object> Dimensions(double history, double ability, double behaviour, double identity, double relationships) => new()
    {
        ["credit_history"] = history,
        ["ability_to_pay"] = ability,
        ["behaviour_preferences"] = behaviour,
        ["identity_traits"] = identity,
        ["social_relationships"] = relationships,
    };

    /// <summary>
    /// η = 2 − 0.035 history − 0.025 ability − 0.020 behaviour − 0.015 identity − 0.005 relationships (log-odds of
    /// default); score = 600 + (40 / ln 2) × (−η − ln 20), clamped to [350, 950]; 40 / ln 2 = 57.7078016355585,
    /// ln 20 = 2.99573227355399.
    /// </summary>
    [Fact]
    public void SesameStylePeopleScoreToHandComputedPointsAndBands()
    {
        var model = LinearModelSpec.Load(NamedPeople.Spec("sesame-style-350-950.yaml"), "sesame-style-350-950.yaml");
        var people = NamedPeople.Of(
            // Mei: 60 on every dimension. η = 2 − 0.1 × 60 = −4; 600 + 57.7078016 × (4 − 2.9957323) = 657.954082746740
            ("Mei", Dimensions(60, 60, 60, 60, 60)),
            // Jun, a thin file: η = 2 − 0.35 − 0.75 − 1.0 − 0.6 − 0.1 = −0.8; 600 + 57.7078016 × (0.8 − 2.9957323) = 473.289117512952
            ("Jun", Dimensions(10, 30, 50, 40, 20)),
            // Lan: 100 everywhere. η = 2 − 10 = −8; 600 + 57.7078016 × (8 − 2.9957323) = 888.785289288974
            ("Lan", Dimensions(100, 100, 100, 100, 100)),
            // Bo: 0 everywhere. η = 2; 600 + 57.7078016 × (−2 − 2.9957323) = 311.707 → clamped to 350
            ("Bo", Dimensions(0, 0, 0, 0, 0)));
        var eta = model.LinearPredictor(people);
        var scores = model.Score(people);
        var bands = model.Grade(people, scores)!.Select(b => model.Grades!.Bands[b].Name).ToArray();

        Assert.Equal([-4.0, -0.8, -8.0, 2.0], eta.Select(e => Math.Round(e, 12)));
        Assert.Equal(657.9540827467396, scores[0], 1e-12);
        Assert.Equal(473.2891175129523, scores[1], 1e-12);
        Assert.Equal(888.7852892889738, scores[2], 1e-12);
        Assert.Equal(350, scores[3]);
        Assert.Equal(["very good", "poor", "excellent", "poor"], bands);
        Assert.Equal("logistic-scaled", model.Kind);
        Assert.Equal(AdverseTail.Low, model.Adverse);
    }

    /// <summary>Average = 5 − 4 s1 − 3 s2 − 2 s3 − 1 s4 (the shares of 1- to 4-star ratings; the rest are 5 stars).</summary>
    [Fact]
    public void DriversScoreToTheirAverageRatingAndFallBelowTheThreshold()
    {
        var model = LinearModelSpec.Load(NamedPeople.Spec("platform-rating-deactivation.yaml"), "platform-rating-deactivation.yaml");
        static Dictionary<string, object> Shares(int one, int two, int three, int four) => new()
        {
            ["share_1_star"] = one / 500.0,
            ["share_2_star"] = two / 500.0,
            ["share_3_star"] = three / 500.0,
            ["share_4_star"] = four / 500.0,
        };
        var drivers = NamedPeople.Of(
            // Amara, over 500 trips: 5 one-star, 5 two-star, 10 three-star, 30 four-star, 450 five-star.
            //   5 − 4 × 0.01 − 3 × 0.01 − 2 × 0.02 − 1 × 0.06 = 4.83 (= (5 + 10 + 30 + 120 + 2250) / 500)
            ("Amara", Shares(5, 5, 10, 30)),
            // Dmitri: 20 one-star, 15 two-star, 25 three-star, 60 four-star, 380 five-star.
            //   5 − 4 × 0.04 − 3 × 0.03 − 2 × 0.05 − 1 × 0.12 = 4.53 (= (20 + 30 + 75 + 240 + 1900) / 500)
            ("Dmitri", Shares(20, 15, 25, 60)),
            // Wen: no rating below 5 stars: 5.
            ("Wen", Shares(0, 0, 0, 0)));
        var averages = model.Score(drivers);
        var grades = model.Grade(drivers, averages)!.Select(b => model.Grades!.Bands[b].Name).ToArray();

        Assert.Equal(4.83, averages[0], 1e-12);
        Assert.Equal(4.53, averages[1], 1e-12);
        Assert.Equal(5, averages[2], 1e-12);
        Assert.Equal(["active", "deactivation risk", "active"], grades);
        Assert.Equal(4.6, model.Grades!.Bands[1].From);
    }
}
