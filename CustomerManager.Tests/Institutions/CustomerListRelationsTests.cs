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

/// <summary>The customer list's institution, designation and assignee filters and columns, the form's membership, and bulk targets.</summary>
public class CustomerListRelationsTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    [Fact]
    public async Task The_list_filters_by_institution_designation_and_assignee_and_shows_them_on_each_row()
    {
        var clothing = await DivisionIdAsync(factory.Services, "CLO");
        var surname = "Rel" + Token();
        var userName = "list-me-" + Token();
        var (mine, other) = (await NewEmployeeAsync(factory, clothing), await NewEmployeeAsync(factory, clothing));
        await LinkUserAsync(factory, userName, mine);
        int student, lecturer, outsider;
        Institution university;
        using (Actors.As("list-manager", Roles.CreditManager))
        {
            university = await In<InstitutionService>(factory).CreateAsync(InstitutionServiceTests.University());
            student = (await In<CustomerService>(factory).CreateAsync(Person("Ann", surname))).Id;
            lecturer = (await In<CustomerService>(factory).CreateAsync(Person("Ben", surname))).Id;
            outsider = (await In<CustomerService>(factory).CreateAsync(Person("Cal", surname))).Id;
            await In<InstitutionService>(factory).AddMembersAsync(university.Id, [student], Designation.Student);
            await In<InstitutionService>(factory).AddMembersAsync(university.Id, [lecturer], Designation.Lecturer);
            await In<AssignmentService>(factory).AssignCustomersAsync([student, outsider], [new AssignmentInput(mine, AssignmentRole.AccountManager)]);
            await In<AssignmentService>(factory).AssignCustomersAsync([outsider], [new AssignmentInput(other, AssignmentRole.CollectionsOfficer)]);
        }

        using (Actors.As(userName, Roles.Clerk))
        {
            var customers = In<CustomerService>(factory);
            async Task<int[]> IdsAsync(CustomerQuery q) => [.. (await customers.ListAsync(q with { Text = surname }, 0, 25)).Items.Select(i => i.Id)];

            Assert.Equal([student, lecturer], await IdsAsync(new CustomerQuery { InstitutionId = university.Id }));
            Assert.Equal([lecturer], await IdsAsync(new CustomerQuery { InstitutionId = university.Id, Designation = Designation.Lecturer }));
            Assert.Equal([student, outsider], await IdsAsync(new CustomerQuery { AssignedToMe = true }));
            Assert.Equal([outsider], await IdsAsync(new CustomerQuery { AssigneeId = other }));
            Assert.Equal([student], await IdsAsync(new CustomerQuery { AssignedToMe = true, InstitutionId = university.Id }));

            var rows = (await customers.ListAsync(new CustomerQuery { Text = surname }, 0, 25)).Items.ToDictionary(i => i.Id);
            Assert.Equal((university.Code, (Designation?)Designation.Student), (rows[student].InstitutionCode, rows[student].Designation));
            Assert.Equal((null, (Designation?)null), (rows[outsider].InstitutionCode, rows[outsider].Designation));
            var names = await EmployeeNamesAsync(mine, other);
            Assert.Equal([names[mine]], rows[student].Assignees);
            Assert.Equal(new[] { names[mine], names[other] }.Order(), rows[outsider].Assignees.Order());
            Assert.Empty(rows[lecturer].Assignees);

            // The export reads the same filters and carries the institution.
            var exported = await customers.StreamAsync(new CustomerQuery { Text = surname, InstitutionId = university.Id }).ToListAsync();
            Assert.Equal([(student, university.Code, Designation.Student), (lecturer, university.Code, Designation.Lecturer)],
                exported.Select(e => (e.Id, e.InstitutionCode!, e.Designation!.Value)));
        }

        using (Actors.As("list-unlinked-" + Token(), Roles.Clerk))
        {
            // Someone who is no employee has nobody assigned to them: "assigned to me" matches nothing rather than everyone.
            Assert.Empty((await In<CustomerService>(factory).ListAsync(new CustomerQuery { Text = surname, AssignedToMe = true }, 0, 25)).Items);
        }
    }

    [Fact]
    public async Task Bulk_targets_are_every_match_and_refuse_more_than_the_limit()
    {
        var surname = "Bulk" + Token();
        using var actor = Actors.As("bulk-clerk", Roles.Clerk);
        var customers = In<CustomerService>(factory);
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await customers.CreateAsync(Person("P" + i, surname))).Id);
        }

        Assert.Equal(ids, await customers.MatchingIdsAsync(new CustomerQuery { Text = surname }, 3));
        var refused = await Assert.ThrowsAsync<DomainException>(() => customers.MatchingIdsAsync(new CustomerQuery { Text = surname }, 2));
        Assert.Contains("More than 2 customers match", refused.Message);

        using (Actors.As("bulk-accountant", Roles.Accountant))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<CustomerService>(factory).MatchingIdsAsync(new CustomerQuery { Text = surname }, 3));
        }
    }

    [Fact]
    public async Task The_customer_form_saves_the_membership_with_the_customer_and_a_refused_one_saves_neither()
    {
        using var actor = Actors.As("form-clerk", Roles.Clerk);
        Institution from, to;
        using (Actors.As("form-manager", Roles.CreditManager))
        {
            from = await In<InstitutionService>(factory).CreateAsync(InstitutionServiceTests.University());
            to = await In<InstitutionService>(factory).CreateAsync(InstitutionServiceTests.University());
        }

        var customers = In<CustomerService>(factory);
        var created = await customers.CreateAsync(Person(), membership: new MembershipChoice(from.Id, Designation.Nurse));
        Assert.Equal((from.Id, (Designation?)Designation.Nurse), (created.InstitutionId, created.Designation));

        var moved = await customers.UpdateAsync(created.Id, created.Version, created.Details(), membership: new MembershipChoice(to.Id, Designation.Doctor));
        var history = await In<InstitutionService>(factory).MembershipHistoryAsync(created.Id);
        Assert.Equal([(to.Code, (string?)null), (from.Code, $"Moved to {to.Code}")], history.Select(h => (h.InstitutionCode, h.EndReason)));

        // A designation is needed: refused on its field, and the new customer is not saved either.
        var details = Person("Nobody", "Saved" + Token());
        var refused = await Assert.ThrowsAsync<DomainException>(() => customers.CreateAsync(details, membership: new MembershipChoice(to.Id, null)));
        Assert.Equal(nameof(Designation), refused.Field);
        Assert.Empty((await customers.ListAsync(new CustomerQuery { Text = details.LastName }, 0, 5)).Items);

        // Saving the form with the membership unchanged writes no new history.
        var again = await customers.GetProfileAsync(created.Id);
        await customers.UpdateAsync(created.Id, again.Customer.Version, again.Customer.Details(), membership: new MembershipChoice(to.Id, Designation.Doctor));
        Assert.Equal(2, (await In<InstitutionService>(factory).MembershipHistoryAsync(created.Id)).Count);
        Assert.Equal(moved.Id, again.Customer.Id);
    }

    [Fact]
    public void The_new_filters_round_trip_through_the_url()
    {
        var query = new CustomerQuery { InstitutionId = 12, Designation = Designation.ViceChancellor, AssignedToMe = true };
        Assert.Equal("institution=12&designation=ViceChancellor&assigned=me", CustomerQueryString.Format(query));
        Assert.Equal(query, CustomerQueryString.Parse(CustomerQueryString.Format(query)));
        Assert.Equal(new CustomerQuery { AssigneeId = 7 }, CustomerQueryString.Parse("assigned=7"));
        Assert.Equal(new CustomerQuery(), CustomerQueryString.Parse("institution=x&designation=3&assigned=you"));
    }

    private async Task<Dictionary<int, string>> EmployeeNamesAsync(params int[] ids)
    {
        await using var db = await Db(factory);
        return await db.Employees.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.FirstName + " " + e.LastName);
    }
}
