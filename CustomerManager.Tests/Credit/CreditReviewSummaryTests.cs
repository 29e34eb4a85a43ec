using Bunit;
using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Customers;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Pages.Credit;

namespace CustomerManager.Tests.Credit;

public class CreditReviewSummaryTests : MudTestContext
{
    [Fact]
    public void The_review_screen_shows_affordability_exposure_overdue_and_layby_history_together()
    {
        var application = CreditApplication.Submit(
            new CreditApplicationInput(1, 5, 20000m, 30, 10000m, 2000m, 3000m, 4000m, "Acme Builders"), CreditPolicyTerms.Default, DateTime.UtcNow, "clerk", "clerk-id");
        var customer = new Customer(new CustomerDetails { FirstName = "Thandi", LastName = "Nkosi", PrimaryPhone = "0821234567" },
            "27", "South Africa", new DateOnly(2026, 11, 22), DateTime.UtcNow, "clerk");
        var accounts = new List<AccountSummary>
        {
            new(1, "HRD-CUST-000001", 4, "Hardware", "HRD", Domain.Accounts.DivisionAccountStatus.Active, 1500m, 3000m, 1500m, 30, true, true, Domain.Accounts.LoyaltyTier.Bronze, 0),
        };
        var review = new CreditReview(application, new CustomerProfile(customer, accounts, null, null, null, 1500m, 250m, []), "Construction", 400m,
            new LaybyHistory(1, 3, 1, 0));

        var summary = Render<CreditReviewSummary>(p => p.Add(s => s.Review, review));

        Assert.Equal("5,000.00", summary.Find("#review-discretionary").TextContent);
        Assert.Equal("15,000.00", summary.Find("#review-suggested").TextContent);
        Assert.Equal("1,500.00", summary.Find("#review-exposure").TextContent);
        Assert.Equal("400.00", summary.Find("#review-overdue").TextContent);
        Assert.Contains("HRD-CUST-000001", summary.Markup);
        Assert.Contains("1 open, 3 completed, 1 cancelled, 0 defaulted", summary.Find("#review-laybys").TextContent);
        Assert.Contains("Acme Builders", summary.Markup);
    }
}
