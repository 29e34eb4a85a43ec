using CustomerManager.Domain.Assignments;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Institutions;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CustomerManager.Tests.Customers.CustomerTestData;
using static CustomerManager.Tests.Privacy.PrivacyTestData;

namespace CustomerManager.Tests.Institutions;

public class AssignmentServiceTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    [Fact]
    public async Task Transfer_moves_exactly_the_chosen_assignments_and_keeps_the_history()
    {
        var clothing = await DivisionIdAsync(factory.Services, "CLO");
        var (leaving, colleague) = (await NewEmployeeAsync(factory, clothing), await NewEmployeeAsync(factory, clothing));
        using var actor = Actors.As("assign-manager", Roles.CreditManager);
        var customers = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            customers.Add((await In<CustomerService>(factory).CreateAsync(Person())).Id);
        }

        var service = In<AssignmentService>(factory);
        Assert.Equal(6, await service.AssignCustomersAsync(customers,
            [new AssignmentInput(leaving, AssignmentRole.AccountManager, Note: "Key account"), new AssignmentInput(colleague, AssignmentRole.Support)]));
        var institution = await In<InstitutionService>(factory).CreateAsync(InstitutionServiceTests.University());
        await service.AssignInstitutionAsync(institution.Id, [new AssignmentInput(leaving, AssignmentRole.RelationshipManager)]);
        var leavingRows = (await service.ForEmployeeAsync(leaving, new AssignmentFilter(), 0, 50)).Items;
        Assert.Equal(4, leavingRows.Count);
        var chosen = leavingRows.Where(r => r.TargetId == customers[0] && r.Target == AssignmentTarget.Customer || r.Target == AssignmentTarget.Institution)
            .Select(r => r.Id).ToList();

        Assert.Equal(2, await service.TransferAsync(leaving, colleague, chosen, TransferReason.Leave));
        var stillLeaving = (await service.ForEmployeeAsync(leaving, new AssignmentFilter(), 0, 50)).Items;
        Assert.Equal(customers.Skip(1).Order(), stillLeaving.Select(r => r.TargetId).Order());
        var history = (await service.ForEmployeeAsync(leaving, new AssignmentFilter(ActiveOnly: false), 0, 50)).Items;
        Assert.Equal(4, history.Count);
        Assert.All(history.Where(h => chosen.Contains(h.Id)), h => Assert.Equal((false, TransferReason.Leave), (h.IsActive, h.TransferReason)));
        var continued = (await service.ForCustomerAsync(customers[0])).Where(a => a.EmployeeId == colleague && a.Role == AssignmentRole.AccountManager).Single();
        Assert.True(continued.IsActive);
        Assert.Equal("Key account", continued.Note);
        Assert.Contains(continued.TransferredFromId, chosen.Cast<int?>());
        Assert.Equal(3, (await service.ForCustomerAsync(customers[0])).Count); // ended, continued, and the colleague's support
        Assert.Equal(colleague, (await service.ForInstitutionAsync(institution.Id, includeEnded: false)).Single().EmployeeId);

        // "All": the rest go; the colleague already supports them, so only the account manager roles continue.
        Assert.Equal(2, await service.TransferAsync(leaving, colleague, null, TransferReason.Resignation));
        Assert.Empty((await service.ForEmployeeAsync(leaving, new AssignmentFilter(), 0, 50)).Items);
        Assert.Equal(7, (await service.ForEmployeeAsync(colleague, new AssignmentFilter(), 0, 50)).TotalCount);
    }

    [Fact]
    public async Task Bad_assignments_and_transfers_are_refused_with_a_specific_message_and_change_nothing()
    {
        var clothing = await DivisionIdAsync(factory.Services, "CLO");
        var (active, other) = (await NewEmployeeAsync(factory, clothing), await NewEmployeeAsync(factory, clothing));
        var inactive = await NewEmployeeAsync(factory, clothing);
        await using (var db = await Db(factory))
        {
            var e = await db.Employees.SingleAsync(x => x.Id == inactive);
            e.Update(e.FirstName, e.LastName, e.DivisionId, e.JobTitle, null, isActive: false);
            await db.SaveChangesAsync();
        }

        using var actor = Actors.As("assign-manager2", Roles.CreditManager);
        var customer = (await In<CustomerService>(factory).CreateAsync(Person())).Id;
        var service = In<AssignmentService>(factory);
        var refusedInactive = await Assert.ThrowsAsync<DomainException>(() => service.AssignCustomersAsync([customer], [new AssignmentInput(active, AssignmentRole.Support), new AssignmentInput(inactive, AssignmentRole.Support)]));
        Assert.Contains("is inactive and cannot be assigned", refusedInactive.Message);
        var noRole = await Assert.ThrowsAsync<DomainException>(() => service.AssignCustomersAsync([customer], [new AssignmentInput(active, (AssignmentRole)42)]));
        Assert.StartsWith("There is no assignment role \"42\"", noRole.Message);
        Assert.Empty(await service.ForCustomerAsync(customer));

        await service.AssignCustomersAsync([customer], [new AssignmentInput(active, AssignmentRole.AccountManager)]);
        var twice = await Assert.ThrowsAsync<DomainException>(() => service.AssignCustomersAsync([customer], [new AssignmentInput(active, AssignmentRole.AccountManager)]));
        Assert.Contains("is already the account manager of", twice.Message);
        var same = await Assert.ThrowsAsync<DomainException>(() => service.TransferAsync(active, active, null, TransferReason.Rebalancing));
        Assert.StartsWith("Choose a different employee", same.Message);
        var toInactive = await Assert.ThrowsAsync<DomainException>(() => service.TransferAsync(active, inactive, null, TransferReason.Rebalancing));
        Assert.Contains("is inactive", toInactive.Message);
        var assignmentId = (await service.ForCustomerAsync(customer)).Single().Id;
        var notTheirs = await Assert.ThrowsAsync<DomainException>(() => service.TransferAsync(other, active, [assignmentId], TransferReason.Leave));
        Assert.StartsWith("Only ", notTheirs.Message);
        var assignment = Assert.Single(await service.ForCustomerAsync(customer));
        Assert.Equal((active, true), (assignment.EmployeeId, assignment.IsActive));
    }

    [Fact]
    public async Task Role_and_division_limits_hold_on_every_assignment_action()
    {
        var clothing = await DivisionIdAsync(factory.Services, "CLO");
        var hardware = await DivisionIdAsync(factory.Services, "HRD");
        var (clothier, hardwareMan) = (await NewEmployeeAsync(factory, clothing), await NewEmployeeAsync(factory, hardware));
        int customer;
        using (Actors.As("assign-clerk", Roles.Clerk))
        {
            customer = (await In<CustomerService>(factory).CreateAsync(Person())).Id;
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<AssignmentService>(factory).AssignCustomersAsync([customer], [new AssignmentInput(clothier, AssignmentRole.Support)]));
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<AssignmentService>(factory).TransferAsync(clothier, hardwareMan, null, TransferReason.Leave));
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<AssignmentService>(factory).WorkloadAsync(null, null));
            Assert.Empty(await In<AssignmentService>(factory).ForCustomerAsync(customer));
        }

        using (Actors.AsLimitedTo([clothing], "assign-clothing", Roles.CreditManager))
        {
            var service = In<AssignmentService>(factory);
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.AssignCustomersAsync([customer], [new AssignmentInput(hardwareMan, AssignmentRole.Support)]));
            await service.AssignCustomersAsync([customer], [new AssignmentInput(clothier, AssignmentRole.Support)]);
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.TransferAsync(clothier, hardwareMan, null, TransferReason.Leave));
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.ForEmployeeAsync(hardwareMan, new AssignmentFilter(), 0, 10));
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.WorkloadAsync(hardware, null));
            var workload = await service.WorkloadAsync(null, null);
            Assert.DoesNotContain(workload, w => w.EmployeeId == hardwareMan);
            Assert.Contains(workload, w => w.EmployeeId == clothier && w.RoleCount(AssignmentRole.Support) == 1);
            Assert.DoesNotContain(await service.EmployeesAsync(), e => e.Id == hardwareMan);
        }

        using (Actors.As("assign-accountant", Roles.Accountant))
        {
            var assignmentId = (await In<AssignmentService>(factory).ForCustomerAsync(customer)).Single().Id;
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<AssignmentService>(factory).EndAsync(assignmentId));
            Assert.Single(await In<AssignmentService>(factory).WorkloadAsync(null, AssignmentRole.Support), w => w.EmployeeId == clothier);
        }
    }

    [Fact]
    public async Task My_customers_and_the_workload_show_assigned_customers_with_their_overdue_balances()
    {
        var clothing = await DivisionIdAsync(factory.Services, "CLO");
        var userName = "assign-me-" + Token();
        var employee = await NewEmployeeAsync(factory, clothing);
        await LinkUserAsync(factory, userName, employee);

        factory.Clock.Set("2026-01-05");
        int owing, fine;
        using (Actors.As("assign-manager3", Roles.CreditManager))
        {
            owing = (await In<CustomerService>(factory).CreateAsync(Person("Aaron", "Owing" + Token()))).Id;
            fine = (await In<CustomerService>(factory).CreateAsync(Person("Betty", "Fine" + Token()))).Id;
            var accounts = In<Domain.Accounts.DivisionAccountService>(factory);
            var account = await accounts.OpenAsync(owing, clothing);
            await accounts.SetCreditTermsAsync(account.Id, account.Version, new Domain.Accounts.CreditTermsInput(Domain.Accounts.DivisionAccountStatus.Active, 1000m, 30, true, true, Domain.Accounts.LoyaltyTier.Bronze));
            await In<Domain.Accounts.AccountLedgerService>(factory).RecordSaleAsync(account.Id, 250m, "S-1", "Boots");
            await In<AssignmentService>(factory).AssignCustomersAsync([owing, fine], [new AssignmentInput(employee, AssignmentRole.CollectionsOfficer)]);
        }

        // Three tasks on the employee's sign-in: one past due by March, one not yet due, one done.
        await using (var db = await Db(factory))
        {
            var now = new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);
            var today = new DateOnly(2026, 1, 5);
            db.FollowUpTasks.Add(Domain.Tasks.FollowUpTask.Create(owing, new Domain.Tasks.TaskInput("Call back", null, new DateOnly(2026, 2, 1), userName), null, "t", now, today));
            db.FollowUpTasks.Add(Domain.Tasks.FollowUpTask.Create(fine, new Domain.Tasks.TaskInput("Visit", null, new DateOnly(2026, 4, 1), userName), null, "t", now, today));
            var done = Domain.Tasks.FollowUpTask.Create(fine, new Domain.Tasks.TaskInput("Sent", null, new DateOnly(2026, 1, 6), userName), null, "t", now, today);
            done.Complete("t", now);
            db.FollowUpTasks.Add(done);
            await db.SaveChangesAsync();
        }

        factory.Clock.Set("2026-03-01");
        using (Actors.As(userName, Roles.Clerk))
        {
            var mine = await In<AssignmentService>(factory).MyCustomersAsync(null, 0, 25);
            Assert.Equal([(owing, 250m, 250m), (fine, 0m, 0m)], mine.Items.Select(r => (r.CustomerId, r.Balance, r.Overdue)));
            Assert.Equal(employee, (await In<AssignmentService>(factory).MyEmployeeAsync())!.Id);
        }

        using (Actors.As("someone-unlinked", Roles.Clerk))
        {
            Assert.Equal(0, (await In<AssignmentService>(factory).MyCustomersAsync(null, 0, 25)).TotalCount);
        }

        using (Actors.As("assign-admin", Roles.Admin))
        {
            var row = (await In<AssignmentService>(factory).WorkloadAsync(clothing, null)).Single(w => w.EmployeeId == employee);
            Assert.Equal((2, 2, 1, 250m), (row.RoleCount(AssignmentRole.CollectionsOfficer), row.Customers, row.CustomersOverdue, row.OverdueAmount));
            Assert.Equal((userName, 2, 1), (row.UserName, row.OpenTasks, row.OverdueTasks));
            var drill = await In<AssignmentService>(factory).ForEmployeeAsync(employee, new AssignmentFilter(OverdueOnly: true), 0, 25);
            Assert.Equal([owing], drill.Items.Select(a => a.TargetId));
        }
    }
}
