namespace CustomerManager.Domain.Subscriptions;

/// <summary>
/// Net Promoter Score (seed isp-customers): answers 0-10 to "how likely are you to recommend us"; 9-10 are promoters,
/// 0-6 detractors; the score is the percentage of promoters minus that of detractors, −100 to 100, rounded to a whole
/// number (midpoint away from zero). Null without answers.
/// </summary>
public static class Nps
{
    public static int? Score(IEnumerable<int> answers)
    {
        int count = 0, promoters = 0, detractors = 0;
        foreach (var answer in answers)
        {
            count++;
            if (answer >= 9)
            {
                promoters++;
            }
            else if (answer <= 6)
            {
                detractors++;
            }
        }

        return count == 0 ? null : (int)Math.Round(100m * (promoters - detractors) / count, MidpointRounding.AwayFromZero);
    }

    /// <summary>The same from counts (as SQL groups them).</summary>
    public static int? Score(int count, int promoters, int detractors) =>
        count == 0 ? null : (int)Math.Round(100m * (promoters - detractors) / count, MidpointRounding.AwayFromZero);
}
