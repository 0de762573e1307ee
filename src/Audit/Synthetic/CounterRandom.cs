namespace Audit.Synthetic;

/// <summary>
/// Counter-based randomness: the uniform number for (seed, row, variable, draw) is a fixed function of those four
/// integers, with no state carried from row to row. Any row can be generated alone, in any chunk, on any thread,
/// and comes out the same. The function is two rounds of the SplitMix64 finaliser (Steele, Lea and Flood,
/// "Fast splittable pseudorandom number generators", OOPSLA 2014; the mixing constants are Stafford's "Mix13"),
/// which passes BigCrush as a counter-mode generator; it is written out here so that no library version can
/// change the numbers.
/// </summary>
public static class CounterRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15;
    private const ulong Spread = 0xD1B54A32D192ED03;

    /// <summary>64 random bits for (seed, row, stream): the stream is the variable's index and the draw's number packed together.</summary>
    public static ulong Bits(ulong seed, long row, uint variable, uint draw)
    {
        var x = Mix(seed * Golden + (ulong)row);
        x ^= ((((ulong)variable) << 32) | draw) * Spread + Golden;
        return Mix(x);
    }

    /// <summary>A uniform number strictly between 0 and 1: (k + 0.5) / 2^53 for the top 53 bits k.</summary>
    public static double Uniform(ulong seed, long row, uint variable, uint draw) =>
        ((Bits(seed, row, variable, draw) >> 11) + 0.5) * (1.0 / (1UL << 53));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
