using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Customers;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Credit;

public class CreditApplicationTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const int Construction = 5;

    [Theory]
    [InlineData(10000, 2000, 3000, 4000, 20000, 5000, 15000)]
    [InlineData(10000, 0, 3000, 4000, 5000, 3000, 5000)]
    [InlineData(3000, 0, 2000, 2500, 5000, -1500, 0)]
    public void Affordability_is_income_less_obligations_and_expenses_and_the_suggestion_never_exceeds_the_request_or_goes_negative(
        decimal income, decimal other, decimal obligations, decimal expenses, decimal requested, decimal discretionary, decimal suggested)
    {
        var result = Affordability.For(income, other, obligations, expenses, requested, factor: 3m);
        Assert.Equal(discretionary, result.DiscretionaryIncome);
        Assert.Equal(suggested, result.SuggestedLimit);
    }

    [Theory]
    [InlineData(-1, 0, "RequestedAmount")]
    [InlineData(0, 0, "RequestedAmount")]
    [InlineData(5000, -100, "MonthlyIncome")]
    [InlineData(5000, 999_999_999, "MonthlyIncome")]
    public void Bad_figures_are_refused_on_their_field(decimal requested, decimal income, string field)
    {
        var refused = Assert.Throws<DomainException>(() => CreditApplication.Submit(
            new CreditApplicationInput(1, 1, requested, 30, income, 0, 0, 0), CreditPolicyTerms.Default, DateTime.UtcNow, "c", "c-id"));
        Assert.Equal(field, refused.Field);
    }

    [Fact]
    public async Task A_clerk_applies_and_a_credit_manager_approves_which_sets_the_division_account()
    {
        var customer = await CustomerAsync();
        CreditApplication application;
        using (Actors.As("credit-clerk", Roles.Clerk))
        {
            application = await Service().SubmitAsync(Input(customer.Id));
            Assert.Matches(@"^CRA-\d{6}$", application.ApplicationNumber);
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service().QueueAsync());
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service().ApproveAsync(application.Id, application.Version, 1000, 30, null, null));
            await Assert.ThrowsAsync<DomainException>(() => Service().SubmitAsync(Input(customer.Id)));
        }

        using var manager = Actors.As("credit-manager", Roles.CreditManager);
        Assert.Contains(await Service().QueueAsync(), q => q.Id == application.Id && q.SuggestedLimit == 15000m);
        var review = await Service().ReviewAsync(application.Id);
        Assert.Equal(customer.Id, review.Customer.Customer.Id);
        Assert.Equal("Construction", review.DivisionName);

        Assert.Equal("Limit", (await Assert.ThrowsAsync<DomainException>(() => Service().ApproveAsync(application.Id, application.Version, 0, 30, null, null))).Field);
        await Service().ApproveAsync(application.Id, application.Version, 12000m, 60, 2.5m, "Stable income");

        var account = (await Customers().GetProfileAsync(customer.Id)).Accounts.Single(a => a.DivisionId == Construction);
        Assert.Equal((12000m, 60, true, DivisionAccountStatus.Active), (account.CreditLimit, account.PaymentTermsDays, account.AllowCredit, account.Status));
        var divisionAccount = await factory.Services.CreateScope().ServiceProvider.GetRequiredService<DivisionAccountService>().GetAsync(account.Id);
        Assert.Equal(2.5m, divisionAccount.InterestRatePercent);
        Assert.DoesNotContain(await Service().QueueAsync(), q => q.Id == application.Id);
        var decided = (await Service().ForCustomerAsync(customer.Id)).Single();
        Assert.Equal((CreditApplicationStatus.Approved, "credit-manager"), (decided.Status, decided.ReviewedBy));
        await Assert.ThrowsAsync<DomainException>(() => Service().RejectAsync(application.Id, decided.Version, "Too late"));
    }

    [Fact]
    public async Task Rejecting_needs_a_reason_and_a_reviewer_cannot_decide_their_own_application()
    {
        var customer = await CustomerAsync();
        using var manager = Actors.As("self-reviewer", Roles.CreditManager);
        var application = await Service().SubmitAsync(Input(customer.Id));

        var own = await Assert.ThrowsAsync<DomainException>(() => Service().ApproveAsync(application.Id, application.Version, 1000, 30, null, null));
        Assert.Contains("another credit manager", own.Message);

        using var other = Actors.As("other-manager", Roles.CreditManager);
        Assert.Equal("RejectionReason", (await Assert.ThrowsAsync<DomainException>(() => Service().RejectAsync(application.Id, application.Version, " "))).Field);
        await Service().RejectAsync(application.Id, application.Version, "Obligations too high");
        var rejected = (await Service().ForCustomerAsync(customer.Id)).Single();
        Assert.Equal(("Obligations too high", CreditApplicationStatus.Rejected), (rejected.RejectionReason, rejected.Status));
    }

    private static CreditApplicationInput Input(int customerId) =>
        new(customerId, Construction, 20000m, 30, 10000m, 2000m, 3000m, 4000m, "Acme Builders", "011 555 0100");

    private CreditApplicationService Service() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<CreditApplicationService>();

    private CustomerService Customers() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerService>();

    private async Task<Customer> CustomerAsync()
    {
        using var actor = Actors.As("credit-clerk", Roles.Clerk);
        return await Customers().CreateAsync(CustomerTestData.Person());
    }
}
