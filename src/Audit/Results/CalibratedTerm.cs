namespace Audit.Results;

/// <summary>
/// A model term whose weight the spec's author fitted to a published figure (model spec key <c>calibrated:</c>,
/// docs/model-spec.md). A disparity along this term is then built in: its size was set so that the model reproduces
/// the figure, and a report marks it "calibrated, not found" instead of presenting it as a discovery (issue 18, item 5).
/// </summary>
/// <param name="Term">The term: a model input's name, an interaction's name, or "(intercept)".</param>
/// <param name="Figure">The published figure the weight was fitted to, as the spec states it.</param>
public sealed record CalibratedTerm(string Term, string Figure);
