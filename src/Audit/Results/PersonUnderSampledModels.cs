namespace Audit.Results;

/// <summary>
/// One person under each model the partial-model design samples (<c>Designs.PartialModelSampler.Sampled</c>): what
/// <c>audit explain</c> and <c>audit recourse</c> give beside the central model's answer, as ranges. Each sampled model
/// scores everybody and is decided by the plan's policy (re-ranked, as in the design); the person's score, share of
/// people with a less adverse score, rank, flag and each term's contribution are taken from it.
/// </summary>
/// <param name="Samples">Models sampled (the design's <c>samples</c>).</param>
/// <param name="SampledCoefficients">Coefficients the spec gives only by sign, interval or not at all.</param>
/// <param name="Magnitude">The design's <c>magnitude</c>: the central model puts a sign at ± half of it.</param>
/// <param name="ScoreMin">Smallest score of the person over the sampled models.</param>
/// <param name="PercentileMin">Smallest percentage of people with a less adverse score.</param>
/// <param name="RankMin">Best (smallest) rank: 1 + the number of people with a more adverse score.</param>
/// <param name="FlaggedIn">Sampled models under which the person is flagged.</param>
/// <param name="Terms">Each term's contribution (explanation space), smallest and largest, in the model's term order.</param>
/// <param name="ChangeLiftsIn">
/// With a changed row (the central model's cheapest change): of the <paramref name="FlaggedIn"/> models that flag the
/// person, how many put the changed row on the favourable side of their own cut-off, everyone else's score held; null without.
/// </param>
public sealed record PersonUnderSampledModels(
    int Samples, long Seed, double Magnitude, int SampledCoefficients,
    double ScoreMin, double ScoreMax, double PercentileMin, double PercentileMax, long RankMin, long RankMax,
    int FlaggedIn, IReadOnlyList<TermRange> Terms, int? ChangeLiftsIn);

/// <summary>A term's contribution to one person's output, smallest and largest over the sampled models.</summary>
public sealed record TermRange(string Term, double Min, double Max);
