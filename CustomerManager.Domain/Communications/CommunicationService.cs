using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Communications;

/// <summary>A contact on the timeline, with who logged it by name and what it refers to.</summary>
public sealed record CommunicationView(Communication Communication, string LoggedByName, string? LaybyNumber, string? AccountNumber)
{
    /// <summary>Whose contact it is, on timelines of more than one customer (an institution's).</summary>
    public string? CustomerNumber { get; init; }

    public string? CustomerName { get; init; }
}

/// <summary>Which contacts the timeline shows.</summary>
public sealed record CommunicationFilter(CommunicationChannel? Channel = null, CommunicationDirection? Direction = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>
/// The communication log of a customer (DOMAIN.md §8): everyone reads it; clerks, credit managers and admins log calls,
/// visits, letters and messages that came in. A contact about a layby or an account must be about one of this
/// customer's, in a division the user works in.
/// </summary>
public sealed class CommunicationService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    private static readonly string[] Writers = [Roles.Clerk, Roles.CreditManager, Roles.Admin];

    public async Task<Communication> LogAsync(int customerId, CommunicationInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            throw new NotFoundException("That customer does not exist.");
        }

        if (input.LaybyId is { } laybyId)
        {
            var division = await db.Laybys.Where(l => l.Id == laybyId && l.CustomerId == customerId).Select(l => (int?)l.DivisionId).FirstOrDefaultAsync(cancellationToken)
                ?? throw new DomainException("That layby is not this customer's.", "Layby");
            currentUser.RequireDivision(division);
        }

        if (input.DivisionAccountId is { } accountId)
        {
            var division = await db.DivisionAccounts.Where(a => a.Id == accountId && a.CustomerId == customerId).Select(a => (int?)a.DivisionId).FirstOrDefaultAsync(cancellationToken)
                ?? throw new DomainException("That account is not this customer's.", "Account");
            currentUser.RequireDivision(division);
        }

        var communication = Communication.Logged(customerId, input, currentUser.UserName, clock.UtcNow);
        db.Communications.Add(communication);
        await db.SaveOrExplainAsync(cancellationToken);
        return communication;
    }

    /// <summary>The customer's contacts, newest first, filtered by channel, direction and local dates.</summary>
    public async Task<IReadOnlyList<CommunicationView>> TimelineAsync(int customerId, CommunicationFilter filter, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await TimelineOfAsync(db, db.Customers.Where(c => c.Id == customerId).Select(c => c.Id), filter, cancellationToken);
    }

    /// <summary>
    /// The contacts of an institution's current members and of the customer it is billed as, newest first, each with
    /// whose it is (DOMAIN.md §8: the institution's timeline).
    /// </summary>
    public async Task<IReadOnlyList<CommunicationView>> InstitutionTimelineAsync(int institutionId, CommunicationFilter filter, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        if (!await db.Institutions.AnyAsync(i => i.Id == institutionId, cancellationToken))
        {
            throw new NotFoundException("That institution does not exist.");
        }

        var customerIds = db.Customers.Where(c => c.InstitutionId == institutionId).Select(c => c.Id)
            .Concat(db.Institutions.Where(i => i.Id == institutionId && i.BillingCustomerId != null).Select(i => i.BillingCustomerId!.Value));
        return await TimelineOfAsync(db, customerIds, filter, cancellationToken);
    }

    private async Task<IReadOnlyList<CommunicationView>> TimelineOfAsync(
        ICustomerDb db, IQueryable<int> customerIds, CommunicationFilter filter, CancellationToken cancellationToken)
    {
        if (filter.From is { } from && filter.To is { } to && from > to)
        {
            throw new DomainException("The 'from' date must not be after the 'to' date.", "From");
        }

        var fromUtc = filter.From is { } f ? clock.StartOfDayUtc(f) : (DateTime?)null;
        var beforeUtc = filter.To is { } t ? clock.StartOfDayUtc(t.AddDays(1)) : (DateTime?)null;
        var rows = await (from c in db.Communications.AsNoTracking()
                          join customer in db.Customers on c.CustomerId equals customer.Id
                          where customerIds.Contains(c.CustomerId)
                                && (filter.Channel == null || c.Channel == filter.Channel)
                                && (filter.Direction == null || c.Direction == filter.Direction)
                                && (fromUtc == null || c.OccurredAtUtc >= fromUtc)
                                && (beforeUtc == null || c.OccurredAtUtc < beforeUtc)
                          orderby c.OccurredAtUtc descending, c.Id descending
                          select new
                          {
                              Communication = c,
                              customer.CustomerNumber,
                              customer.FullName,
                              LaybyNumber = db.Laybys.Where(l => l.Id == c.LaybyId).Select(l => l.LaybyNumber).FirstOrDefault(),
                              AccountNumber = db.DivisionAccounts.Where(a => a.Id == c.DivisionAccountId).Select(a => a.AccountNumber).FirstOrDefault(),
                          })
            .Take(500).ToListAsync(cancellationToken);
        var names = await Users.UserNames.DisplayNamesAsync(db, rows.Select(r => r.Communication.LoggedBy), cancellationToken);
        return rows.Select(r => new CommunicationView(r.Communication, names.GetValueOrDefault(r.Communication.LoggedBy, r.Communication.LoggedBy),
            r.LaybyNumber, r.AccountNumber)
        { CustomerNumber = r.CustomerNumber, CustomerName = r.FullName }).ToList();
    }
}
