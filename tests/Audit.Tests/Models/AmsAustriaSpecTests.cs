using Audit.Data;
using Audit.Models;

namespace Audit.Tests.Models;

/// <summary>
/// models/ams-austria-2018.yaml on hand-made job-seekers. The published checks: DerStandard gives the reference
/// person a 52 % chance (logistic(0.10)) and a woman otherwise identical 49 % (logistic(−0.04)).
/// </summary>
public sealed class AmsAustriaSpecTests
{
    private static readonly LinearModel Model = LinearModelSpec.Load(NamedPeople.Spec("ams-austria-2018.yaml"), "ams-austria-2018.yaml");

    /// <summary>A job-seeker in the reference category of every variable whose coefficients are not published.</summary>
    private static Dictionary<string, object> JobSeeker(string sex, string age, string citizenship, string education, bool careDuties, bool impaired,
        string occupation = "dienstleistung") => new()
        {
            ["geschlecht"] = sex,
            ["altersgruppe"] = age,
            ["staatengruppe"] = citizenship,
            ["ausbildung"] = education,
            ["betreuungspflichten"] = careDuties,
            ["beeintraechtigt"] = impaired,
            ["berufsgruppe"] = occupation,
            ["rgs_typ"] = "1",
            ["beschaeftigungsverlauf"] = "ab_75_prozent",
            ["geschaeftsfalldauer"] = "keine_episode_180_tage",
            ["geschaeftsfallfrequenz"] = "0",
            ["massnahmenteilnahme"] = "keine",
        };

    [Fact]
    public void JobSeekersScoreToHandComputedChancesAndClasses()
    {
        var people = NamedPeople.Of(
            // Lukas, 24, Austrian man, compulsory schooling only, healthy: DerStandard's reference person.
            ("Lukas", JobSeeker("maennlich", "0-29", "oesterreich", "pflichtschule", careDuties: false, impaired: false)),
            // Maria: Lukas as a woman.
            ("Maria", JobSeeker("weiblich", "0-29", "oesterreich", "pflichtschule", careDuties: false, impaired: false)),
            // Anna, 52, Austrian woman with an apprenticeship and two children to care for, healthy.
            ("Anna", JobSeeker("weiblich", "50+", "oesterreich", "lehre", careDuties: true, impaired: false)),
            // Josef, 55, Austrian man with the Matura, caring for his mother, with a health impairment.
            ("Josef", JobSeeker("maennlich", "50+", "oesterreich", "matura_plus", careDuties: true, impaired: true)));
        var eta = Model.LinearPredictor(people);
        var chance = Model.Score(people);
        var classes = Model.Grade(people, chance)!.Select(b => Model.Grades!.Bands[b].Name).ToArray();

        // Lukas: 0.10 (intercept); chance = 1 / (1 + e^−0.10) = 0.524979187478940 (DerStandard: 52 %)
        Assert.Equal(0.10, eta[0], 1e-12);
        Assert.Equal(0.52497918747894, chance[0], 1e-12);
        // Maria: 0.10 − 0.14 (weiblich) = −0.04; chance = 1 / (1 + e^0.04) = 0.490001333120035 (DerStandard: 49 %)
        Assert.Equal(-0.04, eta[1], 1e-12);
        Assert.Equal(0.4900013331200346, chance[1], 1e-12);
        // Anna: 0.10 − 0.14 (weiblich) − 0.70 (50+) + 0.27 (lehre) + 0 (care duties, main effect)
        //   − 0.15 (care duties of a woman) = −0.62; chance = 1 / (1 + e^0.62) = 0.349781451426173
        Assert.Equal(-0.62, eta[2], 1e-12);
        Assert.Equal(0.34978145142617295, chance[2], 1e-12);
        // Josef: 0.10 − 0.70 (50+) + 0.01 (matura_plus) − 0.67 (impairment) + 0 (a man's care duties count for
        //   nothing) = −1.26; chance = 1 / (1 + e^1.26) = 0.220973892220188
        Assert.Equal(-1.26, eta[3], 1e-12);
        Assert.Equal(0.22097389222018782, chance[3], 1e-12);

        // All below 0.66: class "B or C" (the long-term model that separates B from C is unpublished).
        Assert.Equal(["B or C", "B or C", "B or C", "B or C"], classes);
    }

    /// <summary>
    /// The spec's note: with the published and unconfirmed values alone, the best case is a man under 30 with an
    /// apprenticeship and EU citizenship: 0.10 + 0.27 + 0.16 = 0.53, a chance of 0.6294831, below 0.66, so nobody
    /// reaches class A without the unpublished terms.
    /// </summary>
    [Fact]
    public void WithThePublishedTermsAloneNobodyReachesClassA()
    {
        var best = NamedPeople.Of(("best case", JobSeeker("maennlich", "0-29", "eu", "lehre", careDuties: false, impaired: false)));
        var chance = Model.Score(best)[0];
        Assert.Equal(0.6294831119673949, chance, 1e-12);
        Assert.Equal("B or C", Model.Grades!.Bands[Model.Grade(best, [chance])![0]].Name);
        Assert.Equal(0.66, Model.Grades.Bands.Single(b => b.Name == "A").From);
    }

    [Fact]
    public void AnUnpublishedTermIsNotCountedAsZero()
    {
        var people = NamedPeople.Of(("Emir", JobSeeker("maennlich", "0-29", "oesterreich", "pflichtschule", careDuties: false, impaired: false, occupation: "produktion")));
        var error = Assert.Throws<AuditInputException>(() => Model.Score(people));
        Assert.Equal("berufsgruppe", error.Column);
        Assert.Contains("not known", error.Message);
        Assert.False(Model.FullyKnown);
    }

    [Fact]
    public void TheInterceptIsOnTheLogOddsScaleAndTheLowTailIsAdverse()
    {
        Assert.Equal(0.10, Model.Intercept);
        Assert.Contains("not a coefficient", Model.InterceptCoefficient.Source);
        Assert.Equal(AdverseTail.Low, Model.Adverse);
        Assert.Equal(["A", "B or C"], Model.Grades!.FavourableToAdverse);
    }
}
