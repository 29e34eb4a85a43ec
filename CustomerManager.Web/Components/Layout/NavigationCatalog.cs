using CustomerManager.Domain.Common;
using MudBlazor;

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
        new("Home", "/", Icons.Material.Outlined.Home, "Your start page.", Roles.All),
        new("Dashboard", "/dashboard", Icons.Material.Outlined.Dashboard,
            "Receivables, overdue, laybys and collections at a glance, with charts that open their reports.", Readers),
        new("Customers", "/customers", Icons.Material.Outlined.Groups,
            "Find a customer by number, phone, e-mail, ID or name; open the 360° profile.", Roles.All),
        new("New customer", "/customers/new", Icons.Material.Outlined.PersonAdd, "Register a customer, with a duplicate check as you type.",
            [Roles.Clerk, Roles.CreditManager, Roles.Admin]),
        new("My customers", "/my-customers", Icons.Material.Outlined.AssignmentInd,
            "The customers assigned to you, with their balances and what is overdue.", Roles.All),
        new("Institutions", "/institutions", Icons.Material.Outlined.AccountBalance,
            "Universities, schools, hospitals and companies: their members, roll-ups and assigned employees.", Roles.All),
        new("Membership", "/membership", Icons.Material.Outlined.CardMembership,
            "Member accounts per division: switch membership on or off, statistics, and automatic membership by purchases.", Roles.All),
        new("Laybys", "/laybys", Icons.Material.Outlined.ShoppingBag,
            "Open laybys, take payments, print receipts, release items; filter by overdue or due this week.", Roles.All),
        new("Cash-up", "/till/cash-up", Icons.Material.Outlined.PointOfSale,
            "A day at the till by clerk, division and method: taken in, paid out, and the net the drawer should hold.",
            [Roles.Clerk, Roles.Accountant, Roles.CreditManager, Roles.Admin]),
        new("Tasks", "/tasks", Icons.Material.Outlined.TaskAlt,
            "Everyone's follow-up tasks by due day, filtered by assignee, status, division or overdue; tick them off.",
            [Roles.CreditManager, Roles.Admin]),
        new("Credit review", "/credit/review", Icons.Material.Outlined.FactCheck,
            "Credit applications waiting for a decision, oldest first, with the figures to decide them.",
            [Roles.CreditManager, Roles.Admin]),
        new("Credit reviews due", "/credit/reviews-due", Icons.Material.Outlined.EventRepeat,
            "Credit lines whose review date has come, most overdue first: keep, change or suspend each limit.",
            [Roles.CreditManager, Roles.Admin]),
        new("Write-offs", "/credit/write-offs", Icons.Material.Outlined.MoneyOff,
            "Bad debt written off, and write-offs above a division's approval amount waiting for an admin.",
            [Roles.CreditManager, Roles.Admin]),
        new("Statements", "/statements", Icons.Material.Outlined.Description,
            "Monthly account statements per division: generate a month for all active accounts, open each as PDF.",
            [Roles.Accountant, Roles.CreditManager, Roles.Admin]),
        new("Aging", "/reports/aging", Icons.Material.Outlined.Schedule,
            "Every account's open charges by days past due, with credit and totals per division, as of any date.",
            [Roles.Accountant, Roles.CreditManager, Roles.Admin]),
        new("Customer report", "/reports/customers", Icons.Material.Outlined.ContactPage,
            "Customers with their accounts, balances and credit limits, by type, status, division and registration date.", Readers),
        new("Credit outstanding", "/reports/credit", Icons.Material.Outlined.CreditScore,
            "Credit balances against limits, by division and by customer, with utilisation and who is over the limit.", Readers),
        new("Layby status", "/reports/laybys", Icons.Material.Outlined.Inventory2,
            "Laybys by status; the overdue ones, those due this week and those completed this month.", Readers),
        new("Collections", "/reports/collections", Icons.Material.Outlined.Payments,
            "Payments received by day, payment method, division or clerk, with reversals and the net.", Readers),
        new("Bad debt", "/reports/bad-debt", Icons.Material.Outlined.TrendingDown,
            "Debt written off and recovered by later payments, by account, with the loss that is left.", Readers),
        new("Division performance", "/reports/divisions", Icons.Material.Outlined.Leaderboard,
            "Each division's month: sales on account, payments, layby deposits and payments, new customers.", Readers),
        new("Revenue by institution", "/reports/institutions", Icons.Material.Outlined.AccountBalance,
            "Sales on account and payments of each institution's members and its own accounts over the months chosen.", Readers),
        new("Customer value", "/reports/customer-value", Icons.Material.Outlined.WorkspacePremium,
            "What customers have paid across all divisions, top customers first.", Readers),
        new("Renewal forecast", "/reports/renewals", Icons.Material.Outlined.EventRepeat,
            "Subscriptions renewing in each of the next 12 months, recurring revenue and the part at high churn risk, by plan and division.", Readers),
        new("Month-end workbook", "/reports/month-end", Icons.Material.Outlined.CalendarMonth,
            "One Excel workbook per month: aging, collections, division performance, credit and laybys, with a summary of formulas.", Readers),
        new("Workload", "/assignments/workload", Icons.Material.Outlined.AssignmentTurnedIn,
            "Active assignments per employee by role, customers with overdue balances; open an employee to transfer their work.", Readers),
        new("Customer health", "/success", Icons.Material.Outlined.MonitorHeart,
            "Health scores by band, the customers at risk with trend, owner and exposure, the week's movers; export.", Readers),
        new("Bulk messages", "/messages/bulk", Icons.Material.Outlined.ForwardToInbox,
            "One e-mail or text to many customers of a division, with consent applied, a preview, progress and Cancel.", Readers),
        new("Import usage", "/subscriptions/usage-import", Icons.Material.Outlined.DataUsage,
            "Subscriptions' monthly usage from the network's CSV or Excel file, checked whole before anything is written.",
            [Roles.Clerk, Roles.CreditManager, Roles.Admin]),
        new("Subscription billing", "/subscriptions/billing", Icons.Material.Outlined.Autorenew,
            "Charge the subscriptions that are due now (the daily job does it every night) and see what the run did.", [Roles.Accountant, Roles.Admin]),
        new("Merge customers", "/customers/merge", Icons.Material.Outlined.Merge, "Merge a duplicate into the surviving customer, or undo a merge.",
            [Roles.CreditManager, Roles.Admin]),
        new("Audit log", "/audit", Icons.Material.Outlined.History, "Who changed what and when, with old and new values.",
            [Roles.Admin, Roles.Accountant]),
        new("Users", "/admin/users", Icons.Material.Outlined.ManageAccounts,
            "Create sign-ins, assign roles and divisions, disable users and reset passwords.", [Roles.Admin]),
        new("Organisation", "/admin/organisation", Icons.Material.Outlined.Domain,
            "Business settings, divisions and employees.", [Roles.Admin]),
        new("Layby policies", "/admin/layby-policies", Icons.Material.Outlined.Rule,
            "Layby terms per division, their versions, and running the daily layby jobs now.", [Roles.Admin]),
        new("Credit policies", "/admin/credit-policies", Icons.Material.Outlined.CreditScore,
            "Affordability factor, overdue threshold and months until a limit is reviewed, per division, with their versions.", [Roles.Admin]),
        new("Loyalty programmes", "/admin/loyalty", Icons.Material.Outlined.Loyalty,
            "Points per currency unit by tier, tier thresholds, point expiry and value per division, with their versions; run the nightly loyalty job now.",
            [Roles.Admin]),
        new("Customer success", "/admin/success", Icons.Material.Outlined.Tune,
            "Health score weights, alert thresholds and lifecycle day counts.", [Roles.Admin]),
        new("API keys", "/admin/api-keys", Icons.Material.Outlined.Key,
            "Keys for point-of-sale systems calling the HTTP API: divisions, read or write, last used; revoke.", [Roles.Admin]),
        new("Import from Excel", "/admin/import", Icons.Material.Outlined.UploadFile,
            "Customers, opening balances and laybys from a workbook: check first, then import; the history of imports.",
            [Roles.Admin, Roles.Accountant]),
        new("Outbox", "/admin/outbox", Icons.Material.Outlined.Outbox,
            "Every e-mail, SMS and WhatsApp message sent or waiting, with the server's answer; retry failed ones.", [Roles.Admin]),
        new("Background jobs", "/admin/jobs", Icons.Material.Outlined.Schedule,
            "The daily jobs: last run, how long it took, what it did, the next run, the history; run them now.", [Roles.Admin]),
        new("Privacy", "/admin/privacy", Icons.Material.Outlined.PrivacyTip,
            "Privacy requests: export everything held on a customer, pseudonymise, and the retention list.", [Roles.Admin]),
        new("Plans", "/admin/plans", Icons.Material.Outlined.Wifi,
            "Service plans per division: type, speed, price and billing cycle, OTT apps and channels; their price versions.", [Roles.Admin]),
        new("Message templates", "/admin/templates", Icons.Material.Outlined.MarkEmailRead,
            "The e-mail and SMS texts per purpose and language, with placeholders, previews and their versions.", [Roles.Admin]),
        new("My password", "/account/password", Icons.Material.Outlined.Password, "Change your own password.", Roles.All),
        new("Two-factor sign-in", "/account/two-factor", Icons.Material.Outlined.PhonelinkLock,
            "Your authenticator app: set it up, get new recovery codes, move to a new phone.", Roles.All),
    ];

    /// <summary>The entry whose path is the longest prefix (by whole segments) of <paramref name="relativePath"/>.</summary>
    public static NavigationEntry? ActiveEntry(IEnumerable<NavigationEntry> entries, string relativePath)
    {
        var path = "/" + relativePath.Split('?', '#')[0].Trim('/');
        return entries
            .Where(e => e.Path == "/" || path == e.Path || path.StartsWith(e.Path + "/", StringComparison.OrdinalIgnoreCase))
            .MaxBy(e => e.Path.Length);
    }

    public static IEnumerable<NavigationEntry> For(System.Security.Claims.ClaimsPrincipal user) =>
        Entries.Where(e => e.IsFor(user));
}
