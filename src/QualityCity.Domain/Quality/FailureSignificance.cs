namespace QualityCity.Domain.Quality;

/// <summary>
/// "Significantly above the industry's failure rate" (QLT-4): a one-sided exact binomial test.
/// Counts of samples are small (a county may have six batches of a product in a year), so a normal
/// approximation would be wrong exactly where it matters; the exact tail is cheap to compute.
/// A cell must also have a minimum number of failures, so one unlucky batch in a county with two
/// samples does not become a "problem" of the city.
/// </summary>
public static class FailureSignificance
{
    /// <summary>P(X ≥ k) for X ~ Binomial(n, p).</summary>
    public static double UpperTail(int n, int k, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (k <= 0)
        {
            return 1;
        }

        if (k > n)
        {
            return 0;
        }

        if (p <= 0)
        {
            return 0;
        }

        if (p >= 1)
        {
            return 1;
        }

        // Sum the terms in log space from k upwards: stable for n in the millions.
        var logP = Math.Log(p);
        var logQ = Math.Log(1 - p);
        var logTerm = LogChoose(n, k) + (k * logP) + ((n - k) * logQ);
        var sum = 0.0;
        for (var i = k; i <= n; i++)
        {
            var term = Math.Exp(logTerm);
            sum += term;
            if (term < sum * 1e-17 && i > n * p)
            {
                break; // the remaining terms shrink geometrically past the mode
            }

            logTerm += Math.Log(n - i) - Math.Log(i + 1) + logP - logQ;
        }

        return Math.Min(1, sum);
    }

    /// <summary>Whether <paramref name="failed"/> of <paramref name="tested"/> is significantly above the reference rate.</summary>
    public static bool IsAbove(int tested, int failed, double referenceRate, double alpha, int minimumFailures) =>
        failed >= minimumFailures && tested > 0 && (double)failed / tested > referenceRate && UpperTail(tested, failed, referenceRate) < alpha;

    private static double LogChoose(int n, int k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);

    private static double LogFactorial(int n)
    {
        var sum = 0.0;
        for (var i = 2; i <= n; i++)
        {
            sum += Math.Log(i);
        }

        return sum;
    }
}
