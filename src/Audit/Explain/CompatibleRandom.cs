namespace Audit.Explain;

/// <summary>
/// The numbers <c>new System.Random(seed).Next(maxValue)</c> gives, drawn without a virtual call per number, for the
/// bootstrap's hot loop (<see cref="DisparityDecomposition"/>). A seeded <see cref="System.Random"/> keeps, for
/// compatibility, Knuth's subtractive generator (The Art of Computer Programming, vol. 2, §3.6, as in Numerical Recipes'
/// <c>ran3</c>) with .NET's seeding: 55 integers of state, each number <c>s[i] − s[i + 31 mod 55]</c> brought into
/// [0, int.MaxValue), and <c>Next(m)</c> = <c>(int)(number · (1 / int.MaxValue) · m)</c>. The reports' numbers were made
/// with that sequence, so this must be the same sequence to the last bit: a test draws millions of numbers against
/// <see cref="System.Random"/> itself over many seeds and bounds.
/// </summary>
internal sealed class CompatibleRandom
{
    private const int Size = 56;
    private const int Lag = 21;

    /// <summary>State in [1, 55] (index 0 is unused, as in Knuth's presentation).</summary>
    private readonly int[] state = new int[Size];
    private int next;
    private int nextLagged = Lag;

    public CompatibleRandom(int seed)
    {
        var magic = 161_803_398 - (seed == int.MinValue ? int.MaxValue : Math.Abs(seed));
        state[Size - 1] = magic;
        var previous = 1;
        var position = 0;
        for (var i = 1; i < Size - 1; i++)
        {
            position += Lag;
            if (position >= Size - 1)
            {
                position -= Size - 1;
            }
            state[position] = previous;
            previous = magic - previous;
            if (previous < 0)
            {
                previous += int.MaxValue;
            }
            magic = state[position];
        }
        for (var round = 1; round < 5; round++)
        {
            for (var i = 1; i < Size; i++)
            {
                var other = i + 30;
                if (other >= Size - 1)
                {
                    other -= Size - 1;
                }
                state[i] -= state[1 + other];
                if (state[i] < 0)
                {
                    state[i] += int.MaxValue;
                }
            }
        }
    }

    /// <summary>The next number in [0, <paramref name="maxValue"/>), as <c>System.Random.Next(maxValue)</c>.</summary>
    public int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)(Sample() * (1.0 / int.MaxValue) * maxValue);
    }

    /// <summary>Fills <paramref name="destination"/> with successive <see cref="Next"/>(<paramref name="maxValue"/>).</summary>
    public void Fill(Span<int> destination, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        var s = state;
        int i = next, p = nextLagged;
        for (var k = 0; k < destination.Length; k++)
        {
            if (++i >= Size)
            {
                i = 1;
            }
            if (++p >= Size)
            {
                p = 1;
            }
            var number = s[i] - s[p];
            if (number == int.MaxValue)
            {
                number--;
            }
            // number < 0 ? number + int.MaxValue : number, without a branch that the CPU would guess wrong half the time.
            number += (number >> 31) & int.MaxValue;
            s[i] = number;
            destination[k] = (int)(number * (1.0 / int.MaxValue) * maxValue);
        }
        (next, nextLagged) = (i, p);
    }

    private int Sample()
    {
        if (++next >= Size)
        {
            next = 1;
        }
        if (++nextLagged >= Size)
        {
            nextLagged = 1;
        }
        var number = state[next] - state[nextLagged];
        if (number == int.MaxValue)
        {
            number--;
        }
        if (number < 0)
        {
            number += int.MaxValue;
        }
        state[next] = number;
        return number;
    }
}
