using Audit.Models.Onnx;

namespace Audit.Tests.Models.Onnx;

public sealed class FloatThresholdTests
{
    [Fact]
    public void TheDoubleThresholdSplitsDoublesAsTheFloatThresholdSplitsTheirFloatRounding()
    {
        var random = new Random(7);
        var thresholds = new List<float> { 0f, -0f, 1f, -1f, 1200f, 1234.567f, float.Epsilon, -float.Epsilon, float.MaxValue, -float.MaxValue + 1e32f, 0.1f, 3e-39f };
        for (var i = 0; i < 2000; i++)
        {
            thresholds.Add(BitConverter.Int32BitsToSingle(random.Next()) * (random.Next(2) == 0 ? 1 : -1));
        }
        foreach (var t in thresholds.Where(float.IsFinite))
        {
            var leq = FloatThreshold.LessOrEqual(t);
            foreach (var x in Around(leq))
            {
                Assert.True((float)x <= t == x <= leq, $"t = {t:R}, x = {x:R}: (float)x ≤ t is {(float)x <= t}");
            }
            if (t != -float.MaxValue)
            {
                var lt = FloatThreshold.Less(t);
                foreach (var x in Around(lt))
                {
                    Assert.True((float)x < t == x <= lt, $"t = {t:R}, x = {x:R}: (float)x < t is {(float)x < t}");
                }
            }
        }
    }

    private static IEnumerable<double> Around(double threshold)
    {
        var x = threshold;
        for (var k = 0; k < 3; k++)
        {
            x = Math.BitDecrement(x);
        }
        for (var k = 0; k < 7; k++, x = Math.BitIncrement(x))
        {
            yield return x;
        }
    }
}
