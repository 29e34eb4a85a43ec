using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Success;

/// <summary>One day of the trend chart.</summary>
public sealed record HealthPoint(DateOnly Day, int? Score, int? ChurnRisk);

/// <summary>
/// The profile's Health tab: the score computed now from today's facts (each component with its weight and facts),
/// the churn risk with its reasons, the lifecycle status (computed, and the override with its reason when there is
/// one), and the stored history of the last 90 days.
/// </summary>
public sealed record HealthProfile(
    HealthResult Health, ChurnRiskResult Churn, Lifecycle ComputedLifecycle, string LifecycleReason, CustomerHealth? Stored,
    IReadOnlyList<HealthPoint> Trend, SuccessSettings Settings)
{
    public Lifecycle Lifecycle => Stored?.OverrideLifecycle ?? ComputedLifecycle;
}

/// <summary>An entry of the customer's timeline: an engagement or a communication, newest first.</summary>
public sealed record TimelineEntry(DateOnly Day, string Kind, string Title, string? Outcome, string? Detail, string By, bool IsEngagement);

/// <summary>
/// Customer success on one customer (issue 20): the health profile, engagements (clerks, credit managers and admins
/// log them, everyone reads them) with the timeline merged with the communication log, and the manual lifecycle
/// override (credit managers and admins, with a reason). A user limited to some divisions sees the customer-success
/// data of a customer that has no accounts or has one in their divisions.
/// </summary>
public sealed class CustomerSuccessService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    private static readonly string[] Writers = [Roles.Clerk, Roles.CreditManager, Roles.Admin];

    public async Task<HealthProfile> ProfileAsync(int customerId, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var customer = await RequireVisibleAsync(db, customerId, cancellationToken);
        var today = clock.Today;
        var settings = await SuccessSettingsService.CurrentAsync(db, cancellationToken);
        var facts = (await HealthFactsQuery.LoadAsync(db, [(customerId, customer.CreatedAtUtc)], today, clock, cancellationToken)).Single();
        var health = HealthRules.Score(facts.Health, settings.Weights);
        var from = today.AddDays(-90);
        var trend = await db.HealthScores.AsNoTracking().Where(h => h.CustomerId == customerId && h.Day >= from)
            .OrderBy(h => h.Day).Select(h => new HealthPoint(h.Day, h.Score, h.ChurnRisk)).ToListAsync(cancellationToken);
        var highest = trend.Where(p => p.Day >= today.AddDays(-30) && p.Day < today).Max(p => p.Score);
        int? quiet = facts.Health.Engagement.LastContact is { } last ? today.DayNumber - last.DayNumber : null;
        var churn = ChurnRiskRules.Assess(health.Score, new ChurnSignals(highest, facts.WorstSubscriptionRisk, quiet, settings.NoEngagementDays));
        var (lifecycle, reason) = LifecycleRules.Decide(
            new LifecycleFacts(today, facts.RegisteredOn, facts.LastActivity, facts.Subscriptions, facts.CancelledSubscriptions, health.Band),
            settings.OnboardingDays, settings.ChurnedAfterMonths);
        var stored = await db.CustomerHealths.AsNoTracking().FirstOrDefaultAsync(h => h.CustomerId == customerId, cancellationToken);
        return new HealthProfile(health, churn, lifecycle, reason, stored, trend, settings);
    }

    public async Task<Engagement> LogEngagementAsync(int customerId, EngagementInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await RequireVisibleAsync(db, customerId, cancellationToken);
        var engagement = new Engagement(customerId, input, currentUser.UserName, clock.UtcNow, clock.Today);
        db.Engagements.Add(engagement);
        await db.SaveOrExplainAsync(cancellationToken);
        return engagement;
    }

    /// <summary>Engagements and communications of the customer, newest first, optionally only engagements of one type.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(int customerId, EngagementType? type = null, bool engagementsOnly = false, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await RequireVisibleAsync(db, customerId, cancellationToken);
        var engagements = await db.Engagements.AsNoTracking().Where(e => e.CustomerId == customerId && (type == null || e.Type == type))
            .OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).Take(200).ToListAsync(cancellationToken);
        var entries = engagements.Select(e => new TimelineEntry(
            e.Date, e.Type.Words(), e.Title, e.Held ? e.Outcome is { } o ? o.Words() : null : "planned",
            string.Join(" · ", new[] { e.DurationMinutes is { } m ? $"{m} min" : null, e.Attendees, e.Notes }.Where(s => !string.IsNullOrEmpty(s))),
            e.CreatedBy, true)).ToList();
        if (type is null && !engagementsOnly)
        {
            var communications = await db.Communications.AsNoTracking().Where(c => c.CustomerId == customerId)
                .OrderByDescending(c => c.OccurredAtUtc).Take(200).ToListAsync(cancellationToken);
            entries.AddRange(communications.Select(c => new TimelineEntry(
                clock.LocalDate(c.OccurredAtUtc), $"{c.Channel.Words()} ({c.Direction.Words().ToLowerInvariant()})",
                c.Subject ?? c.Type.Words(), null, c.Body.Length > 200 ? c.Body[..200] + "…" : c.Body, c.LoggedBy, false)));
        }

        return [.. entries.OrderByDescending(e => e.Day).Take(200)];
    }

    /// <summary>Sets the lifecycle status by hand (or clears it with null), with a reason; credit managers and admins.</summary>
    public async Task<CustomerHealth> OverrideLifecycleAsync(int customerId, Lifecycle? status, string? reason, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.CreditManager, Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await RequireVisibleAsync(db, customerId, cancellationToken);
        var state = await db.CustomerHealths.FirstOrDefaultAsync(h => h.CustomerId == customerId, cancellationToken);
        var isNew = state is null;
        state ??= new CustomerHealth(customerId);
        state.Override(status, reason, currentUser.UserName, clock.UtcNow);
        if (isNew)
        {
            db.CustomerHealths.Add(state);
        }

        await db.SaveOrExplainAsync(cancellationToken);
        return state;
    }

    /// <summary>The customer, when the user may see its customer-success data (see the class summary).</summary>
    internal async Task<Customers.Customer> RequireVisibleAsync(ICustomerDb db, int customerId, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken)
            ?? throw new NotFoundException("That customer does not exist.");
        if (currentUser.DivisionIds is { } mine)
        {
            var divisions = await db.DivisionAccounts.Where(a => a.CustomerId == customerId).Select(a => a.DivisionId).ToListAsync(cancellationToken);
            if (divisions.Count > 0 && !divisions.Any(mine.Contains))
            {
                throw new AccessDeniedException("You are limited to other divisions; this customer has accounts only in divisions you do not work in.");
            }
        }

        return customer;
    }
}
