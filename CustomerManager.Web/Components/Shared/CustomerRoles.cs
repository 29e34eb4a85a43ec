using CustomerManager.Domain.Common;

namespace CustomerManager.Web.Components.Shared;

/// <summary>Role groups of the customer pages (DOMAIN.md §1), for [Authorize] and AuthorizeView.</summary>
public static class CustomerRoles
{
    public const string Editors = Roles.Admin + "," + Roles.Clerk + "," + Roles.CreditManager;
    public const string Supervisors = Roles.Admin + "," + Roles.CreditManager;

    /// <summary>Those who pay refunds and post fees and adjustments on accounts.</summary>
    public const string Finance = Roles.Admin + "," + Roles.CreditManager + "," + Roles.Accountant;
}
