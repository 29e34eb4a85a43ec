using CustomerManager.Domain.Common;
using CustomerManager.Domain.Success;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerManager.Data.Seeding;

/// <summary>
/// Demo engagements (every fourth customer: one to four meetings, calls, demos... over the last 120 days, mostly
/// positive, some negative) and six nights of health scores over the last month, through the real nightly step, so the
/// profile's Health tab has a trend and the health dashboard has bands, customers at risk and movers. Runs once (no
/// engagements yet).
/// </summary>
public sealed class DemoSuccessSeeder(IServiceScopeFactory scopeFactory, BusinessTime clock, ILogger<DemoSuccessSeeder> logger)
{
    private static readonly string[] Titles =
    [
        "Quarterly business review", "Check-in call", "Demo of the new range", "Training on the account portal", "Renewal discussion",
        "Complaint about a late delivery", "Pricing question", "Site visit", "Onboarding session", "Follow-up on the quote",
    ];

    private static readonly int[] ScoringDaysAgo = [30, 21, 14, 7, 1, 0];

    private const int MaxDemoCustomers = 5_000;

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        using var system = AmbientUser.Use(AmbientUser.System);
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomerDbContext>();
        if (await db.Engagements.AnyAsync(cancellationToken))
        {
            return;
        }

        var customers = await db.Customers.Where(c => c.IsActive && c.MergedIntoId == null).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        if (customers.Count == 0 || customers.Count > MaxDemoCustomers)
        {
            // A generated scale database (--generate-data) is no demo: its nightly scoring is what the benchmark times.
            return;
        }

        var random = new Random(20);
        var today = clock.Today;
        var users = new[] { "credit", "clerk", "admin" };
        var count = 0;
        for (var i = 0; i < customers.Count; i += 4)
        {
            for (var n = random.Next(1, 5); n > 0; n--)
            {
                var outcome = random.Next(100) switch
                {
                    < 60 => EngagementOutcome.Positive,
                    < 85 => EngagementOutcome.Neutral,
                    _ => EngagementOutcome.Negative,
                };
                var type = (EngagementType)random.Next(Enum.GetValues<EngagementType>().Length);
                var day = today.AddDays(-random.Next(0, 120));
                var title = Titles[random.Next(Titles.Length)];
                db.Engagements.Add(new Engagement(customers[i], new EngagementInput(type, title, day, true, 15 * random.Next(1, 9), "Account manager and the customer's buyer",
                    outcome, null), users[random.Next(users.Length)], clock.UtcNow, today));
                count++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var scoring = scope.ServiceProvider.GetRequiredService<HealthScoringService>();
        foreach (var daysAgo in ScoringDaysAgo)
        {
            await scoring.RunNightlyAsync(today.AddDays(-daysAgo), cancellationToken);
        }

        logger.LogInformation("Demo customer success: {Engagements} engagements, {Nights} nights of health scores", count, ScoringDaysAgo.Length);
    }
}
