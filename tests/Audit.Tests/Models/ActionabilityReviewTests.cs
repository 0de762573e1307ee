using Audit.Models;

namespace Audit.Tests.Models;

/// <summary>
/// Issue 19, item 1: the actionability of every shipped model spec, reviewed. The rule: a protected trait (sex, age,
/// citizenship, disability, family situation), a person's identity, and a past event (a record of what happened:
/// judgments, arrears, ratings already given, past episodes, a recent move) are never free to change, so recourse
/// never proposes them. The lists below are written from what each input MEANS (its label and the spec's notes), not
/// read from the spec's actionability: a spec that marks one of them free, or drops or renames it, fails here and
/// must be reviewed again.
/// </summary>
public sealed class ActionabilityReviewTests
{
    /// <summary>For each shipped spec, the inputs that are protected traits, identity or past events.</summary>
    private static readonly (string File, string[] Inputs)[] Reviews =
    [
        // CAF (both specs read the same inputs): marital status and household composition are legal events; RSA and
        // AAH are entitlements (AAH follows a disability); a recent move is a past event; the place of residence (a
        // disadvantaged neighbourhood) is a ground of discrimination in French law (Loi 2008-496, art. 1).
        ("caf-reconstructed.yaml", ["situation_familiale", "parent_isole", "enfant_plus_12_ans", "rsa", "aah", "demenagement_recent", "quartier_defavorise"]),
        ("caf-signs-only.yaml", ["situation_familiale", "parent_isole", "enfant_plus_12_ans", "rsa", "aah", "demenagement_recent", "quartier_defavorise"]),
        // Sesame-style: identity traits are who the person is; credit history is a record of past repayments.
        ("sesame-style-350-950.yaml", ["identity_traits", "credit_history"]),
        // AMS: sex, age group, citizenship, care duties, health impairment (protected); employment history, past
        // episodes (length and number) and past programme participation (past events).
        ("ams-austria-2018.yaml", ["geschlecht", "altersgruppe", "staatengruppe", "betreuungspflichten", "beeintraechtigt",
            "beschaeftigungsverlauf", "geschaeftsfalldauer", "geschaeftsfallfrequenz", "massnahmenteilnahme"]),
        // Rongcheng: every recorded offence, default, judgment or ticket is a past event.
        ("rongcheng-points.yaml", ["finance_contract_default", "contract_breach_judgment", "bank_arrears", "private_lending_breach",
            "illegal_fundraising_investigation", "guarantee_breach", "debt_judgment", "pyramid_selling_or_fraud", "counterfeit_production",
            "other_commercial_untrustworthiness", "late_public_fees", "public_fee_arrears_judgment", "illegal_heating_connection",
            "utility_theft", "utility_vandalism", "refused_investigation", "traffic_ticket", "drunk_driving", "littering_village"]),
        // Platform rating: the ratings already in the window were given by riders in the past; only future ratings
        // dilute them (recourse.rating_window counts how many it takes).
        ("platform-rating-deactivation.yaml", ["share_1_star", "share_2_star", "share_3_star", "share_4_star"]),
    ];

    public static TheoryData<string, string[]> NotActionable()
    {
        var data = new TheoryData<string, string[]>();
        foreach (var (file, inputs) in Reviews)
        {
            data.Add(file, inputs);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(NotActionable))]
    public void ProtectedTraitsIdentityAndPastEventsAreImmutable(string file, string[] inputs)
    {
        var model = LinearModelSpec.Load(NamedPeople.Spec(file), file);
        foreach (var input in inputs)
        {
            var term = model.Terms.SingleOrDefault(t => t.Feature == input);
            Assert.True(term is not null, $"{file}: '{input}' is gone or renamed: review this list against the spec");
            Assert.True(term!.Info?.Actionability == Actionability.Immutable,
                $"{file}: '{input}' is a protected trait, identity or past event but is '{term.Info?.Actionability}'");
        }
    }

    /// <summary>Every shipped spec is in the review: a new spec must be added to one of the lists above.</summary>
    [Fact]
    public void EveryShippedSpecIsReviewed()
    {
        var reviewed = Reviews.Select(r => r.File).Order(StringComparer.Ordinal);
        var shipped = Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, "models"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(shipped, reviewed);
    }
}
