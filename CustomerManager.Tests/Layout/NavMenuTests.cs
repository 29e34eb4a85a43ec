using Bunit;
using Microsoft.Extensions.DependencyInjection;
using CustomerManager.Domain.Common;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Layout;

namespace CustomerManager.Tests.Layout;

public class NavMenuTests : MudTestContext
{
    public static TheoryData<string, string[]> Expected => new()
    {
        { Roles.Clerk, ["Home", "Customers", "New customer", "My customers", "Institutions", "Membership", "Laybys", "Cash-up", "Import usage", "My password", "Two-factor sign-in"] },
        { Roles.CreditManager, ["Home", "Dashboard", "Customers", "New customer", "My customers", "Institutions", "Membership", "Laybys", "Cash-up", "Tasks", "Credit review", "Credit reviews due", "Write-offs", "Statements", "Aging", "Customer report", "Credit outstanding", "Layby status", "Collections", "Bad debt", "Division performance", "Revenue by institution", "Customer value", "Renewal forecast", "Month-end workbook", "Workload", "Customer health", "Bulk messages", "Import usage", "Merge customers", "My password", "Two-factor sign-in"] },
        { Roles.Accountant, ["Home", "Dashboard", "Customers", "My customers", "Institutions", "Membership", "Laybys", "Cash-up", "Statements", "Aging", "Customer report", "Credit outstanding", "Layby status", "Collections", "Bad debt", "Division performance", "Revenue by institution", "Customer value", "Renewal forecast", "Month-end workbook", "Workload", "Customer health", "Bulk messages", "Subscription billing", "Audit log", "Import from Excel", "My password", "Two-factor sign-in"] },
        { Roles.Admin, ["Home", "Dashboard", "Customers", "New customer", "My customers", "Institutions", "Membership", "Laybys", "Cash-up", "Tasks", "Credit review", "Credit reviews due", "Write-offs", "Statements", "Aging", "Customer report", "Credit outstanding", "Layby status", "Collections", "Bad debt", "Division performance", "Revenue by institution", "Customer value", "Renewal forecast", "Month-end workbook", "Workload", "Customer health", "Bulk messages", "Import usage", "Subscription billing", "Merge customers", "Audit log", "Users", "Organisation", "Layby policies", "Credit policies", "Loyalty programmes", "Customer success", "API keys", "Import from Excel", "Outbox", "Background jobs", "Privacy", "Plans", "Message templates", "My password", "Two-factor sign-in"] },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void The_menu_shows_exactly_the_entries_the_role_may_use(string role, string[] expected)
    {
        AddAuthorization().SetAuthorized("someone").SetRoles(role);

        var menu = Render<NavMenu>();

        var titles = menu.FindAll(".mud-nav-link-text").Select(e => e.TextContent.Trim()).ToArray();
        Assert.Equal(expected, titles);
    }

    [Fact]
    public void A_user_with_two_roles_sees_the_union_once()
    {
        AddAuthorization().SetAuthorized("both").SetRoles(Roles.Clerk, Roles.Accountant);

        var titles = Render<NavMenu>().FindAll(".mud-nav-link-text").Select(e => e.TextContent.Trim()).ToArray();

        Assert.Equal(["Home", "Dashboard", "Customers", "New customer", "My customers", "Institutions", "Membership", "Laybys", "Cash-up", "Statements", "Aging", "Customer report", "Credit outstanding", "Layby status", "Collections", "Bad debt", "Division performance", "Revenue by institution", "Customer value", "Renewal forecast", "Month-end workbook", "Workload", "Customer health", "Bulk messages", "Import usage", "Subscription billing", "Audit log", "Import from Excel", "My password", "Two-factor sign-in"], titles);
    }

    [Theory]
    [InlineData("customers/new", "New customer")]
    [InlineData("customers/merge", "Merge customers")]
    [InlineData("customers/42", "Customers")]
    [InlineData("customers", "Customers")]
    [InlineData("reports/aging?division=2", "Aging")]
    [InlineData("", "Home")]
    public void Exactly_one_entry_is_highlighted_the_longest_match(string address, string expected)
    {
        AddAuthorization().SetAuthorized("admin").SetRoles(Roles.Admin);
        Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>().NavigateTo(address);

        var active = Render<NavMenu>().FindAll("a.active").Select(a => a.TextContent.Trim()).ToArray();

        Assert.Equal([expected], active);
    }
}
