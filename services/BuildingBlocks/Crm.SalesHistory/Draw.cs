namespace Crm.SalesHistory;

/// <summary>The draws the generator makes from its seeded random source.</summary>
internal static class Draw
{
    /// <summary>A standard normal draw (Box-Muller).</summary>
    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>A log-normal draw with this median and spread.</summary>
    public static double LogNormal(Random random, double median, double spread) => median * Math.Exp(Normal(random) * spread);

    /// <summary>A Poisson draw with a small mean (Knuth).</summary>
    public static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var count = 0;
        for (var product = random.NextDouble(); product > limit; product *= random.NextDouble())
        {
            count++;
        }

        return count;
    }

    public static bool Chance(Random random, double p) => random.NextDouble() < p;

    /// <summary>A GUID from the seeded source, so that the same seed gives the same ids.</summary>
    public static Guid Guid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
