namespace Audit.Models;

/// <summary>Which end of the score is worse for the person (CONTRACTS.md, "Scores, decisions, grades").</summary>
public enum AdverseTail
{
    /// <summary>A higher score is worse (a fraud-risk score).</summary>
    High,

    /// <summary>A lower score is worse (a credit score, a chance of finding work).</summary>
    Low,
}
