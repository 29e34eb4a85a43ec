using System.Threading.RateLimiting;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CustomerManager.Domain.Messaging;

/// <summary>What one pass over the outbox did.</summary>
public sealed record DispatchResult(int Sent, int Retrying, int Failed, int WaitingForProvider, int ClaimedElsewhere, int RateLimited)
{
    public int Handled => Sent + Retrying + Failed + WaitingForProvider;
}

/// <summary>
/// Sends what the outbox holds. Each message is claimed with a conditional update (a lease that only one node can
/// take), sent, and its outcome saved at once, so a message goes exactly once however many nodes run this, and one left
/// behind by a crash before it was sent goes when the lease runs out. The window that remains (the server accepted it
/// and the node died before saving) sends it once more with the same Message-ID, which receivers use to spot repeats.
/// A failing server never touches the business change: that was committed before.
/// </summary>
public sealed class OutboxDispatcher : IDisposable
{
    /// <summary>How long a claim holds: longer than any one send, short enough that a crashed node's messages go soon.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>How long a message waits before it looks again for a provider that is not configured.</summary>
    public static readonly TimeSpan ProviderRecheck = TimeSpan.FromMinutes(5);

    private readonly ICustomerDbFactory dbFactory;
    private readonly IReadOnlyDictionary<CommunicationChannel, IMessageTransport> transports;
    private readonly IMessageAttachments attachments;
    private readonly BusinessTime clock;
    private readonly ILogger<OutboxDispatcher> logger;
    private readonly Dictionary<CommunicationChannel, RateLimiter> limiters = [];

    public OutboxDispatcher(
        ICustomerDbFactory dbFactory, IEnumerable<IMessageTransport> transports, IMessageAttachments attachments, BusinessTime clock,
        ILogger<OutboxDispatcher> logger)
    {
        this.dbFactory = dbFactory;
        this.transports = transports.ToDictionary(t => t.Channel);
        this.attachments = attachments;
        this.clock = clock;
        this.logger = logger;
        foreach (var transport in this.transports.Values.Where(t => t.PerMinuteLimit > 0))
        {
            limiters[transport.Channel] = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = transport.PerMinuteLimit,
                TokensPerPeriod = transport.PerMinuteLimit,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }
    }

    /// <summary>One pass: claims up to <paramref name="batchSize"/> due messages and sends them one by one.</summary>
    public async Task<DispatchResult> DispatchDueAsync(string nodeId, int batchSize = 50, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        List<int> due;
        await using (var db = await dbFactory.OpenAsync(cancellationToken))
        {
            due = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.Status == OutboxStatus.Queued && m.NextAttemptAtUtc <= now && (m.LockedUntilUtc == null || m.LockedUntilUtc < now))
                .OrderBy(m => m.NextAttemptAtUtc).ThenBy(m => m.Id)
                .Select(m => m.Id).Take(batchSize).ToListAsync(cancellationToken);
        }

        int sent = 0, retrying = 0, failed = 0, waiting = 0, elsewhere = 0, limited = 0;
        var exhausted = new HashSet<CommunicationChannel>();
        foreach (var id in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var db = await dbFactory.OpenAsync(cancellationToken);
            var channel = await db.OutboxMessages.Where(m => m.Id == id).Select(m => m.Channel).FirstAsync(cancellationToken);
            if (exhausted.Contains(channel) || (limiters.TryGetValue(channel, out var limiter) && !limiter.AttemptAcquire().IsAcquired))
            {
                // Over the per-minute limit: it stays queued, unclaimed, for a later pass.
                exhausted.Add(channel);
                limited++;
                continue;
            }

            var message = await ClaimAsync(db, id, nodeId, cancellationToken);
            if (message is null)
            {
                elsewhere++;
                continue;
            }

            switch (await SendAsync(db, message, cancellationToken))
            {
                case OutboxStatus.Sent:
                    sent++;
                    break;
                case OutboxStatus.Failed:
                    failed++;
                    break;
                case OutboxStatus.Queued when message.Attempts == 0:
                    waiting++;
                    break;
                default:
                    retrying++;
                    break;
            }
        }

        return new DispatchResult(sent, retrying, failed, waiting, elsewhere, limited);
    }

    /// <summary>Takes the lease if nobody holds it; null when another node got there first.</summary>
    private async Task<OutboxMessage?> ClaimAsync(ICustomerDb db, int id, string nodeId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var until = now + Lease;
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == id && m.Status == OutboxStatus.Queued && (m.LockedUntilUtc == null || m.LockedUntilUtc < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LockedUntilUtc, until)
                .SetProperty(m => m.LockedBy, nodeId)
                .SetProperty(m => m.Version, m => m.Version + 1), cancellationToken);
        if (claimed == 0)
        {
            return null;
        }

        var message = await db.OutboxMessages.FirstAsync(m => m.Id == id, cancellationToken);
        return message.LockedBy == nodeId ? message : null;
    }

    private async Task<OutboxStatus> SendAsync(ICustomerDb db, OutboxMessage message, CancellationToken cancellationToken)
    {
        var communication = await db.Communications.FirstAsync(c => c.Id == message.CommunicationId, cancellationToken);
        if (!transports.TryGetValue(message.Channel, out var transport) || transport.NotConfiguredReason is { } reason)
        {
            reason = transport?.NotConfiguredReason ?? $"No {Outbox.Name(message.Channel)} provider is configured.";
            message.WaitForProvider(reason, clock.UtcNow, ProviderRecheck);
            await db.SaveChangesAsync(CancellationToken.None);
            return message.Status;
        }

        DeliveryResult result;
        try
        {
            var files = message.AttachmentKind == AttachmentKind.None
                ? []
                : new[] { await attachments.RenderAsync(message.AttachmentKind, message.AttachmentNumber!, cancellationToken) };
            result = await transport.SendAsync(
                new OutboundEnvelope(message.Id, message.Channel, message.To, message.Subject, message.TextBody, message.HtmlBody, files),
                cancellationToken);
        }
        catch (NotFoundException e)
        {
            result = DeliveryResult.Refused($"The attachment cannot be made: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Sending outbox message {Id} failed unexpectedly", message.Id);
            result = DeliveryResult.TryLater($"Unexpected error: {e.Message}");
        }

        var now = clock.UtcNow;
        if (result.Accepted)
        {
            message.RecordSent(result.Reply, now);
        }
        else
        {
            message.RecordFailure(result.Reply, result.Permanent, now);
            logger.LogWarning("Outbox message {Id} not sent (attempt {Attempt}): {Reply}", message.Id, message.Attempts, result.Reply);
        }

        communication.FollowOutbox(message.Status, now);
        // Saved whatever the caller's token says: the message went (or not), and that must be recorded.
        await db.SaveChangesAsync(CancellationToken.None);
        return message.Status;
    }

    public void Dispose()
    {
        foreach (var limiter in limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
