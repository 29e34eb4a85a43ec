using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Customers;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Communications;

public class CommunicationServiceTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const int Clothing = 3;
    private const int Hardware = 4;

    [Fact]
    public async Task Calls_and_visits_are_logged_by_hand_and_the_timeline_filters_by_channel_direction_and_local_day()
    {
        var customerId = await NewCustomerAsync();
        var clock = factory.Services.GetRequiredService<BusinessTime>();
        var today = clock.Today;
        using var actor = Actors.As("contact-clerk", Roles.Clerk);
        // 23:30 local yesterday is yesterday, whatever the UTC date.
        var lateYesterday = clock.ToUtc(today.AddDays(-1), new TimeOnly(23, 30));
        await Service().LogAsync(customerId, new(CommunicationChannel.PhoneCall, CommunicationDirection.Outbound, CommunicationType.Collections,
            "Reminder", "Promised to pay on Friday.", lateYesterday));
        await Service().LogAsync(customerId, new(CommunicationChannel.Visit, CommunicationDirection.Inbound, CommunicationType.Complaint,
            null, "Came in about a late delivery."));

        var all = await Service().TimelineAsync(customerId, new());
        Assert.Equal([CommunicationChannel.Visit, CommunicationChannel.PhoneCall], all.Select(c => c.Communication.Channel));
        Assert.All(all, c => Assert.Equal(CommunicationStatus.Delivered, c.Communication.Status));
        Assert.Equal([CommunicationChannel.PhoneCall], (await Service().TimelineAsync(customerId, new(Channel: CommunicationChannel.PhoneCall))).Select(c => c.Communication.Channel));
        Assert.Equal([CommunicationChannel.Visit], (await Service().TimelineAsync(customerId, new(Direction: CommunicationDirection.Inbound))).Select(c => c.Communication.Channel));
        Assert.Equal([CommunicationChannel.PhoneCall], (await Service().TimelineAsync(customerId, new(From: today.AddDays(-1), To: today.AddDays(-1)))).Select(c => c.Communication.Channel));
        Assert.Equal("From", (await Assert.ThrowsAsync<DomainException>(() => Service().TimelineAsync(customerId, new(From: today, To: today.AddDays(-1))))).Field);
    }

    [Fact]
    public async Task Bad_contacts_are_refused_with_their_reason_and_change_nothing()
    {
        var customerId = await NewCustomerAsync();
        var other = await NewCustomerAsync();
        int othersAccount, hardwareAccount;
        using (Actors.As("contact-clerk", Roles.Clerk))
        {
            othersAccount = (await factory.Services.CreateScope().ServiceProvider.GetRequiredService<DivisionAccountService>().OpenAsync(other, Clothing)).Id;
            hardwareAccount = (await factory.Services.CreateScope().ServiceProvider.GetRequiredService<DivisionAccountService>().OpenAsync(customerId, Hardware)).Id;
            var now = factory.Services.GetRequiredService<BusinessTime>().UtcNow;
            Assert.Equal("Body", (await Assert.ThrowsAsync<DomainException>(() => Service().LogAsync(customerId,
                new(CommunicationChannel.PhoneCall, CommunicationDirection.Outbound, CommunicationType.General, null, "  ")))).Field);
            Assert.Equal("OccurredAt", (await Assert.ThrowsAsync<DomainException>(() => Service().LogAsync(customerId,
                new(CommunicationChannel.PhoneCall, CommunicationDirection.Outbound, CommunicationType.General, null, "Later", now.AddHours(2))))).Field);
            Assert.Equal("Account", (await Assert.ThrowsAsync<DomainException>(() => Service().LogAsync(customerId,
                new(CommunicationChannel.Letter, CommunicationDirection.Outbound, CommunicationType.Statement, null, "Sent", DivisionAccountId: othersAccount)))).Field);
            await Assert.ThrowsAsync<NotFoundException>(() => Service().LogAsync(999_999,
                new(CommunicationChannel.Visit, CommunicationDirection.Inbound, CommunicationType.General, null, "Nobody")));
        }

        using (Actors.AsLimitedTo([Clothing], "clothing-clerk", Roles.Clerk))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service().LogAsync(customerId,
                new(CommunicationChannel.PhoneCall, CommunicationDirection.Outbound, CommunicationType.Collections, null, "Hardware account", DivisionAccountId: hardwareAccount)));
        }

        using (Actors.As("contact-accountant", Roles.Accountant))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service().LogAsync(customerId,
                new(CommunicationChannel.PhoneCall, CommunicationDirection.Outbound, CommunicationType.General, null, "Accountant")));
            Assert.Empty(await Service().TimelineAsync(customerId, new()));
        }
    }

    private async Task<int> NewCustomerAsync()
    {
        using var actor = Actors.As("contact-clerk", Roles.Clerk);
        return (await factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person())).Id;
    }

    private CommunicationService Service() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<CommunicationService>();
}
