namespace Audit.Models;

/// <summary>
/// A capability: the model can be rebuilt without one of its inputs, so that a design can ask what the decisions would
/// be had the input not been used (a spec with known terms has it: the input's term, and every interaction that reads
/// the input, are left out; a trained model does not, since leaving an input out would mean retraining it).
/// </summary>
public interface IInputRemoval
{
    /// <summary>The inputs that can be removed one at a time, in the model's order.</summary>
    IReadOnlyList<string> RemovableInputs { get; }

    /// <summary>The same model without <paramref name="input"/>: its term and the interactions that read it contribute 0.</summary>
    IScoringModel Without(string input);
}
