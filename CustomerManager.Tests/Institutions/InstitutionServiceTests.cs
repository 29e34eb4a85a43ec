using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Assignments;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Institutions;
using CustomerManager.Domain.Laybys;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CustomerManager.Tests.Customers.CustomerTestData;
using static CustomerManager.Tests.Privacy.PrivacyTestData;

namespace CustomerManager.Tests.Institutions;

public class InstitutionServiceTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    internal static InstitutionInput University(string? code = null) => new()
    {
        Name = "University of " + Token(),
        Code = code ?? "U" + Token()[..7].ToUpperInvariant(),
        Type = InstitutionType.University,
        Category = "Public",
        City = "Cape Town",
    };

    [Fact]
    public async Task Rollup_adds_up_the_members_accounts_laybys_and_payments_as_computed_by_hand()
    {
        var clothing = await DivisionIdAsync(factory.Services, "CLO");
        factory.Clock.Set("2026-03-10");
        Institution institution;
        int a, b, c, outsider;
        using (Actors.As("rollup-manager", Roles.CreditManager))
        {
            institution = await In<InstitutionService>(factory).CreateAsync(University());
            a = (await In<CustomerService>(factory).CreateAsync(Person())).Id;
            b = (await In<CustomerService>(factory).CreateAsync(Person())).Id;
            c = (await In<CustomerService>(factory).CreateAsync(Person())).Id;
            outsider = (await In<CustomerService>(factory).CreateAsync(Person())).Id;
            await In<InstitutionService>(factory).AddMembersAsync(institution.Id, [a, b], Designation.Student);
            await In<InstitutionService>(factory).AddMembersAsync(institution.Id, [c], Designation.Lecturer);
            var version = (await In<CustomerService>(factory).GetProfileAsync(c)).Customer.Version;
            await In<CustomerService>(factory).DeactivateAsync(c, version);

            // A: limit 5,000; a sale of 1,000 on 10 March (due 9 April), 300 paid the same day.
            var accountA = await factory.OpenCreditAccountAsync(a, clothing, 5000m);
            await In<AccountLedgerService>(factory).RecordSaleAsync(accountA, 1000m, "S-A", "Suit");
            await In<AccountLedgerService>(factory).RecordPaymentAsync(accountA, 300m, PaymentMethod.Cash, null, Guid.NewGuid());
            // The outsider owes and pays too, and must count nowhere.
            var accountD = await factory.OpenCreditAccountAsync(outsider, clothing, 9000m);
            await In<AccountLedgerService>(factory).RecordSaleAsync(accountD, 4000m, "S-D", "Sofa");
            await In<AccountLedgerService>(factory).RecordPaymentAsync(accountD, 50m, PaymentMethod.Cash, null, Guid.NewGuid());
        }

        factory.Clock.Set("2026-05-15");
        using (Actors.As("rollup-manager", Roles.CreditManager))
        {
            // B: limit 2,000; a sale of 400 today (not due yet); a layby of 1,000 with 200 deposit.
            var accountB = await factory.OpenCreditAccountAsync(b, clothing, 2000m);
            await In<AccountLedgerService>(factory).RecordSaleAsync(accountB, 400m, "S-B", "Shoes");
            await In<LaybyService>(factory).OpenAsync(new OpenLaybyInput(b, clothing, [new LaybyItemInput("Coat", null, 1, 1000m)],
                200m, PaymentMethod.Cash, LaybyFrequency.Monthly, new DateOnly(2026, 7, 31), Guid.NewGuid()));
        }

        using var reader = Actors.As("rollup-accountant", Roles.Accountant);
        var rollup = await In<InstitutionService>(factory).RollupAsync(institution.Id);
        Assert.Equal(3, rollup.Members);
        Assert.Equal(2, rollup.ActiveMembers);
        Assert.Equal([new DesignationCount(Designation.Student, 2, 2), new DesignationCount(Designation.Lecturer, 1, 0)], rollup.ByDesignation);
        Assert.Equal(700m + 400m, rollup.Exposure);
        Assert.Equal(700m, rollup.Overdue);
        Assert.Equal(1, rollup.MembersOverdue);
        Assert.Equal(1, rollup.OpenLaybys);
        var layby = await OpenLaybyBalanceAsync(b);
        Assert.Equal(layby, rollup.OpenLaybyBalance);
        Assert.Equal(7000m, rollup.CreditLimits);
        Assert.Equal(1100m, rollup.CreditUsed);
        Assert.Equal(0.1571m, rollup.Utilisation);
        Assert.Equal(12, rollup.RevenueByMonth.Count);
        Assert.Equal(new MonthRevenue(new DateOnly(2026, 3, 1), 300m, 0m), rollup.RevenueByMonth.Single(m => m.Month == new DateOnly(2026, 3, 1)));
        Assert.Equal(new MonthRevenue(new DateOnly(2026, 5, 1), 0m, 200m), rollup.RevenueByMonth.Single(m => m.Month == new DateOnly(2026, 5, 1)));
        Assert.Equal(500m, rollup.RevenueByMonth.Sum(m => m.Total));

        // A reader limited to another division sees the members but none of the money.
        using var limited = Actors.AsLimitedTo([await DivisionIdAsync(factory.Services, "HRD")], "rollup-hardware", Roles.Accountant);
        var hardware = await In<InstitutionService>(factory).RollupAsync(institution.Id);
        Assert.Equal(3, hardware.Members);
        Assert.Equal((0m, 0m, 0, 0m), (hardware.Exposure, hardware.CreditLimits, hardware.OpenLaybys, hardware.RevenueByMonth.Sum(m => m.Total)));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_specific_message_and_changes_nothing()
    {
        using var actor = Actors.As("inst-manager", Roles.CreditManager);
        var service = In<InstitutionService>(factory);
        var first = await service.CreateAsync(University());
        var duplicate = await Assert.ThrowsAsync<DomainException>(() => service.CreateAsync(University(first.Code.ToLowerInvariant())));
        Assert.Equal($"The code {first.Code} is already used by {first.Name}.", duplicate.Message);
        Assert.Equal("Code", duplicate.Field);

        var second = await service.CreateAsync(University());
        var member = (await In<CustomerService>(factory).CreateAsync(Person())).Id;
        var other = (await In<CustomerService>(factory).CreateAsync(Person())).Id;
        await service.AddMembersAsync(first.Id, [member], Designation.Student);
        var twice = await Assert.ThrowsAsync<DomainException>(() => service.AddMembersAsync(first.Id, [other, member], Designation.Staff));
        Assert.Contains($"is already a member of {first.Code}", twice.Message);
        var elsewhere = await Assert.ThrowsAsync<DomainException>(() => service.AddMembersAsync(second.Id, [other, member], Designation.Staff));
        Assert.Contains($"already belongs to {first.Code}", elsewhere.Message);
        Assert.Equal(0, (await service.GetAsync(second.Id)).Members);
        Assert.Equal(1, (await service.GetAsync(first.Id)).Members);

        var withMembers = await Assert.ThrowsAsync<DomainException>(() => service.DeleteAsync(first.Id));
        Assert.Equal($"{first.Code} has 1 member(s) and cannot be deleted; deactivate it instead.", withMembers.Message);
        await service.SetActiveAsync(first.Id, (await service.GetAsync(first.Id)).Institution.Version, active: false);
        var inactive = await Assert.ThrowsAsync<DomainException>(() => service.AddMembersAsync(first.Id, [other], Designation.Staff));
        Assert.Contains("inactive", inactive.Message);

        var unused = await service.CreateAsync(University());
        await service.DeleteAsync(unused.Id);
        await Assert.ThrowsAsync<NotFoundException>(() => service.GetAsync(unused.Id));
        var person = await Assert.ThrowsAsync<DomainException>(() => service.CreateAsync(University() with { BillingCustomerId = member }));
        Assert.Contains("choose a business, government or NGO customer", person.Message);
    }

    [Fact]
    public async Task Moving_a_member_keeps_the_history_and_the_members_grid_filters_by_designation_and_status()
    {
        using var actor = Actors.As("inst-clerk-mgr", Roles.CreditManager);
        var service = In<InstitutionService>(factory);
        var from = await service.CreateAsync(University());
        var to = await service.CreateAsync(University());
        var customer = (await In<CustomerService>(factory).CreateAsync(Person())).Id;
        var teacher = (await In<CustomerService>(factory).CreateAsync(Person())).Id;
        await service.AddMembersAsync(from.Id, [customer], Designation.Student);
        await service.AddMembersAsync(to.Id, [teacher], Designation.Teacher);

        using (Actors.As("inst-clerk", Roles.Clerk))
        {
            await In<InstitutionService>(factory).SetMembershipAsync(customer, from.Id, Designation.Staff);
            await In<InstitutionService>(factory).AddMembersAsync(to.Id, [customer], Designation.Lecturer, moveFromOtherInstitution: true);
        }

        var history = await service.MembershipHistoryAsync(customer);
        Assert.Equal([(to.Code, Designation.Lecturer, (string?)null), (from.Code, Designation.Staff, $"Moved to {to.Code}"),
            (from.Code, Designation.Student, "Designation changed to Staff")], history.Select(h => (h.InstitutionCode, h.Designation, h.EndReason)));
        Assert.Equal(0, (await service.GetAsync(from.Id)).Members);
        var lecturers = await service.MembersAsync(to.Id, new MemberQuery(Designation.Lecturer), 0, 25);
        Assert.Equal([customer], lecturers.Items.Select(m => m.CustomerId));
        Assert.Equal(2, (await service.MembersAsync(to.Id, new MemberQuery(), 0, 25)).TotalCount);

        await service.RemoveMemberAsync(to.Id, teacher);
        Assert.Empty((await service.MembersAsync(to.Id, new MemberQuery(Designation.Teacher, MemberStatusFilter.All), 0, 25)).Items);
        Assert.Equal("Removed", (await service.MembershipHistoryAsync(teacher)).Single().EndReason);
    }

    [Fact]
    public async Task Only_credit_managers_and_admins_write_institutions_clerks_set_members_accountants_only_read()
    {
        Institution institution;
        using (Actors.As("inst-admin", Roles.Admin))
        {
            institution = await In<InstitutionService>(factory).CreateAsync(University());
        }

        var customer = await NewPersonAsync();
        using (Actors.As("inst-clerk2", Roles.Clerk))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<InstitutionService>(factory).CreateAsync(University()));
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<InstitutionService>(factory).DeleteAsync(institution.Id));
            await In<InstitutionService>(factory).AddMembersAsync(institution.Id, [customer], Designation.Nurse);
        }

        using (Actors.As("inst-accountant", Roles.Accountant))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<InstitutionService>(factory).UpdateAsync(institution.Id, institution.Version, University()));
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<InstitutionService>(factory).RemoveMemberAsync(institution.Id, customer));
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<InstitutionService>(factory).SetMembershipAsync(customer, null, null));
            Assert.Equal(1, (await In<InstitutionService>(factory).ListAsync(new InstitutionQuery(institution.Code), 0, 10)).Items.Single().Members);
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => In<InstitutionService>(factory).ListAsync(new InstitutionQuery(), 0, 10));
    }

    [Fact]
    public async Task A_merge_keeps_the_duplicates_membership_and_assignments_and_an_undo_gives_them_back()
    {
        var clothing = await DivisionIdAsync(factory.Services, "CLO");
        var employee = await NewEmployeeAsync(factory, clothing);
        using var actor = Actors.As("inst-merger", Roles.CreditManager);
        var service = In<InstitutionService>(factory);
        var kept = await service.CreateAsync(University());
        var lost = await service.CreateAsync(University());
        var survivor = await NewPersonAsync();
        var duplicate = await NewPersonAsync();
        var third = await NewPersonAsync();
        await service.AddMembersAsync(kept.Id, [duplicate], Designation.Doctor);
        await In<AssignmentService>(factory).AssignCustomersAsync([duplicate], [new AssignmentInput(employee, AssignmentRole.CollectionsOfficer)]);
        var merges = In<CustomerMergeService>(factory);

        var mergeId = await merges.MergeAsync(survivor, duplicate, []);
        Assert.Equal(kept.Id, (await In<CustomerService>(factory).GetProfileAsync(survivor)).Customer.InstitutionId);
        Assert.Equal(Designation.Doctor, (await In<CustomerService>(factory).GetProfileAsync(survivor)).Customer.Designation);
        Assert.Equal([(kept.Code, (string?)null)], (await service.MembershipHistoryAsync(survivor)).Select(h => (h.InstitutionCode, h.EndReason)));
        Assert.Equal([employee], (await In<AssignmentService>(factory).ForCustomerAsync(survivor)).Select(a => a.EmployeeId));

        await merges.UndoAsync(mergeId);
        Assert.Null((await In<CustomerService>(factory).GetProfileAsync(survivor)).Customer.InstitutionId);
        Assert.Equal(kept.Id, (await In<CustomerService>(factory).GetProfileAsync(duplicate)).Customer.InstitutionId);
        Assert.Empty(await In<AssignmentService>(factory).ForCustomerAsync(survivor));
        Assert.Single(await In<AssignmentService>(factory).ForCustomerAsync(duplicate));

        // Both members: the survivor keeps its own; the duplicate's ends "merged into", and comes back on undo.
        await service.AddMembersAsync(lost.Id, [third], Designation.Manager);
        var both = await merges.MergeAsync(third, duplicate, []);
        Assert.Equal(lost.Id, (await In<CustomerService>(factory).GetProfileAsync(third)).Customer.InstitutionId);
        Assert.Equal(0, (await service.GetAsync(kept.Id)).Members);
        var history = await service.MembershipHistoryAsync(third);
        Assert.Equal($"Merged into {(await In<CustomerService>(factory).GetProfileAsync(third)).Customer.CustomerNumber}",
            history.Single(h => h.InstitutionId == kept.Id).EndReason);
        await merges.UndoAsync(both);
        Assert.Equal(kept.Id, (await In<CustomerService>(factory).GetProfileAsync(duplicate)).Customer.InstitutionId);
        Assert.Null((await service.MembershipHistoryAsync(duplicate)).Single().EndReason);
        Assert.Equal(lost.Id, (await In<CustomerService>(factory).GetProfileAsync(third)).Customer.InstitutionId);
    }

    private async Task<int> NewPersonAsync()
    {
        using var actor = Actors.As("inst-clerk", Roles.Clerk);
        return (await In<CustomerService>(factory).CreateAsync(Person())).Id;
    }

    private async Task<decimal> OpenLaybyBalanceAsync(int customerId)
    {
        await using var db = await Db(factory);
        var balance = await db.Laybys.Where(l => l.CustomerId == customerId).Select(l => l.Balance).SingleAsync();
        Assert.True(balance >= 800m, "the layby owes the goods less the deposit, plus any fees");
        return balance;
    }
}
