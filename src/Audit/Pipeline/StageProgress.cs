namespace Audit.Pipeline;

/// <summary>Progress of a long stage: the stage's name, work done and total work (in the stage's own unit).</summary>
public delegate void StageProgress(string stage, long done, long total);
