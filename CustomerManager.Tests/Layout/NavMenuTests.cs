using Bunit;
using CustomerManager.Domain.Common;
using CustomerManager.Web.Components.Layout;

namespace CustomerManager.Tests.Layout;

public class NavMenuTests : BunitContext
{
    public static TheoryData<string, string[]> Expected => new()
    {
        { Roles.Clerk, ["Home", "Customers", "New customer", "Laybys", "My password"] },
        { Roles.CreditManager, ["Home", "Dashboard", "Customers", "New customer", "Laybys", "Credit review", "Statements", "Aging", "Customer report", "Credit outstanding", "Layby status", "Collections", "Division performance", "Customer value", "Merge customers", "My password"] },
        { Roles.Accountant, ["Home", "Dashboard", "Customers", "Laybys", "Statements", "Aging", "Customer report", "Credit outstanding", "Layby status", "Collections", "Division performance", "Customer value", "Audit log", "My password"] },
        { Roles.Admin, ["Home", "Dashboard", "Customers", "New customer", "Laybys", "Credit review", "Statements", "Aging", "Customer report", "Credit outstanding", "Layby status", "Collections", "Division performance", "Customer value", "Merge customers", "Audit log", "Users", "Organisation", "Layby policies", "Credit policies", "My password"] },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void The_menu_shows_exactly_the_entries_the_role_may_use(string role, string[] expected)
    {
        AddAuthorization().SetAuthorized("someone").SetRoles(role);
        JSInterop.Mode = JSRuntimeMode.Loose;

        var menu = Render<NavMenu>();

        var titles = menu.FindAll(".rz-navigation-item-text").Select(e => e.TextContent.Trim()).ToArray();
        Assert.Equal(expected, titles);
    }

    [Fact]
    public void A_user_with_two_roles_sees_the_union_once()
    {
        AddAuthorization().SetAuthorized("both").SetRoles(Roles.Clerk, Roles.Accountant);
        JSInterop.Mode = JSRuntimeMode.Loose;

        var titles = Render<NavMenu>().FindAll(".rz-navigation-item-text").Select(e => e.TextContent.Trim()).ToArray();

        Assert.Equal(["Home", "Dashboard", "Customers", "New customer", "Laybys", "Statements", "Aging", "Customer report", "Credit outstanding", "Layby status", "Collections", "Division performance", "Customer value", "Audit log", "My password"], titles);
    }
}
