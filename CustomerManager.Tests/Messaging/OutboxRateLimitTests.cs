using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Messaging;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerManager.Tests.Messaging;

/// <summary>A transport's per-minute limit: what is over it stays queued and unclaimed for a later pass.</summary>
[Collection(nameof(MessagingCollection))]
public class OutboxRateLimitTests(MessagingAppFactory factory)
{
    [Fact]
    public async Task Messages_over_the_per_minute_limit_stay_queued_for_the_next_pass()
    {
        var customerId = await factory.NewCustomerAsync();
        // Before every other test's messages: only these three are due on this pass.
        factory.Clock.Set("2020-01-06");
        var ids = new List<int>();
        await using (var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync())
        {
            var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
            var messages = Enumerable.Range(1, 3).Select(i => Outbox.Queue(db, new OutgoingMessage(customerId, CommunicationChannel.WhatsApp,
                CommunicationType.Service, null, $"Limited {i}"), customer.PrimaryPhone, "messaging-clerk", factory.Clock.Now.UtcDateTime)).ToList();
            await db.SaveChangesAsync();
            ids.AddRange(messages.Select(m => m.Id));
        }

        var transport = new RecordingTransport(perMinute: 2);
        using var dispatcher = new OutboxDispatcher(factory.Services.GetRequiredService<ICustomerDbFactory>(), [transport],
            factory.Services.GetRequiredService<IMessageAttachments>(), factory.Services.GetRequiredService<BusinessTime>(),
            NullLogger<OutboxDispatcher>.Instance);
        using var system = AmbientUser.Use(AmbientUser.System);

        var result = await dispatcher.DispatchDueAsync("limited-node", batchSize: 500);

        Assert.Equal(2, transport.Sent.Count(t => t.StartsWith("Limited", StringComparison.Ordinal)));
        Assert.True(result.RateLimited >= 1);
        await using var check = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var statuses = await check.OutboxMessages.Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).Select(m => new { m.Status, m.LockedBy }).ToListAsync();
        Assert.Equal([OutboxStatus.Sent, OutboxStatus.Sent, OutboxStatus.Queued], statuses.Select(s => s.Status));
        Assert.Null(statuses[2].LockedBy);
        factory.Clock.Now = DateTimeOffset.UtcNow;
    }

    private sealed class RecordingTransport(int perMinute) : IMessageTransport
    {
        public List<string> Sent { get; } = [];

        public CommunicationChannel Channel => CommunicationChannel.WhatsApp;

        public string? NotConfiguredReason => null;

        public int PerMinuteLimit => perMinute;

        public Task<DeliveryResult> SendAsync(OutboundEnvelope envelope, CancellationToken cancellationToken)
        {
            Sent.Add(envelope.TextBody);
            return Task.FromResult(DeliveryResult.Sent("200 ok"));
        }
    }
}
