using Audit.Models;
using Audit.Results;

namespace Audit;

/// <summary>
/// What a report says was audited, beside the decided population: where the result comes from, the data's summary,
/// and the model file when one was loaded (its caveat).
/// </summary>
public sealed record AuditSubject(Provenance Provenance, DataSection Data, ModelFileSpec? ModelFile = null);
