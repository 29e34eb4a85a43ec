using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Institutions;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using static CustomerManager.Tests.Customers.CustomerTestData;
using static CustomerManager.Tests.Privacy.PrivacyTestData;

namespace CustomerManager.Tests.Institutions;

public class InstitutionTimelineTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    [Fact]
    public async Task The_institution_timeline_holds_its_members_and_billing_customers_contacts_and_no_one_elses()
    {
        using var actor = Actors.As("timeline-manager", Roles.CreditManager);
        var customers = In<CustomerService>(factory);
        var (member, billing, outsider) = ((await customers.CreateAsync(Person())).Id, (await customers.CreateAsync(Company())).Id, (await customers.CreateAsync(Person())).Id);
        var school = await In<InstitutionService>(factory).CreateAsync(InstitutionServiceTests.University() with { Type = InstitutionType.School, BillingCustomerId = billing });
        await In<InstitutionService>(factory).AddMembersAsync(school.Id, [member], Designation.Teacher);

        var log = In<CommunicationService>(factory);
        await log.LogAsync(member, new CommunicationInput(CommunicationChannel.PhoneCall, CommunicationDirection.Inbound, CommunicationType.General, "Asked about fees", "Fees for next term.",
            new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc)));
        await log.LogAsync(billing, new CommunicationInput(CommunicationChannel.Visit, CommunicationDirection.Outbound, CommunicationType.Service, "Bursar meeting", "Went through the statement.",
            new DateTime(2026, 3, 5, 9, 0, 0, DateTimeKind.Utc)));
        await log.LogAsync(outsider, new CommunicationInput(CommunicationChannel.PhoneCall, CommunicationDirection.Inbound, CommunicationType.General, "Not theirs", "Someone else entirely.",
            new DateTime(2026, 3, 4, 9, 0, 0, DateTimeKind.Utc)));

        var all = await log.InstitutionTimelineAsync(school.Id, new CommunicationFilter());
        Assert.Equal(["Bursar meeting", "Asked about fees"], all.Select(v => v.Communication.Subject));
        Assert.Equal([billing, member], all.Select(v => v.Communication.CustomerId));
        Assert.All(all, v => Assert.NotNull(v.CustomerNumber));
        var calls = await log.InstitutionTimelineAsync(school.Id, new CommunicationFilter(Channel: CommunicationChannel.PhoneCall));
        Assert.Equal(["Asked about fees"], calls.Select(v => v.Communication.Subject));
        await Assert.ThrowsAsync<NotFoundException>(() => log.InstitutionTimelineAsync(-5, new CommunicationFilter()));
    }
}
