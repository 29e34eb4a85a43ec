using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Statements;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Search;

/// <summary>
/// David Khumalo (phone 073 100 0046) with a Clothing and a Hardware account, a layby in each (deposit receipts), an
/// account payment receipt in each and last month's statement of each; and Thandi Dlamini with a Clothing layby.
/// </summary>
public sealed class SearchWorld : AppFactory, IAsyncLifetime
{
    public const int Clothing = 3;
    public const int Hardware = 4;
    public const string DavidsPhone = "073 100 0046";

    public Customer David { get; private set; } = null!;

    public Customer Thandi { get; private set; } = null!;

    public (DivisionAccount Clothing, DivisionAccount Hardware) Accounts { get; private set; }

    public (Layby Clothing, Layby Hardware) Laybys { get; private set; }

    public Layby ThandisLayby { get; private set; } = null!;

    public (string Clothing, string Hardware) LaybyReceipts { get; private set; }

    public (string Clothing, string Hardware) AccountReceipts { get; private set; }

    public (string Clothing, string Hardware) Statements { get; private set; }

    public T Service<T>()
        where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        using var admin = Actors.As("search-admin", Roles.Admin);
        var customers = Service<CustomerService>();
        David = await customers.CreateAsync(CustomerTestData.Person("David", "Khumalo") with { PrimaryPhone = DavidsPhone });
        Thandi = await customers.CreateAsync(CustomerTestData.Person("Thandi", "Dlamini"));

        async Task<(DivisionAccount Account, string Receipt)> CreditAccountAsync(int division)
        {
            var accounts = Service<DivisionAccountService>();
            var ledger = Service<AccountLedgerService>();
            var account = await accounts.OpenAsync(David.Id, division);
            await accounts.SetCreditTermsAsync(account.Id, account.Version,
                new CreditTermsInput(DivisionAccountStatus.Active, 5000m, 30, true, true, LoyaltyTier.Bronze));
            await ledger.RecordSaleAsync(account.Id, 100m, "INV-SEARCH-" + division, null);
            var paid = await ledger.RecordPaymentAsync(account.Id, 40m, PaymentMethod.Cash, null, Guid.NewGuid());
            return (account, paid.ReceiptNumber!);
        }

        var (clothingAccount, clothingReceipt) = await CreditAccountAsync(Clothing);
        var (hardwareAccount, hardwareReceipt) = await CreditAccountAsync(Hardware);
        Accounts = (clothingAccount, hardwareAccount);
        AccountReceipts = (clothingReceipt, hardwareReceipt);

        var clothingLayby = await LaybyAsync(David.Id, Clothing);
        var hardwareLayby = await LaybyAsync(David.Id, Hardware);
        Laybys = (clothingLayby, hardwareLayby);
        LaybyReceipts = (DepositReceipt(clothingLayby), DepositReceipt(hardwareLayby));
        var thandisAccount = await Service<DivisionAccountService>().OpenAsync(Thandi.Id, Clothing);
        await Service<DivisionAccountService>().SetCreditTermsAsync(thandisAccount.Id, thandisAccount.Version,
            new CreditTermsInput(DivisionAccountStatus.Active, 0m, 30, false, true, LoyaltyTier.Bronze));
        ThandisLayby = await LaybyAsync(Thandi.Id, Clothing);

        var lastMonth = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-1);
        var statements = Service<StatementService>();
        Statements = ((await statements.GenerateAsync(clothingAccount.Id, lastMonth.Year, lastMonth.Month)).Number,
            (await statements.GenerateAsync(hardwareAccount.Id, lastMonth.Year, lastMonth.Month)).Number);
    }

    private async Task<Layby> LaybyAsync(int customerId, int division) =>
        await Service<LaybyService>().OpenAsync(new OpenLaybyInput(
            customerId, division, [new LaybyItemInput("Item", null, 1, 500m)], 100m, PaymentMethod.Cash, LaybyFrequency.Monthly,
            DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60), Guid.NewGuid()));

    private static string DepositReceipt(Layby layby) => layby.Entries.Single(e => e.ReceiptNumber is not null).ReceiptNumber!;

    /// <summary>A number as a clerk might type it: lower case, spaces for dashes, no leading zeros ("lay clo 18").</summary>
    public static string Loose(string number)
    {
        var parts = number.ToLowerInvariant().Split('-');
        parts[^1] = parts[^1].TrimStart('0');
        return string.Join(' ', parts);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
