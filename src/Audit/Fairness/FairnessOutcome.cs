using Audit.Results;

namespace Audit.Fairness;

/// <summary>
/// What the fairness analysis hands on: the section, and the disclosure policy it applied (minimum cell, and the groups
/// it hides by complementary suppression), which every later stage applies too.
/// </summary>
public sealed record FairnessOutcome(FairnessSection Section, DisclosurePolicy Disclosure);
