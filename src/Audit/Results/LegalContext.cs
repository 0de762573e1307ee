namespace Audit.Results;

/// <summary>
/// The law an audit's legal claims refer to: the place (<see cref="Jurisdiction"/>) and the domain of the decisions
/// (<see cref="Domain"/>), as the plan's <c>legal:</c> key declares them (docs/audit-plan.md). A result without one
/// (<see cref="Provenance.Legal"/> null, the default) makes no legal claim at all. Only the pairs of
/// <see cref="Supported"/> exist, each with a research note in <c>docs/legal/</c>.
/// </summary>
/// <param name="Jurisdiction">fr (France, with the EU law that binds it), eu (Union law only), us (federal and state law of the United States), cn (People's Republic of China).</param>
/// <param name="Domain">welfare, credit, employment, criminal-justice, platform-work or social-credit.</param>
public sealed record LegalContext(string Jurisdiction, string Domain)
{
    /// <summary>The codes of <see cref="Jurisdiction"/>; "none" in a plan means no legal context.</summary>
    public static IReadOnlyList<string> Jurisdictions { get; } = ["fr", "eu", "us", "cn"];

    /// <summary>The codes of <see cref="Domain"/>.</summary>
    public static IReadOnlyList<string> Domains { get; } = ["welfare", "credit", "employment", "criminal-justice", "platform-work", "social-credit"];

    /// <summary>The pairs the regulatory mapping knows, each with its note in <c>docs/legal/</c> (<see cref="NoteName"/>, a method so that it stays out of report.json).</summary>
    public static IReadOnlyList<LegalContext> Supported { get; } =
    [
        new("fr", "welfare"),
        new("eu", "platform-work"),
        new("us", "criminal-justice"),
        new("us", "credit"),
        new("us", "employment"),
        new("cn", "social-credit"),
        new("cn", "credit"),
    ];

    /// <summary>The research note of this context: <c>docs/legal/&lt;jurisdiction&gt;-&lt;domain&gt;.md</c>.</summary>
    public string NoteName() => $"{Jurisdiction}-{Domain}.md";
}

/// <summary>The legal context rides with the provenance, so that a one-person letter (which gets only the provenance) follows it too.</summary>
public sealed partial record Provenance
{
    /// <summary>The plan's legal context (key <c>legal</c>); null when the plan declares none, and then no legal claim is made.</summary>
    public LegalContext? Legal { get; init; }
}
