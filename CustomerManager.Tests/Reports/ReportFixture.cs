using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Reports;

/// <summary>
/// A small business history, posted through the domain services on a test clock, whose report figures are worked out
/// by hand in <see cref="ReportServiceTests"/>. The database holds nothing else (no demo customers). "Today" is
/// Tuesday 15 September 2026. Accounts have 30-day terms. Clerk "rpt-clerk", credit manager "rpt-credit".
/// <list type="bullet">
/// <item>Ada Alpha: registered 1 Jun; Hardware account (limit 10,000) opened 1 Jun: sale 1,000 on 5 Jun, payment 400 cash
/// on 5 Aug (clerk), sale 2,000 on 2 Sep (override: A-1 overdue), payment 500 card on 10 Sep (credit). Clothing account 1 Aug with layby L2:
/// 600 + 25 admin fee, deposit 120 cash (clerk), weekly to 20 Oct — instalments since 8 Aug unpaid (overdue) and one on 19 Sep (due this week).</item>
/// <item>Ben Bravo: registered 15 Aug; Hardware account (limit 1,000) opened 15 Aug: sale 1,500 on 20 Aug over the limit
/// (override), payment 300 bank transfer on 1 Sep (clerk), reversed on 3 Sep (credit). Clothing account 2 Sep with layby
/// L3: 400 + 25, deposit 425 card (credit): completed at once.</item>
/// <item>Cara Charlie: registered 1 Sep with a Clothing account and layby L1: 1,000 + 25, deposit 200 cash (clerk), monthly
/// to 25 Nov; payment 100 mobile money on 10 Sep (clerk).</item>
/// </list>
/// </summary>
public sealed class ReportFixture : AppFactory, IAsyncLifetime
{
    public TestClock Clock { get; } = new();

    public int Hardware { get; private set; }

    public int Clothing { get; private set; }

    public Customer Alpha { get; private set; } = default!;

    public Customer Bravo { get; private set; } = default!;

    public Customer Charlie { get; private set; } = default!;

    public Layby L1 { get; private set; } = default!;

    public Layby L2 { get; private set; } = default!;

    public Layby L3 { get; private set; } = default!;

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    public T Service<T>()
        where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        Hardware = await CustomerTestData.DivisionIdAsync(Services, "HRD");
        Clothing = await CustomerTestData.DivisionIdAsync(Services, "CLO");

        On("2026-06-01");
        Alpha = await AsClerk(() => Service<CustomerService>().CreateAsync(CustomerTestData.Person("Ada", "Alpha")));
        var alphaHardware = await CreditAccountAsync(Alpha.Id, 10_000m);
        On("2026-06-05");
        await AsClerk(() => Service<AccountLedgerService>().RecordSaleAsync(alphaHardware, 1_000m, "A-1", null));
        On("2026-08-01");
        L2 = await OpenLaybyAsync(Alpha.Id, 600m, 120m, PaymentMethod.Cash, LaybyFrequency.Weekly, "2026-10-20", clerk: true);
        On("2026-08-05");
        await AsClerk(() => Service<AccountLedgerService>().RecordPaymentAsync(alphaHardware, 400m, PaymentMethod.Cash, null, Guid.NewGuid()));

        On("2026-08-15");
        Bravo = await AsClerk(() => Service<CustomerService>().CreateAsync(CustomerTestData.Person("Ben", "Bravo")));
        var bravoHardware = await CreditAccountAsync(Bravo.Id, 1_000m);
        On("2026-08-20");
        await AsCredit(() => Service<AccountLedgerService>().RecordSaleAsync(bravoHardware, 1_500m, "B-1", null, "Long-standing customer"));

        On("2026-09-01");
        var bravoPayment = await AsClerk(() => Service<AccountLedgerService>().RecordPaymentAsync(bravoHardware, 300m, PaymentMethod.BankTransfer, "EFT", Guid.NewGuid()));
        Charlie = await AsClerk(() => Service<CustomerService>().CreateAsync(CustomerTestData.Person("Cara", "Charlie")));
        L1 = await OpenLaybyAsync(Charlie.Id, 1_000m, 200m, PaymentMethod.Cash, LaybyFrequency.Monthly, "2026-11-25", clerk: true);
        On("2026-09-02");
        // A-1 is overdue by more than 30 days by now: only a credit manager's override lets the sale through.
        await AsCredit(() => Service<AccountLedgerService>().RecordSaleAsync(alphaHardware, 2_000m, "A-2", null, "Paying off the old invoice"));
        L3 = await OpenLaybyAsync(Bravo.Id, 400m, 425m, PaymentMethod.Card, LaybyFrequency.Monthly, "2026-10-30", clerk: false);
        On("2026-09-03");
        await AsCredit(() => Service<AccountLedgerService>().ReverseAsync(bravoHardware, bravoPayment.Id, "Cheque bounced"));
        On("2026-09-10");
        await AsCredit(() => Service<AccountLedgerService>().RecordPaymentAsync(alphaHardware, 500m, PaymentMethod.Card, null, Guid.NewGuid()));
        await AsClerk(() => Service<LaybyService>().PayAsync(L1.Id, 100m, PaymentMethod.MobileMoney, null, Guid.NewGuid()));

        On("2026-09-15");
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    private void On(string isoDate) => Clock.Set(isoDate);

    private static async Task<T> AsClerk<T>(Func<Task<T>> action)
    {
        using var actor = Actors.As("rpt-clerk", Roles.Clerk);
        return await action();
    }

    private static async Task<T> AsCredit<T>(Func<Task<T>> action)
    {
        using var actor = Actors.As("rpt-credit", Roles.CreditManager);
        return await action();
    }

    private async Task<int> CreditAccountAsync(int customerId, decimal limit) => await AsCredit(async () =>
    {
        var account = await Service<DivisionAccountService>().OpenAsync(customerId, Hardware);
        await Service<DivisionAccountService>().SetCreditTermsAsync(account.Id, account.Version,
            new CreditTermsInput(DivisionAccountStatus.Active, limit, 30, true, true, LoyaltyTier.Bronze));
        return account.Id;
    });

    private async Task<Layby> OpenLaybyAsync(
        int customerId, decimal price, decimal deposit, PaymentMethod method, LaybyFrequency frequency, string completion, bool clerk)
    {
        Func<Task<Layby>> open = async () =>
        {
            await Service<DivisionAccountService>().OpenAsync(customerId, Clothing);
            return await Service<LaybyService>().OpenAsync(new OpenLaybyInput(customerId, Clothing, [new LaybyItemInput("Goods", null, 1, price)],
                deposit, method, frequency, DateOnly.Parse(completion, System.Globalization.CultureInfo.InvariantCulture), Guid.NewGuid()));
        };
        return clerk ? await AsClerk(open) : await AsCredit(open);
    }
}
