using CustomerManager.Domain.Common;

namespace CustomerManager.Web.Components.Pages.Statements;

/// <summary>Who may see statements and the aging report (the statement service checks the same roles).</summary>
public static class StatementRoles
{
    public const string Readers = Roles.Accountant + "," + Roles.CreditManager + "," + Roles.Admin;
}
