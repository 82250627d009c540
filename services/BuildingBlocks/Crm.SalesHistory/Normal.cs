namespace Crm.SalesHistory;

/// <summary>The standard normal distribution's CDF and quantile, to draw a stay's length given how long it has lasted.</summary>
internal static class Normal
{
    /// <summary>The coefficients of Numerical Recipes' erfc approximation (error below 1.2e-7), highest power first.</summary>
    private static readonly double[] Erfc =
        [0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418, 0.37409196, 1.00002368, -1.26551223];

    /// <summary>Φ(x), from the complementary error function.</summary>
    public static double Cdf(double x)
    {
        var z = Math.Abs(x) / Math.Sqrt(2);
        var t = 1 / (1 + (0.5 * z));
        var sum = 0d;
        foreach (var c in Erfc)
        {
            sum = (sum * t) + c;
        }

        var erfc = t * Math.Exp((-z * z) + sum);
        return x >= 0 ? 1 - (erfc / 2) : erfc / 2;
    }

    /// <summary>Φ⁻¹(p) by bisection on <see cref="Cdf"/>: slow but plain, and only a benchmark's oracle uses it.</summary>
    public static double Quantile(double p)
    {
        var (low, high) = (-12d, 12d);
        for (var i = 0; i < 60; i++)
        {
            var mid = (low + high) / 2;
            (low, high) = Cdf(mid) < p ? (mid, high) : (low, mid);
        }

        return (low + high) / 2;
    }
}
