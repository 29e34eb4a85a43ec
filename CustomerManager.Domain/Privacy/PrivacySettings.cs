namespace CustomerManager.Domain.Privacy;

/// <summary>
/// How long a customer with nothing owed and no activity is kept before the retention list offers to pseudonymise them
/// (<c>Privacy:RetentionMonths</c>; five years by default, the usual period for keeping financial records).
/// </summary>
public sealed record PrivacySettings(int RetentionMonths = 60)
{
    public const int MinimumMonths = 1;
}
