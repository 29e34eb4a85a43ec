using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Messaging;
using CustomerManager.Domain.Organisation;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Messaging;

/// <summary>Bulk sends: consent applied, a preview that counts what the send then does, once per customer, cancellable, delivered.</summary>
[Collection(nameof(MessagingCollection))]
public class BulkMessageTests(MessagingAppFactory factory)
{
    [Fact]
    public async Task A_marketing_email_reaches_only_consenting_customers_once_each_as_the_preview_said()
    {
        int divisionId;
        using (Actors.As("messaging-admin", Roles.Admin))
        {
            divisionId = (await factory.Service<OrganisationService>().CreateDivisionAsync(new DivisionInput("Bulk sends", "BKX", DivisionType.Other))).Id;
        }

        var consenting = await CustomerInDivisionAsync(divisionId, "Ayanda", marketing: true, email: true);
        var marketingOnly = await CustomerInDivisionAsync(divisionId, "Bongani", marketing: true, email: false);
        var none = await CustomerInDivisionAsync(divisionId, "Cebo", marketing: false, email: false);
        var noAddress = await CustomerInDivisionAsync(divisionId, "Dumi", marketing: true, email: true, withEmail: false);
        var request = new BulkMessageRequest(Guid.NewGuid(), new BulkAudience(divisionId), CommunicationChannel.Email, CommunicationType.Marketing,
            "Winter sale, {{FirstName}}", "Dear {{FirstName}}, everything is 20% off this weekend.");

        using var accountant = Actors.As("messaging-accountant", Roles.Accountant);
        var preview = await factory.Service<BulkMessageService>().PreviewAsync(request);
        Assert.Equal((4, 1, 2, 1), (preview.Matching, preview.WillReceive, preview.NoConsent, preview.NoAddress));
        Assert.Equal("Winter sale, Ayanda", preview.Sample!.Subject);

        // Cancelled before the first chunk: nothing queued; the same request later sends what is missing, then nothing more.
        using (var cancel = new CancellationTokenSource())
        {
            // Cancel pressed as the send starts (the first progress report): it stops before the first chunk.
            var stopped = await factory.Service<BulkMessageService>().SendAsync(request, new CancelOnReport(cancel), cancel.Token);
            Assert.Equal((true, 0), (stopped.Cancelled, stopped.Queued));
        }

        var sent = await factory.Service<BulkMessageService>().SendAsync(request);
        var again = await factory.Service<BulkMessageService>().SendAsync(request);
        Assert.Equal((1, 2, 1, false), (sent.Queued, sent.NoConsent, sent.NoAddress, sent.Cancelled));
        Assert.Equal((0, 1), (again.Queued, again.AlreadyQueued));
        await using (var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync())
        {
            Assert.Equal([consenting], await db.OutboxMessages.Where(m => new[] { consenting, marketingOnly, none, noAddress }.Contains(m.CustomerId))
                .Select(m => m.CustomerId).ToListAsync());
        }

        await factory.DispatchAsync();
        var mail = factory.Smtp.Received.Single(m => m.Subject == "Winter sale, Ayanda");
        Assert.Contains("Dear Ayanda, everything is 20% off", mail.TextBody);

        Assert.Contains("FirstNam", (await Assert.ThrowsAsync<DomainException>(() => factory.Service<BulkMessageService>().PreviewAsync(
            request with { Body = "Dear {{FirstNam}}" }))).Message, StringComparison.Ordinal);
        using var clerk = Actors.As("messaging-clerk", Roles.Clerk);
        await Assert.ThrowsAsync<AccessDeniedException>(() => factory.Service<BulkMessageService>().PreviewAsync(request));
    }

    private async Task<int> CustomerInDivisionAsync(int divisionId, string firstName, bool marketing, bool email, bool withEmail = true)
    {
        var customerId = await factory.NewCustomerAsync(d => d with { FirstName = firstName, PrimaryEmail = withEmail ? d.PrimaryEmail : null });
        using var clerk = Actors.As("messaging-clerk", Roles.Clerk);
        var accounts = factory.Service<DivisionAccountService>();
        var account = await accounts.OpenAsync(customerId, divisionId);
        await accounts.SetPreferencesAsync(account.Id, account.Version, new AccountPreferencesInput(marketing, false, email, "Signed form",
            new Dictionary<string, string>(), new Dictionary<string, string>()));
        return customerId;
    }

    private sealed class CancelOnReport(CancellationTokenSource cancel) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value) => cancel.Cancel();
    }
}
