using CustomerManager.Domain.Common;
using CustomerManager.Domain.Search;
using CustomerManager.Tests.Support;

namespace CustomerManager.Tests.Search;

/// <summary>Issue 12: a number typed in a search box opens its record, within the user's role and divisions.</summary>
public class RecordLookupTests(SearchWorld world) : IClassFixture<SearchWorld>
{
    private Task<RecordLookup?> FindAsync(string text) => world.Service<RecordLookupService>().FindAsync(text);

    private async Task<string?> TargetAsync(string text)
    {
        var found = await FindAsync(text);
        Assert.NotNull(found);
        return found.Target;
    }

    public static TheoryData<bool> ExactAndLoose => [false, true];

    [Theory]
    [MemberData(nameof(ExactAndLoose))]
    public async Task Every_kind_of_number_opens_its_record(bool loose)
    {
        using var actor = Actors.As("search-credit-manager", Roles.CreditManager);
        string Typed(string number) => loose ? SearchWorld.Loose(number) : number;
        var (david, laybys, accounts) = (world.David, world.Laybys, world.Accounts);

        Assert.Equal($"laybys/{laybys.Clothing.Id}", await TargetAsync(Typed(laybys.Clothing.LaybyNumber)));
        Assert.Equal($"laybys/{laybys.Hardware.Id}", await TargetAsync(Typed(world.LaybyReceipts.Hardware)));
        Assert.Equal($"customers/{david.Id}?account={accounts.Clothing.Id}&tab=ledger", await TargetAsync(Typed(world.AccountReceipts.Clothing)));
        Assert.Equal($"customers/{david.Id}", await TargetAsync(Typed(accounts.Hardware.AccountNumber)));
        Assert.Equal($"customers/{david.Id}", await TargetAsync(Typed(david.CustomerNumber)));
        var statement = await FindAsync(Typed(world.Statements.Clothing));
        Assert.Equal((RecordKind.Statement, $"statements/{world.Statements.Clothing}.pdf", true),
            (statement!.Number.Kind, statement.Target, statement.IsDocument));
    }

    [Fact]
    public async Task Unknown_numbers_find_nothing_and_say_so_and_other_text_is_left_to_the_customer_search()
    {
        using var actor = Actors.As("search-admin-unknown", Roles.Admin);

        Assert.Equal("No layby LAY-CLO-000999.", (await FindAsync("lay clo 999"))!.Message);
        Assert.Equal("No receipt RCT-HRD-999999.", (await FindAsync("RCT-HRD-999999"))!.Message);
        Assert.Equal("No statement STM-CLO-190001-000001.", (await FindAsync("STM-CLO-190001-000001"))!.Message);
        Assert.Equal("No account CLO-CUST-999999.", (await FindAsync("CLO-CUST-999999"))!.Message);
        Assert.Equal("No customer UCST-999999.", (await FindAsync("ucst-999999"))!.Message);
        Assert.False((await FindAsync("LAY-XYZ-000001"))!.Found);
        Assert.Null(await FindAsync("Khumalo"));
        Assert.Null(await FindAsync("073 100 0046"));
    }

    [Fact]
    public async Task A_user_limited_to_Clothing_gets_no_Hardware_layby_receipt_account_or_statement_but_gets_Clothings()
    {
        using var actor = Actors.AsLimitedTo([SearchWorld.Clothing], "search-clothing-manager", Roles.CreditManager);

        foreach (var number in new[]
                 {
                     world.Laybys.Hardware.LaybyNumber, world.LaybyReceipts.Hardware, world.AccountReceipts.Hardware,
                     world.Accounts.Hardware.AccountNumber, world.Statements.Hardware,
                 })
        {
            var found = await FindAsync(number);
            Assert.False(found!.Found, $"{number} is Hardware's");
            Assert.Equal($"No {found.Number.KindName} {number} in your divisions.", found.Message);
        }

        Assert.Equal($"laybys/{world.Laybys.Clothing.Id}", await TargetAsync(world.LaybyReceipts.Clothing));
        Assert.Equal($"statements/{world.Statements.Clothing}.pdf", await TargetAsync(world.Statements.Clothing));
        // The customer is the group's: a limited user opens the profile (which leaves out the other division).
        Assert.Equal($"customers/{world.David.Id}", await TargetAsync(world.David.CustomerNumber));
    }

    [Fact]
    public async Task A_statement_number_is_not_found_for_clerks_and_opens_the_PDF_for_accountants()
    {
        using (Actors.As("search-clerk", Roles.Clerk))
        {
            var found = await FindAsync(world.Statements.Clothing);
            Assert.Equal((false, $"No statement {world.Statements.Clothing}."), (found!.Found, found.Message));
            Assert.Equal($"laybys/{world.Laybys.Clothing.Id}", await TargetAsync(world.Laybys.Clothing.LaybyNumber));
        }

        using (Actors.As("search-accountant", Roles.Accountant))
        {
            Assert.Equal($"statements/{world.Statements.Clothing}.pdf", await TargetAsync(SearchWorld.Loose(world.Statements.Clothing)));
        }
    }
}
