namespace Audit.Results;

/// <summary>One reason: an input that pushes the person towards the adverse tail, and by how much (explanation space).</summary>
/// <param name="Push">How far the input moves the output towards the adverse tail compared with the background (always &gt; 0).</param>
public sealed record ReasonCode(int Rank, string Feature, double Push, double Attribution);
