namespace CustomerManager.Domain.Common;

/// <summary>The four roles of DOMAIN.md §1 and the groups of them that the permission table uses.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Clerk = "Clerk";
    public const string CreditManager = "CreditManager";
    public const string Accountant = "Accountant";

    public static readonly IReadOnlyList<string> All = [Admin, Clerk, CreditManager, Accountant];

    /// <summary>Comma-separated groups for <c>[Authorize(Roles = ...)]</c>, one per row of the permission table.</summary>
    public static class Groups
    {
        public const string Everyone = Admin + "," + Clerk + "," + CreditManager + "," + Accountant;
        public const string AuditReaders = Admin + "," + Accountant;
        public const string Administrators = Admin;
    }

    public static string DisplayName(string role) => role switch
    {
        CreditManager => "Credit manager",
        _ => role,
    };
}
