using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Messaging;

/// <summary>A row of the outbox page.</summary>
public sealed record OutboxRow(
    int Id, int CustomerId, string CustomerNumber, string CustomerName, CommunicationChannel Channel, CommunicationType Type,
    string To, string? Subject, OutboxStatus Status, int Attempts, DateTime CreatedAtUtc, DateTime NextAttemptAtUtc, DateTime? SentAtUtc,
    string? LastError, string? ProviderReply, AttachmentKind AttachmentKind, string? AttachmentNumber, string QueuedBy);

public sealed record OutboxFilter(OutboxStatus? Status = null, CommunicationChannel? Channel = null, string? Search = null);

/// <summary>
/// The outbox as admins see it (issue 16): every message with its status and the last answer, a failed one sent again,
/// a queued one withdrawn. Admins only: it shows every customer's messages across divisions.
/// </summary>
public sealed class OutboxService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock, OutboxSignal signal)
{
    public async Task<Page<OutboxRow>> ListAsync(OutboxFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var search = filter.Search?.Trim().ToLowerInvariant();
        var query = from m in db.OutboxMessages.AsNoTracking()
                    join c in db.Customers.AsNoTracking() on m.CustomerId equals c.Id
                    where (filter.Status == null || m.Status == filter.Status)
                          && (filter.Channel == null || m.Channel == filter.Channel)
                          && (string.IsNullOrEmpty(search) || m.To.Contains(search) || c.CustomerNumber.ToLower().Contains(search)
                              || (m.Subject != null && m.Subject.ToLower().Contains(search)))
                    select new { m, c.CustomerNumber, c.FullName };
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(x => x.m.Id).Skip(skip).Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);
        return new Page<OutboxRow>(rows.Select(x => new OutboxRow(
            x.m.Id, x.m.CustomerId, x.CustomerNumber, x.FullName, x.m.Channel, x.m.Type, x.m.To, x.m.Subject, x.m.Status, x.m.Attempts,
            x.m.CreatedAtUtc, x.m.NextAttemptAtUtc, x.m.SentAtUtc, x.m.LastError, x.m.ProviderReply, x.m.AttachmentKind,
            x.m.AttachmentNumber, x.m.QueuedBy)).ToList(), total);
    }

    /// <summary>How many messages are in each status (the chips above the grid).</summary>
    public async Task<IReadOnlyDictionary<OutboxStatus, int>> CountsAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var counts = await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return Enum.GetValues<OutboxStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
    }

    /// <summary>The whole message, body included, for the detail dialog.</summary>
    public async Task<OutboxMessage> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new NotFoundException("That message is not in the outbox.");
    }

    public Task RetryAsync(int id, int version, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, m => m.Retry(clock.UtcNow), cancellationToken);

    public Task CancelAsync(int id, int version, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, m => m.Cancel(), cancellationToken);

    private async Task ChangeAsync(int id, int version, Action<OutboxMessage> change, CancellationToken cancellationToken)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new NotFoundException("That message is not in the outbox.");
        Concurrency.EnsureVersion(message, version, "message");
        change(message);
        var communication = await db.Communications.FirstAsync(c => c.Id == message.CommunicationId, cancellationToken);
        communication.FollowOutbox(message.Status, clock.UtcNow);
        await db.SaveOrExplainAsync(cancellationToken);
        signal.Notify();
    }
}
