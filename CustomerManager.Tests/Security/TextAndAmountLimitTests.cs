using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Laybys;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Security;

/// <summary>
/// Issue 13 item 7: every length limit of the model holds in the domain (with the field and the limit in the message),
/// the database context refuses anything longer that slips past, and amounts are rounded before their range checks.
/// </summary>
public class TextAndAmountLimitTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly DateTime Now = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);

    private static Layby OpenWith(LaybyItemInput line) =>
        Layby.Open(1, 1, LaybyRulesTests.Policy(), [line], 100m, PaymentMethod.Cash, LaybyFrequency.Monthly, Today.AddDays(60), Today, Now, "c");

    [Fact]
    public void A_5000_character_sku_is_refused_with_the_limit()
    {
        var e = Assert.Throws<DomainException>(() => OpenWith(new LaybyItemInput("Coat", new string('S', 5000), 1, 500m)));
        Assert.Equal("The SKU on line 1 can be at most 50 characters (it has 5,000).", e.Message);
        Assert.Equal("Items", e.Field);
        Assert.Equal(new string('S', 50), OpenWith(new LaybyItemInput("Coat", new string('S', 50), 1, 500m)).Items[0].Sku);
    }

    [Theory]
    [InlineData("0.001")]
    [InlineData("0.004")]
    [InlineData("0")]
    [InlineData("-1")]
    public void A_unit_price_that_rounds_below_one_cent_says_the_price_must_be_at_least_0_01(string price)
    {
        var e = Assert.Throws<DomainException>(() => OpenWith(new LaybyItemInput("Coat", null, 1, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal("Line 1: the unit price must be at least 0.01.", e.Message);
    }

    [Fact]
    public void A_unit_price_of_half_a_cent_rounds_up_to_a_cent_and_is_taken()
    {
        var layby = Layby.Open(1, 1, LaybyRulesTests.Policy(new LaybyPolicyTerms(MinimumDepositPercent: 0m)),
            [new LaybyItemInput("Button", null, 100, 0.005m)], 0m, PaymentMethod.Cash, LaybyFrequency.Monthly, Today.AddDays(60), Today, Now, "c");
        Assert.Equal(0.01m, layby.Items[0].UnitPrice);
        Assert.Equal(1.00m, layby.Total - layby.Entries.Where(e => e.IsFee).Sum(e => e.Amount));
    }

    [Fact]
    public void A_cancellation_note_longer_than_its_column_is_refused()
    {
        var layby = LaybyRulesTests.Open();
        var e = Assert.Throws<DomainException>(() =>
            layby.Cancel(LaybyRulesTests.Policy(), CancellationReason.Other, new string('n', 201), PaymentMethod.Cash, Now, "m"));
        Assert.Equal("The note can be at most 200 characters (it has 201).", e.Message);
        Assert.Equal(LaybyStatus.Active, layby.Status);
    }

    [Fact]
    public void Credit_application_texts_name_the_field_and_its_limit()
    {
        var input = new CreditApplicationInput(1, 1, 1000m, 30, 5000m, 0m, 0m, 0m, EmployerContact: new string('x', 101));
        var e = Assert.Throws<DomainException>(() => CreditApplication.Submit(input, CreditPolicyTerms.Default, Now, "c", null));
        Assert.Equal("The employer contact can be at most 100 characters (it has 101).", e.Message);
        Assert.Equal("EmployerContact", e.Field);
    }

    [Fact]
    public async Task Account_sale_description_override_reason_and_payment_reference_are_limited_and_nothing_is_posted()
    {
        var accountId = await factory.CreditAccountAsync(4, 5000m);
        using var manager = Actors.As("limits-manager", Roles.CreditManager);
        var ledger = factory.Services.CreateScope().ServiceProvider.GetRequiredService<AccountLedgerService>();

        Assert.Equal("The description can be at most 200 characters (it has 5,000).", (await Assert.ThrowsAsync<DomainException>(() =>
            ledger.RecordSaleAsync(accountId, 10m, "INV-1", new string('d', 5000)))).Message);
        Assert.Equal("The override reason can be at most 200 characters (it has 201).", (await Assert.ThrowsAsync<DomainException>(() =>
            ledger.RecordSaleAsync(accountId, 10m, "INV-1", null, new string('o', 201)))).Message);
        Assert.Equal("The reference can be at most 100 characters (it has 40,000).", (await Assert.ThrowsAsync<DomainException>(() =>
            ledger.RecordPaymentAsync(accountId, 10m, PaymentMethod.Cash, new string('r', 40_000), Guid.NewGuid()))).Message);

        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        Assert.False(await db.AccountEntries.AnyAsync(e => e.DivisionAccountId == accountId));
    }

    [Fact]
    public async Task Text_longer_than_its_column_that_skips_the_domain_is_refused_by_the_database_context_and_not_saved()
    {
        using var admin = Actors.As("limits-admin", Roles.Admin);
        var customer = await factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person());
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var stored = await db.Customers.SingleAsync(c => c.Id == customer.Id);
        // Past the entity's own rules, as a careless import or a future code path might write it.
        ((DbContext)db).Entry(stored).Property(c => c.PostalCode).CurrentValue = new string('9', 21);

        var e = await Assert.ThrowsAsync<DomainException>(() => db.SaveChangesAsync());

        Assert.Equal("The postal code can be at most 20 characters (it has 21).", e.Message);
        await using var fresh = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        Assert.Equal(customer.PostalCode, (await fresh.Customers.SingleAsync(c => c.Id == customer.Id)).PostalCode);
    }

    [Fact]
    public void Every_text_field_of_the_app_declares_its_maximum_length()
    {
        // The browser then stops typing at the model's limit; a longer value sent anyway is refused by the domain.
        var components = Path.Combine(RepositoryRoot(), "CustomerManager.Web", "Components");
        var missing = Directory.EnumerateFiles(components, "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), @"<MudTextField\b(?:=>|[^>])*?(?<!=)>")
                .Where(m => !m.Value.Contains("MaxLength=", StringComparison.Ordinal))
                .Select(m => $"{Path.GetFileName(file)}: {m.Value[..Math.Min(80, m.Value.Length)]}"))
            .ToList();
        Assert.Empty(missing);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder!.FullName, "CustomerManager.sln")))
        {
            folder = folder.Parent;
        }

        return folder.FullName;
    }
}
