using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Reports;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Reports;

/// <summary>Money out (refunds of account credit and of cancelled laybys) in Collections and the day's cash-up, on a database of its own.</summary>
public class CashUpTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const int Clothing = 3;

    [Fact]
    public async Task Refunds_are_money_out_in_collections_and_the_cash_up_balances_per_clerk_division_and_method()
    {
        var today = In<BusinessTime>().Today;
        var accountId = await factory.CreditAccountAsync(Clothing, 2000m);
        int laybyId;
        using (Actors.As("till-clerk", Roles.Clerk))
        {
            await In<AccountLedgerService>().RecordPaymentAsync(accountId, 300m, PaymentMethod.Cash, null, Guid.NewGuid()); // credit 300
            var customer = await In<CustomerService>().CreateAsync(CustomerTestData.Person());
            await In<DivisionAccountService>().OpenAsync(customer.Id, Clothing);
            laybyId = (await In<LaybyService>().OpenAsync(new OpenLaybyInput(customer.Id, Clothing, [new LaybyItemInput("Dress", null, 1, 1000m)], 200m,
                PaymentMethod.Cash, LaybyFrequency.Monthly, today.AddDays(60), Guid.NewGuid()))).Id;
        }

        decimal laybyRefund;
        using (Actors.As("till-manager", Roles.CreditManager))
        {
            var layby = await In<LaybyService>().GetAsync(laybyId);
            laybyRefund = (await In<LaybyService>().QuoteAsync(laybyId, CancellationReason.CustomerRequest)).Refund;
            await In<LaybyService>().CancelAsync(laybyId, layby.Version, CancellationReason.CustomerRequest, "Changed her mind", PaymentMethod.Cash);
        }

        using (Actors.As("till-accountant", Roles.Accountant))
        {
            await In<AccountLedgerService>().RefundAsync(accountId, 120m, PaymentMethod.Card, null, "Returned goods", Guid.NewGuid());
            var byMethod = (await In<ReportService>().CollectionsAsync(today, today, null, CollectionGrouping.Method)).ToDictionary(r => r.Group);
            Assert.Equal((300m + 200m, -laybyRefund, 300m + 200m - laybyRefund), (byMethod["Cash"].AccountPayments + byMethod["Cash"].LaybyPayments, byMethod["Cash"].Refunds, byMethod["Cash"].Net));
            Assert.Equal((0, -120m, -120m), (byMethod["Card"].Payments, byMethod["Card"].Refunds, byMethod["Card"].Net));

            var cashUp = await In<ReportService>().CashUpAsync(today, null);
            Assert.Equal(
                [
                    ("till-accountant", PaymentMethod.Card, 0, 0m, 120m),
                    ("till-clerk", PaymentMethod.Cash, 2, 500m, 0m),
                    ("till-manager", PaymentMethod.Cash, 0, 0m, laybyRefund),
                ],
                cashUp.Select(r => (r.ClerkUserName, r.Method!.Value, r.Payments, r.In, r.Out)).OrderBy(r => r.ClerkUserName));
            Assert.Equal(500m - laybyRefund - 120m, cashUp.Sum(r => r.Net));
        }

        using (Actors.As("till-clerk", Roles.Clerk))
        {
            // A clerk cashes up their own till only.
            var own = Assert.Single(await In<ReportService>().CashUpAsync(today, null));
            Assert.Equal(("till-clerk", 500m, 500m), (own.ClerkUserName, own.In, own.Net));
            await Assert.ThrowsAsync<AccessDeniedException>(() => In<ReportService>().CollectionsAsync(today, today, null, CollectionGrouping.Method));
        }

        Assert.True(laybyRefund > 0);
    }

    private T In<T>()
        where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();
}
