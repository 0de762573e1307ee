namespace Audit.Models;

/// <summary>
/// A capability: the model declares what its inputs mean beyond their type (labels, unit, data source, the default
/// actionability, a citation; <see cref="FeatureInfo"/>), as a published spec does. Per-person explanations take the
/// labels, units and sources from it (CRPA R311-3-1-2, 2°) and recourse takes the actionability a plan does not
/// override; a model without it is explained with bare column names and its inputs are treated as immutable.
/// </summary>
public interface IFeatureMetadata
{
    /// <summary>What the model declares about the input <paramref name="feature"/>; <see cref="FeatureInfo.None"/> when nothing.</summary>
    FeatureInfo InfoOf(string feature);
}
