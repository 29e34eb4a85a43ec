using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Messaging;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Messaging;

/// <summary>Sending to one customer: consent, addresses, lengths, roles and divisions, and one message per request.</summary>
[Collection(nameof(MessagingCollection))]
public class MessageServiceTests(MessagingAppFactory factory)
{
    private const int Clothing = 3;
    private const int Hardware = 4;

    [Fact]
    public async Task Marketing_needs_the_divisions_marketing_and_channel_consent_service_messages_do_not()
    {
        var customerId = await factory.NewCustomerAsync();
        int accountId;
        using (Actors.As("messaging-clerk", Roles.Clerk))
        {
            accountId = (await factory.Service<DivisionAccountService>().OpenAsync(customerId, Clothing)).Id;
        }

        using var clerk = Actors.As("messaging-clerk", Roles.Clerk);
        var marketing = Request(CommunicationChannel.Email, CommunicationType.Marketing, Clothing);
        Assert.Equal("Division", (await Refused(customerId, marketing with { DivisionId = null })).Field);
        Assert.Contains("No marketing consent", (await Refused(customerId, marketing)).Message, StringComparison.Ordinal);
        Assert.Contains("no account there", (await Refused(customerId, marketing with { DivisionId = Hardware })).Message, StringComparison.Ordinal);

        await SetConsentsAsync(accountId, marketing: true, sms: false, email: true);
        Assert.StartsWith("No SMS consent on account", (await Refused(customerId, Request(CommunicationChannel.Sms, CommunicationType.Marketing, Clothing))).Message,
            StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(customerId));

        var sent = await factory.Service<MessageService>().SendToCustomerAsync(customerId, marketing);
        Assert.Equal((CommunicationType.Marketing, accountId), (sent.Type, (await TimelineEntryAsync(sent)).DivisionAccountId));
        // A service message needs no consent at all.
        await factory.Service<MessageService>().SendToCustomerAsync(customerId, Request(CommunicationChannel.Sms, CommunicationType.Service));
        Assert.Equal(2, await CountAsync(customerId));
    }

    [Fact]
    public async Task Bad_messages_are_refused_with_their_reason_and_queue_nothing()
    {
        var noEmail = await factory.NewCustomerAsync(d => d with { PrimaryEmail = null });
        using var clerk = Actors.As("messaging-clerk", Roles.Clerk);
        Assert.Contains("has no e-mail address", (await Refused(noEmail, Request(CommunicationChannel.Email))).Message, StringComparison.Ordinal);
        var customerId = await factory.NewCustomerAsync();
        Assert.Equal("Subject", (await Refused(customerId, Request(CommunicationChannel.Email) with { Subject = " " })).Field);
        Assert.Equal("Body", (await Refused(customerId, Request(CommunicationChannel.Email) with { Body = "  " })).Field);
        var tooLong = await Refused(customerId, Request(CommunicationChannel.Sms) with { Body = new string('x', Outbox.SmsMaxLength + 1) });
        Assert.Equal(("Body", true), (tooLong.Field, tooLong.Message.Contains("919", StringComparison.Ordinal)));
        Assert.Equal("Channel", (await Refused(customerId, Request(CommunicationChannel.PhoneCall))).Field);
        Assert.Equal(0, await CountAsync(customerId));
        Assert.Equal(0, await CountAsync(noEmail));
    }

    [Fact]
    public async Task One_request_queues_one_message_and_roles_and_divisions_are_checked()
    {
        var customerId = await factory.NewCustomerAsync();
        var request = Request(CommunicationChannel.Email);
        using (Actors.As("messaging-clerk", Roles.Clerk))
        {
            var first = await factory.Service<MessageService>().SendToCustomerAsync(customerId, request);
            var again = await factory.Service<MessageService>().SendToCustomerAsync(customerId, request);
            Assert.Equal(first.Id, again.Id);
            Assert.Equal(1, await CountAsync(customerId));
            var timeline = await factory.Service<CommunicationService>().TimelineAsync(customerId, new());
            var entry = Assert.Single(timeline);
            Assert.Equal((CommunicationDirection.Outbound, CommunicationStatus.Queued, "Hello"), (entry.Communication.Direction, entry.Communication.Status, entry.Communication.Subject));
        }

        using (Actors.As("messaging-accountant", Roles.Accountant))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => factory.Service<MessageService>().SendToCustomerAsync(customerId, Request(CommunicationChannel.Email)));
            await Assert.ThrowsAsync<AccessDeniedException>(() => factory.Service<OutboxService>().ListAsync(new(), 0, 10));
        }

        using (Actors.AsLimitedTo([Clothing], "clothing-clerk", Roles.Clerk))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => factory.Service<MessageService>().SendToCustomerAsync(customerId,
                Request(CommunicationChannel.Email, CommunicationType.Marketing, Hardware)));
        }

        Assert.Equal(1, await CountAsync(customerId));
    }

    [Fact]
    public async Task A_typed_message_fills_in_placeholders_and_an_unknown_one_is_refused_by_name()
    {
        var customerId = await factory.NewCustomerAsync(d => d with { FirstName = "Nomvula" });
        using var clerk = Actors.As("messaging-clerk", Roles.Clerk);
        var sent = await factory.Service<MessageService>().SendToCustomerAsync(customerId,
            Request(CommunicationChannel.Sms) with { Body = "Hi {{FirstName}}, your order is ready." });
        Assert.Equal("Hi Nomvula, your order is ready.", sent.TextBody);

        var refused = await Refused(customerId, Request(CommunicationChannel.Email) with { Body = "Dear {{FirstNme}}" });
        Assert.Contains("FirstNme", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(customerId));
    }

    private static CustomerMessageRequest Request(CommunicationChannel channel, CommunicationType type = CommunicationType.Service, int? divisionId = null) =>
        new(Guid.NewGuid(), channel, type, "Hello", "Your order is ready for collection.", divisionId);

    private async Task<DomainException> Refused(int customerId, CustomerMessageRequest request) =>
        await Assert.ThrowsAsync<DomainException>(() => factory.Service<MessageService>().SendToCustomerAsync(customerId, request));

    private async Task SetConsentsAsync(int accountId, bool marketing, bool sms, bool email)
    {
        var accounts = factory.Service<DivisionAccountService>();
        var account = await accounts.GetAsync(accountId);
        await accounts.SetPreferencesAsync(accountId, account.Version,
            new AccountPreferencesInput(marketing, sms, email, "Signed form at till 3", new Dictionary<string, string>(), new Dictionary<string, string>()));
    }

    private async Task<int> CountAsync(int customerId)
    {
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        return await db.OutboxMessages.CountAsync(m => m.CustomerId == customerId);
    }

    private async Task<Communication> TimelineEntryAsync(OutboxMessage message)
    {
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        return await db.Communications.SingleAsync(c => c.Id == message.CommunicationId);
    }
}
