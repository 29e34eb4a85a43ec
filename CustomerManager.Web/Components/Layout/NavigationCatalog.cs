using CustomerManager.Domain.Common;

namespace CustomerManager.Web.Components.Layout;

/// <summary>A place in the app a role may go to: shown in the side menu and on the role's home page.</summary>
public sealed record NavigationEntry(string Title, string Path, string Icon, string Description, IReadOnlyList<string> Roles)
{
    public bool IsFor(System.Security.Claims.ClaimsPrincipal user) => Roles.Any(user.IsInRole);
}

/// <summary>
/// The one list of navigation entries. Each entry's roles match the <c>[Authorize]</c> roles of its page, which is the
/// real check; this list only decides what is shown.
/// </summary>
public static class NavigationCatalog
{
    private static readonly IReadOnlyList<string> Readers = [Roles.Accountant, Roles.CreditManager, Roles.Admin];

    public static readonly IReadOnlyList<NavigationEntry> Entries =
    [
        new("Home", "/", "home", "Your start page.", Roles.All),
        new("Dashboard", "/dashboard", "dashboard",
            "Receivables, overdue, laybys and collections at a glance, with charts that open their reports.", Readers),
        new("Customers", "/customers", "groups",
            "Find a customer by number, phone, e-mail, ID or name; open the 360° profile.", Roles.All),
        new("New customer", "/customers/new", "person_add", "Register a customer, with a duplicate check as you type.",
            [Roles.Clerk, Roles.CreditManager, Roles.Admin]),
        new("Laybys", "/laybys", "shopping_bag",
            "Open laybys, take payments, print receipts, release items; filter by overdue or due this week.", Roles.All),
        new("Credit review", "/credit/review", "fact_check",
            "Credit applications waiting for a decision, oldest first, with the figures to decide them.",
            [Roles.CreditManager, Roles.Admin]),
        new("Statements", "/statements", "description",
            "Monthly account statements per division: generate a month for all active accounts, open each as PDF.",
            [Roles.Accountant, Roles.CreditManager, Roles.Admin]),
        new("Aging", "/reports/aging", "schedule",
            "Every account's open charges by days past due, with credit and totals per division, as of any date.",
            [Roles.Accountant, Roles.CreditManager, Roles.Admin]),
        new("Customer report", "/reports/customers", "contact_page",
            "Customers with their accounts, balances and credit limits, by type, status, division and registration date.", Readers),
        new("Credit outstanding", "/reports/credit", "credit_score",
            "Credit balances against limits, by division and by customer, with utilisation and who is over the limit.", Readers),
        new("Layby status", "/reports/laybys", "inventory_2",
            "Laybys by status; the overdue ones, those due this week and those completed this month.", Readers),
        new("Collections", "/reports/collections", "payments",
            "Payments received by day, payment method, division or clerk, with reversals and the net.", Readers),
        new("Division performance", "/reports/divisions", "leaderboard",
            "Each division's month: sales on account, payments, layby deposits and payments, new customers.", Readers),
        new("Customer value", "/reports/customer-value", "workspace_premium",
            "What customers have paid across all divisions, top customers first.", Readers),
        new("Merge customers", "/customers/merge", "merge", "Merge a duplicate into the surviving customer, or undo a merge.",
            [Roles.CreditManager, Roles.Admin]),
        new("Audit log", "/audit", "history", "Who changed what and when, with old and new values.",
            [Roles.Admin, Roles.Accountant]),
        new("Users", "/admin/users", "manage_accounts",
            "Create sign-ins, assign roles and divisions, disable users and reset passwords.", [Roles.Admin]),
        new("Organisation", "/admin/organisation", "domain",
            "Business settings, divisions and employees.", [Roles.Admin]),
        new("Layby policies", "/admin/layby-policies", "rule",
            "Layby terms per division, their versions, and running the daily layby jobs now.", [Roles.Admin]),
        new("Credit policies", "/admin/credit-policies", "credit_score",
            "Affordability factor and overdue threshold per division, with their versions.", [Roles.Admin]),
        new("My password", "/account/password", "password", "Change your own password.", Roles.All),
    ];

    public static IEnumerable<NavigationEntry> For(System.Security.Claims.ClaimsPrincipal user) =>
        Entries.Where(e => e.IsFor(user));
}
