using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Users;
using CustomerManager.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CustomerManager.Tests.Customers.CustomerTestData;

namespace CustomerManager.Tests.Customers;

public class CustomerServiceTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static readonly CustomerQuery All = new() { Status = CustomerStatusFilter.All };

    private CustomerService Customers(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<CustomerService>();

    private async Task<Page<CustomerListItem>> SearchAsync(CustomerQuery query, int skip = 0, int take = 50)
    {
        using var scope = factory.Scope();
        return await Customers(scope).SearchAsync(query, skip, take);
    }

    private async Task<IReadOnlyList<int>> FindAsync(string text, CustomerQuery? query = null) =>
        (await SearchAsync((query ?? new CustomerQuery()) with { Text = text })).Items.Select(i => i.Id).ToList();

    private async Task<Customer> CreateAsync(CustomerDetails details, IReadOnlyCollection<int>? notDuplicateOf = null)
    {
        using var scope = factory.Scope();
        return await Customers(scope).CreateAsync(details, notDuplicateOf);
    }

    private async Task<Customer> ReloadAsync(int id)
    {
        using var scope = factory.Scope();
        return (await Customers(scope).GetProfileAsync(id)).Customer;
    }

    [Fact]
    public async Task Creating_a_customer_gives_the_next_UCST_number_and_stores_it_normalised()
    {
        using var actor = Actors.As("clerk-create", Roles.Clerk);
        var phone = Phone();
        var mailbox = Token();
        var first = await CreateAsync(Person() with { PrimaryPhone = phone.Insert(3, " ").Insert(7, " "), PrimaryEmail = $"  {mailbox.ToUpperInvariant()}@Example.COM " });
        var second = await CreateAsync(Person());

        Assert.Matches(@"^UCST-\d{6}$", first.CustomerNumber);
        Assert.Equal(NumberPart(first.CustomerNumber) + 1, NumberPart(second.CustomerNumber));
        var stored = await ReloadAsync(first.Id);
        Assert.Equal(first.CustomerNumber, stored.CustomerNumber);
        Assert.Equal(E164(phone), stored.PrimaryPhone);
        Assert.Equal($"{mailbox}@example.com", stored.PrimaryEmail);
        Assert.Equal("South Africa", stored.Country);
        Assert.Equal(("clerk-create", "clerk-create"), (stored.CreatedBy, stored.UpdatedBy));
    }

    [Fact]
    public async Task Twenty_concurrent_creates_get_twenty_consecutive_numbers_without_gaps()
    {
        using var actor = Actors.As("clerk-rush", Roles.Clerk);
        var inputs = Enumerable.Range(0, 20).Select(_ => Person()).ToList();

        var created = await Task.WhenAll(inputs.Select(details => Task.Run(async () =>
        {
            using var scope = factory.Scope();
            return await Customers(scope).CreateAsync(details);
        })));

        var numbers = created.Select(c => NumberPart(c.CustomerNumber)).ToList();
        Assert.Equal(20, numbers.Distinct().Count());
        Assert.Equal(20, numbers.Max() - numbers.Min() + 1);
        Assert.Equal(20, created.Select(c => c.Id).Distinct().Count());
        foreach (var customer in created)
        {
            Assert.Equal(customer.CustomerNumber, (await ReloadAsync(customer.Id)).CustomerNumber);
        }
    }

    [Fact]
    public async Task A_second_customer_with_the_same_email_is_refused_on_the_email_field_and_nothing_is_created()
    {
        using var actor = Actors.As("clerk-email", Roles.Clerk);
        var email = Token() + "@example.com";
        var existing = await CreateAsync(Person() with { PrimaryEmail = email });
        var second = Person() with { PrimaryEmail = "  " + email.ToUpperInvariant() };

        var refused = await Assert.ThrowsAsync<DomainException>(() => CreateAsync(second));

        Assert.Equal("PrimaryEmail", refused.Field);
        Assert.Contains(existing.CustomerNumber, refused.Message);
        Assert.Empty(await FindAsync(second.PrimaryPhone!, All));
        Assert.Equal([existing.Id], await FindAsync(email, All));
    }

    [Fact]
    public async Task A_second_customer_with_the_same_national_id_is_refused_on_that_field()
    {
        using var actor = Actors.As("clerk-id", Roles.Clerk);
        var nationalId = NationalId();
        var existing = await CreateAsync(Person() with { NationalId = nationalId });
        var second = Person() with { NationalId = nationalId[..4] + " " + nationalId[4..] };

        var refused = await Assert.ThrowsAsync<DomainException>(() => CreateAsync(second));

        Assert.Equal("NationalId", refused.Field);
        Assert.Contains(existing.CustomerNumber, refused.Message);
        Assert.Empty(await FindAsync(second.PrimaryEmail!, All));
    }

    [Fact]
    public async Task A_sign_in_already_linked_to_a_customer_cannot_be_linked_to_another()
    {
        string userId;
        using (var scope = factory.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            userId = (await users.FindByNameAsync("clerk"))!.Id;
        }

        using var actor = Actors.As("clerk-link", Roles.Clerk);
        var linked = await CreateAsync(Person() with { Type = CustomerType.User, LinkedUserId = userId });
        Assert.Equal(userId, (await ReloadAsync(linked.Id)).LinkedUserId);

        var refused = await Assert.ThrowsAsync<DomainException>(() => CreateAsync(Person() with { LinkedUserId = userId }));
        Assert.Equal("LinkedUserId", refused.Field);
        Assert.Contains(linked.CustomerNumber, refused.Message);

        var unknown = await Assert.ThrowsAsync<DomainException>(() => CreateAsync(Person() with { LinkedUserId = "no-such-user" }));
        Assert.Equal("LinkedUserId", unknown.Field);
    }

    [Fact]
    public async Task An_employee_already_linked_to_a_customer_cannot_be_linked_to_another()
    {
        int employeeId;
        using (var scope = factory.Scope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<ICustomerDbFactory>().OpenAsync();
            employeeId = await db.Employees.OrderByDescending(e => e.Id).Select(e => e.Id).FirstAsync();
        }

        using var actor = Actors.As("clerk-employee", Roles.Clerk);
        var linked = await CreateAsync(Person() with { Type = CustomerType.Employee, LinkedEmployeeId = employeeId });
        var refused = await Assert.ThrowsAsync<DomainException>(() => CreateAsync(Person() with { LinkedEmployeeId = employeeId }));
        Assert.Equal("LinkedEmployeeId", refused.Field);
        Assert.Contains(linked.CustomerNumber, refused.Message);
    }

    [Fact]
    public async Task A_likely_duplicate_is_refused_until_the_clerk_says_not_a_duplicate_and_that_is_remembered()
    {
        using var actor = Actors.As("clerk-dup", Roles.Clerk);
        var phone = Phone();
        var existing = await CreateAsync(Person() with { PrimaryPhone = phone });
        var details = Person() with { PrimaryPhone = "+27 " + phone[1..] };

        var likely = await Assert.ThrowsAsync<LikelyDuplicatesException>(() => CreateAsync(details));
        var candidate = Assert.Single(likely.Candidates);
        Assert.Equal((existing.Id, existing.CustomerNumber, existing.FullName, 100), (candidate.CustomerId, candidate.CustomerNumber, candidate.FullName, candidate.Score));
        Assert.Contains($"Same phone {E164(phone)}", candidate.Reasons);
        Assert.Contains(existing.CustomerNumber, likely.Message);
        Assert.Empty(await FindAsync(details.PrimaryEmail!, All));

        var created = await CreateAsync(details, [existing.Id]);
        Assert.Matches(@"^UCST-\d{6}$", created.CustomerNumber);
        using (var scope = factory.Scope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<ICustomerDbFactory>().OpenAsync();
            var (low, high) = existing.Id < created.Id ? (existing.Id, created.Id) : (created.Id, existing.Id);
            var dismissal = await db.DuplicateDismissals.SingleAsync(d => d.CustomerId == low && d.OtherCustomerId == high);
            Assert.Equal("clerk-dup", dismissal.DismissedBy);
        }

        var current = await ReloadAsync(created.Id);
        using (var scope = factory.Scope())
        {
            var updated = await Customers(scope).UpdateAsync(created.Id, current.Version, current.Details() with { City = "Soweto" });
            Assert.Equal("Soweto", updated.City);
        }
    }

    [Fact]
    public async Task Editing_a_customer_to_match_another_raises_the_duplicate_warning()
    {
        using var actor = Actors.As("clerk-edit-dup", Roles.Clerk);
        var first = await CreateAsync(Person());
        var second = await CreateAsync(Person());

        using var scope = factory.Scope();
        var likely = await Assert.ThrowsAsync<LikelyDuplicatesException>(() =>
            Customers(scope).UpdateAsync(second.Id, second.Version, second.Details() with { PrimaryPhone = first.PrimaryPhone }));
        Assert.Equal(first.Id, Assert.Single(likely.Candidates).CustomerId);
        Assert.NotEqual(first.PrimaryPhone, (await ReloadAsync(second.Id)).PrimaryPhone);

        var saved = await Customers(scope).UpdateAsync(second.Id, second.Version, second.Details() with { PrimaryPhone = first.PrimaryPhone }, [first.Id]);
        Assert.Equal(first.PrimaryPhone, saved.PrimaryPhone);
    }

    [Fact]
    public async Task Finding_duplicates_for_the_form_lists_candidates_without_saving()
    {
        using var actor = Actors.As("clerk-find-dup", Roles.Clerk);
        var token = Token();
        var existing = await CreateAsync(Person("John", "Ln" + token));

        using var scope = factory.Scope();
        var candidates = await Customers(scope).FindDuplicatesAsync(Person("Jon", "Ln" + token));
        var candidate = Assert.Single(candidates);
        Assert.Equal(existing.Id, candidate.CustomerId);
        Assert.InRange(candidate.Score, DuplicateScoring.Threshold, 99);
        Assert.Empty(await Customers(scope).FindDuplicatesAsync(Person("Peter", "Ln" + token)));
        Assert.Empty(await Customers(scope).FindDuplicatesAsync(existing.Details(), excludeId: existing.Id));
    }

    [Fact]
    public async Task Saving_over_someone_elses_change_is_refused_naming_who_changed_it()
    {
        Customer customer;
        using (Actors.As("clerk-first", Roles.Clerk))
        {
            customer = await CreateAsync(Person());
            using var scope = factory.Scope();
            await Customers(scope).UpdateAsync(customer.Id, customer.Version, customer.Details() with { City = "Durban" });
        }

        using (Actors.As("clerk-second", Roles.Clerk))
        {
            using var scope = factory.Scope();
            var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
                Customers(scope).UpdateAsync(customer.Id, customer.Version, customer.Details() with { City = "Cape Town" }));
            Assert.Contains("clerk-first", stale.Message);
            Assert.Contains(customer.CustomerNumber, stale.Message);
            Assert.Contains("Reload", stale.Message);
            Assert.Equal("Durban", (await ReloadAsync(customer.Id)).City);
        }
    }

    [Fact]
    public async Task Search_finds_a_customer_by_customer_number_in_any_case_and_without_leading_zeros()
    {
        using var actor = Actors.As("clerk-search-number", Roles.Clerk);
        var customer = await CreateAsync(Person());
        var number = NumberPart(customer.CustomerNumber);

        Assert.Equal([customer.Id], await FindAsync(customer.CustomerNumber));
        Assert.Equal([customer.Id], await FindAsync($"ucst-{number}"));
        Assert.Equal([customer.Id], await FindAsync($"UCST{number}"));
        Assert.Equal([customer.Id], await FindAsync($"  {customer.CustomerNumber.ToLowerInvariant()}  "));
    }

    [Fact]
    public async Task Search_finds_a_customer_by_phone_typed_with_spaces_and_a_leading_zero()
    {
        using var actor = Actors.As("clerk-search-phone", Roles.Clerk);
        var phone = Phone();
        var alternate = Phone();
        var customer = await CreateAsync(Person() with { PrimaryPhone = E164(phone), AlternatePhone = alternate });

        Assert.Equal([customer.Id], await FindAsync($"{phone[..3]} {phone[3..6]} {phone[6..]}"));
        Assert.Equal([customer.Id], await FindAsync("+27 " + phone[1..]));
        Assert.Equal([customer.Id], await FindAsync($"{alternate[..3]}-{alternate[3..]}"));
    }

    [Fact]
    public async Task Search_finds_a_customer_by_email_typed_in_upper_case()
    {
        using var actor = Actors.As("clerk-search-email", Roles.Clerk);
        var email = Token() + "@example.com";
        var customer = await CreateAsync(Person() with { PrimaryEmail = email });

        Assert.Equal([customer.Id], await FindAsync(email.ToUpperInvariant()));
        Assert.Equal([customer.Id], await FindAsync($"  {email}  "));
    }

    [Fact]
    public async Task Search_finds_a_customer_by_national_id_typed_with_spaces()
    {
        using var actor = Actors.As("clerk-search-id", Roles.Clerk);
        var nationalId = NationalId();
        var customer = await CreateAsync(Person() with { NationalId = nationalId });

        Assert.Equal([customer.Id], await FindAsync(nationalId));
        Assert.Equal([customer.Id], await FindAsync($"{nationalId[..6]} {nationalId[6..10]} {nationalId[10..]}"));
        var lettered = "ab" + NationalId()[2..];
        var withLetters = await CreateAsync(Person() with { NationalId = lettered });
        Assert.Equal([withLetters.Id], await FindAsync(lettered));
    }

    [Fact]
    public async Task Search_finds_customers_by_the_start_of_their_first_last_or_company_name()
    {
        using var actor = Actors.As("clerk-search-name", Roles.Clerk);
        var token = Token();
        var person = await CreateAsync(Person("Zoë" + token, "Van der Merwe" + token));
        var company = await CreateAsync(Company($"Ubuntu {token} Traders"));

        Assert.Equal([person.Id], await FindAsync("zoe" + token[..4]));
        Assert.Equal([person.Id], await FindAsync("ZOË" + token));
        Assert.Equal([person.Id], await FindAsync("van der merwe" + token[..3]));
        Assert.Equal([person.Id], await FindAsync($"Zoë{token} Van"));
        Assert.Equal([company.Id], await FindAsync($"ubuntu {token[..5]}"));
        Assert.Empty(await FindAsync("merwe" + token));
    }

    [Fact]
    public async Task Search_finds_a_customer_by_a_division_account_number()
    {
        using var actor = Actors.As("clerk-search-account", Roles.Clerk);
        var customer = await CreateAsync(Person());
        DivisionAccount account;
        using (var scope = factory.Scope())
        {
            var clothing = await DivisionIdAsync(scope.ServiceProvider, "CLO");
            account = await scope.ServiceProvider.GetRequiredService<DivisionAccountService>().OpenAsync(customer.Id, clothing);
        }

        Assert.Equal([customer.Id], await FindAsync(account.AccountNumber));
        Assert.Equal([customer.Id], await FindAsync($"clo-cust-{NumberPart(account.AccountNumber)}"));
        Assert.Empty(await FindAsync($"CLO-CUST-{NumberPart(account.AccountNumber) + 100_000}"));
    }

    [Fact]
    public async Task Search_filters_by_type_tag_and_division()
    {
        using var actor = Actors.As("clerk-filters", Roles.Clerk);
        var token = Token();
        var person = await CreateAsync(Person("Ff" + token, "Person") with { Tags = ["VIP-" + token] });
        var business = await CreateAsync(Company($"Ff{token} Holdings"));
        using (var scope = factory.Scope())
        {
            var hardware = await DivisionIdAsync(scope.ServiceProvider, "HRD");
            await scope.ServiceProvider.GetRequiredService<DivisionAccountService>().OpenAsync(business.Id, hardware);
        }

        var hardwareId = await DivisionIdAsync(factory.Services, "HRD");
        var groceryId = await DivisionIdAsync(factory.Services, "GRO");
        Assert.Equal(new[] { person.Id, business.Id }.Order(), (await FindAsync("ff" + token)).Order());
        Assert.Equal([business.Id], await FindAsync("ff" + token, new CustomerQuery { Type = CustomerType.Business }));
        Assert.Equal([person.Id], await FindAsync("ff" + token, new CustomerQuery { Type = CustomerType.Individual }));
        Assert.Equal([person.Id], await FindAsync("ff" + token, new CustomerQuery { Tag = " vip-" + token.ToUpperInvariant() }));
        Assert.Equal([person.Id], (await SearchAsync(new CustomerQuery { Tag = "vip-" + token })).Items.Select(i => i.Id));
        Assert.Equal([business.Id], await FindAsync("ff" + token, new CustomerQuery { DivisionId = hardwareId }));
        Assert.Empty(await FindAsync("ff" + token, new CustomerQuery { DivisionId = groceryId }));

        using var tagsScope = factory.Scope();
        Assert.Contains("vip-" + token, await Customers(tagsScope).TagsAsync());
    }

    [Fact]
    public async Task Search_filters_blacklisted_customers_and_hides_inactive_ones_by_default()
    {
        var token = Token();
        Customer listed, inactive, clean;
        using (Actors.As("clerk-status", Roles.Clerk))
        {
            listed = await CreateAsync(Person("Bl" + token, "Listed"));
            inactive = await CreateAsync(Person("Bl" + token, "Gone"));
            clean = await CreateAsync(Person("Bl" + token, "Clean"));
        }

        using (Actors.As("credit-status", Roles.CreditManager))
        {
            using var scope = factory.Scope();
            await Customers(scope).SetBlacklistAsync(listed.Id, listed.Version, true, "Fraudulent cheques");
            await Customers(scope).DeactivateAsync(inactive.Id, inactive.Version);
        }

        using var actor = Actors.As("clerk-status", Roles.Clerk);
        var blacklisted = (await ReloadAsync(listed.Id));
        Assert.Equal((true, "Fraudulent cheques"), (blacklisted.IsBlacklisted, blacklisted.BlacklistReason));
        Assert.Equal([listed.Id], await FindAsync("bl" + token, new CustomerQuery { Blacklisted = true }));
        Assert.Equal([clean.Id], await FindAsync("bl" + token, new CustomerQuery { Blacklisted = false }));
        Assert.Equal(2, (await FindAsync("bl" + token)).Count);
        Assert.DoesNotContain(inactive.Id, await FindAsync("bl" + token));
        Assert.Equal([inactive.Id], await FindAsync("bl" + token, new CustomerQuery { Status = CustomerStatusFilter.Inactive }));
        Assert.Equal(3, (await FindAsync("bl" + token, All)).Count);
        var item = (await SearchAsync(All with { Text = "bl" + token })).Items.Single(i => i.Id == inactive.Id);
        Assert.False(item.IsActive);
    }

    [Fact]
    public async Task A_deactivated_customer_can_be_restored_and_a_blacklist_cleared()
    {
        Customer customer;
        using (Actors.As("clerk-restore", Roles.Clerk))
        {
            customer = await CreateAsync(Person());
        }

        using var actor = Actors.As("credit-restore", Roles.CreditManager);
        using var scope = factory.Scope();
        await Customers(scope).DeactivateAsync(customer.Id, customer.Version);
        var deactivated = await ReloadAsync(customer.Id);
        Assert.False(deactivated.IsActive);
        await Assert.ThrowsAsync<DomainException>(() => Customers(scope).DeactivateAsync(customer.Id, deactivated.Version));

        await Customers(scope).RestoreAsync(customer.Id, deactivated.Version);
        var restored = await ReloadAsync(customer.Id);
        Assert.True(restored.IsActive);
        Assert.Equal([customer.Id], await FindAsync(customer.CustomerNumber));

        await Customers(scope).SetBlacklistAsync(customer.Id, restored.Version, true, "Abusive to staff");
        var blacklisted = await ReloadAsync(customer.Id);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Customers(scope).SetBlacklistAsync(customer.Id, restored.Version, false, null));
        await Customers(scope).SetBlacklistAsync(customer.Id, blacklisted.Version, false, null);
        Assert.False((await ReloadAsync(customer.Id)).IsBlacklisted);

        var noReason = await Assert.ThrowsAsync<DomainException>(() => Customers(scope).SetBlacklistAsync(customer.Id, blacklisted.Version + 1, true, " "));
        Assert.Equal("BlacklistReason", noReason.Field);
    }

    [Fact]
    public async Task Sorting_by_name_orders_the_list_alphabetically_both_ways()
    {
        using var actor = Actors.As("clerk-sort", Roles.Clerk);
        var token = Token();
        var charlie = await CreateAsync(Company($"So{token} Charlie"));
        var alpha = await CreateAsync(Company($"So{token} alpha"));
        var bravo = await CreateAsync(Company($"So{token} Bravo"));

        Assert.Equal([alpha.Id, bravo.Id, charlie.Id], await FindAsync("so" + token, new CustomerQuery { Sort = CustomerSort.Name }));
        Assert.Equal([charlie.Id, bravo.Id, alpha.Id], await FindAsync("so" + token, new CustomerQuery { Sort = CustomerSort.Name, Descending = true }));
        Assert.Equal([charlie.Id, alpha.Id, bravo.Id], await FindAsync("so" + token, new CustomerQuery { Sort = CustomerSort.Number }));
        Assert.Equal([charlie.Id, alpha.Id, bravo.Id], await FindAsync("so" + token, new CustomerQuery { Sort = CustomerSort.Created }));
    }

    [Fact]
    public async Task Paging_returns_one_page_and_the_count_of_all_matches()
    {
        using var actor = Actors.As("clerk-paging", Roles.Clerk);
        var token = Token();
        var created = new List<Customer>();
        foreach (var suffix in new[] { "a", "b", "c", "d", "e" })
        {
            created.Add(await CreateAsync(Company($"Pg{token} {suffix}")));
        }

        var query = new CustomerQuery { Text = "pg" + token };
        var first = await SearchAsync(query, skip: 0, take: 2);
        var last = await SearchAsync(query, skip: 4, take: 2);
        Assert.Equal(5, first.TotalCount);
        Assert.Equal(5, last.TotalCount);
        Assert.Equal(created.Take(2).Select(c => c.Id), first.Items.Select(i => i.Id));
        Assert.Equal([created[4].Id], last.Items.Select(i => i.Id));
        Assert.Empty((await SearchAsync(query, skip: 10, take: 2)).Items);
    }

    [Fact]
    public async Task An_accountant_can_search_but_cannot_create_or_edit()
    {
        Customer customer;
        using (Actors.As("clerk-for-accountant", Roles.Clerk))
        {
            customer = await CreateAsync(Person());
        }

        using var actor = Actors.As("accountant-x", Roles.Accountant);
        Assert.Equal([customer.Id], await FindAsync(customer.CustomerNumber));
        Assert.Equal(customer.CustomerNumber, (await ReloadAsync(customer.Id)).CustomerNumber);
        var details = Person();
        await Assert.ThrowsAsync<AccessDeniedException>(() => CreateAsync(details));
        using var scope = factory.Scope();
        await Assert.ThrowsAsync<AccessDeniedException>(() => Customers(scope).UpdateAsync(customer.Id, customer.Version, customer.Details() with { City = "Nope" }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Customers(scope).FindDuplicatesAsync(details));
        Assert.Empty(await FindAsync(details.PrimaryEmail!, All));
    }

    [Fact]
    public async Task Nobody_signed_in_cannot_search()
    {
        using var scope = factory.Scope();
        await Assert.ThrowsAsync<AccessDeniedException>(() => Customers(scope).SearchAsync(new CustomerQuery(), 0, 10));
    }

    [Theory]
    [InlineData(Roles.Clerk)]
    [InlineData(Roles.Accountant)]
    public async Task Only_credit_managers_and_admins_deactivate_restore_or_blacklist(string role)
    {
        Customer customer;
        using (Actors.As("clerk-owner", Roles.Clerk))
        {
            customer = await CreateAsync(Person());
        }

        using (Actors.As("not-supervisor", role))
        {
            using var scope = factory.Scope();
            await Assert.ThrowsAsync<AccessDeniedException>(() => Customers(scope).DeactivateAsync(customer.Id, customer.Version));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Customers(scope).RestoreAsync(customer.Id, customer.Version));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Customers(scope).SetBlacklistAsync(customer.Id, customer.Version, true, "Because"));
        }

        using (Actors.As("admin-supervisor", Roles.Admin))
        {
            using var scope = factory.Scope();
            await Customers(scope).SetBlacklistAsync(customer.Id, customer.Version, true, "Because");
            var current = await ReloadAsync(customer.Id);
            Assert.True(current.IsBlacklisted);
            Assert.True(current.IsActive);
            await Customers(scope).DeactivateAsync(customer.Id, current.Version);
            Assert.False((await ReloadAsync(customer.Id)).IsActive);
        }
    }

    [Fact]
    public async Task Changes_to_a_customer_are_in_its_history()
    {
        using var actor = Actors.As("clerk-history", Roles.Clerk);
        var customer = await CreateAsync(Person() with { Tags = ["history"] });
        using var scope = factory.Scope();
        await Customers(scope).UpdateAsync(customer.Id, customer.Version, customer.Details() with { City = "Polokwane" });

        var history = await Customers(scope).HistoryAsync(customer.Id);
        Assert.Contains(history, h => h.EntityType == nameof(Customer) && h.Changes.Any(c => c.Field == "City" && c.NewValue == "Polokwane"));
        Assert.Contains(history, h => h.EntityType == nameof(CustomerTag));
        Assert.All(history, h => Assert.Equal("clerk-history", h.UserName));
    }
}
