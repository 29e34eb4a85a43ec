using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Auditing;

/// <summary>
/// How the audit trail names what it records, in people's words: a field "PrimaryPhone" is "Phone", a record type
/// "DivisionAccount" is "Division account"; the stored rows keep the code names.
/// </summary>
public static class AuditLabels
{
    /// <summary>Fields whose words are not the label people know (the others read well as words).</summary>
    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        ["PrimaryPhone"] = "Phone",
        ["PrimaryEmail"] = "E-mail",
        ["Email"] = "E-mail",
        ["NormalizedEmail"] = "E-mail (for look-up)",
        ["EmailConfirmed"] = "E-mail confirmed",
        ["NationalId"] = "National ID",
        ["UserName"] = "Sign-in",
        ["NormalizedUserName"] = "Sign-in (for look-up)",
        ["LinkedUserId"] = "Linked sign-in",
        ["UserId"] = "Sign-in",
        ["PasswordHash"] = "Password",
        ["TwoFactorEnabled"] = "Two-factor sign-in",
        ["AccessFailedCount"] = "Failed sign-ins",
        ["LockoutEnd"] = "Locked until",
        ["LockoutEnabled"] = "Can be locked out",
        ["PaymentTermsDays"] = "Payment terms (days)",
        ["GracePeriodDays"] = "Grace period (days)",
        ["VersionNumber"] = "Version",
        ["Sku"] = "SKU",
    };

    /// <summary>"CreditLimit" → "Credit limit", "DivisionId" → "Division", "CreatedAtUtc" → "Created at".</summary>
    public static string Field(string field)
    {
        if (FieldLabels.TryGetValue(field, out var label))
        {
            return label;
        }

        var name = field;
        if (name.EndsWith("Utc", StringComparison.Ordinal) && name.Length > 3)
        {
            name = name[..^3];
        }

        if (name.EndsWith("Id", StringComparison.Ordinal) && name.Length > 2 && char.IsLower(name[^3]))
        {
            name = name[..^2];
        }

        return Sentence(TextRules.Words(name));
    }

    /// <summary>"DivisionAccount" → "Division account".</summary>
    public static string Entity(string entityType) => Sentence(TextRules.Words(entityType));

    /// <summary>The person's display name for a sign-in the log recorded; the sign-in itself when it has none (the system).</summary>
    public static string User(IReadOnlyDictionary<string, string> displayNames, string userName) =>
        displayNames.TryGetValue(userName, out var name) ? name : userName;

    private static string Sentence(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
}
