namespace Audit.Synthetic;

/// <summary>People to generate: the population spec (its path and the name the user knows it by), how many rows, and the seed.</summary>
public sealed record PopulationDraw(string SpecPath, string SpecDisplay, int Rows, long Seed);
