using System.Text.RegularExpressions;
using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Organisation;

public enum DivisionType
{
    Grocery,
    Restaurant,
    Clothing,
    Hardware,
    Construction,
    Other,
}

/// <summary>A trading division of the business. Its <see cref="Code"/> prefixes account, layby and receipt numbers.</summary>
public partial class Division : IVersioned
{
    public const int NameMaxLength = 100;

    public int Id { get; set; }

    public int BusinessId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Three upper-case letters, unique, e.g. CLO.</summary>
    public string Code { get; private set; } = "";

    public DivisionType Type { get; private set; }

    public bool IsActive { get; private set; } = true;

    /// <summary>
    /// Bad debt above this amount is written off by two people: a credit manager asks and an admin approves
    /// (<see cref="Accounts.WriteOffService"/>). Null: a credit manager alone may write off any amount.
    /// </summary>
    public decimal? WriteOffApprovalAbove { get; private set; }

    public const int MaxReminderDays = 60;

    /// <summary>Days before a layby instalment or account charge falls due that the customer is reminded; null: no reminder.</summary>
    public int? ReminderDaysBefore { get; private set; }

    /// <summary>Days after a missed due date that the customer is reminded and a collections task is made; null: none.</summary>
    public int? ReminderDaysAfter { get; private set; }

    /// <summary>
    /// Lifetime purchases (net of returns) at or above which an account qualifies for membership (seed
    /// membership-customers.md); null: no automatic activation.
    /// </summary>
    public decimal? MembershipThreshold { get; private set; }

    /// <summary>Whether the daily job makes qualifying accounts members; otherwise an admin previews and applies.</summary>
    public bool AutoActivateMembership { get; private set; }

    public const decimal MaxStaffDiscountPercent = 50m;

    /// <summary>The discount, in %, a customer who is one of the group's employees gets on purchases here; null: none.</summary>
    public decimal? StaffDiscountPercent { get; private set; }

    public int Version { get; set; }

    private Division()
    {
    }

    public Division(int businessId, string name, string code, DivisionType type)
    {
        BusinessId = businessId;
        Update(name, code, type, isActive: true);
    }

    public void Update(string name, string code, DivisionType type, bool isActive)
    {
        name = (name ?? "").Trim();
        code = (code ?? "").Trim().ToUpperInvariant();

        if (name.Length == 0)
        {
            throw new DomainException("The division needs a name.", nameof(Name));
        }

        if (name.Length > NameMaxLength)
        {
            throw new DomainException($"The division name can be at most {NameMaxLength} characters.", nameof(Name));
        }

        if (!CodePattern().IsMatch(code))
        {
            throw new DomainException("The division code must be exactly three letters, e.g. CLO.", nameof(Code));
        }

        if (!Enum.IsDefined(type))
        {
            throw new DomainException("Choose a division type.", nameof(Type));
        }

        Name = name;
        Code = code;
        Type = type;
        IsActive = isActive;
    }

    public void SetWriteOffApproval(decimal? above)
    {
        if (above is { } amount && (amount < 0 || amount > 100_000_000m || Money.Round(amount) != amount))
        {
            throw new DomainException("The write-off approval amount must be between 0 and 100,000,000, in cents at most.", nameof(WriteOffApprovalAbove));
        }

        WriteOffApprovalAbove = above;
    }

    /// <summary>The automatic reminder policy: each 0 to 60 days, or null for none.</summary>
    public void SetReminders(int? daysBefore, int? daysAfter)
    {
        if (daysBefore is < 0 or > MaxReminderDays)
        {
            throw new DomainException($"Remind 0 to {MaxReminderDays} days before the due date, or leave it blank for no reminder.", nameof(ReminderDaysBefore));
        }

        if (daysAfter is < 1 or > MaxReminderDays)
        {
            throw new DomainException($"Remind 1 to {MaxReminderDays} days after a missed due date, or leave it blank for no reminder.", nameof(ReminderDaysAfter));
        }

        (ReminderDaysBefore, ReminderDaysAfter) = (daysBefore, daysAfter);
    }

    /// <summary>The membership threshold (0 to 100,000,000, in cents at most) and whether the daily job applies it.</summary>
    public void SetMembershipPolicy(decimal? threshold, bool autoActivate)
    {
        if (threshold is { } amount)
        {
            ValidMembershipThreshold(amount, nameof(MembershipThreshold));
        }

        if (autoActivate && threshold is null)
        {
            throw new DomainException("Set a purchase threshold before turning on automatic membership.", nameof(MembershipThreshold));
        }

        (MembershipThreshold, AutoActivateMembership) = (threshold, autoActivate);
    }

    /// <summary>A membership threshold: 0 to 100,000,000, in cents at most (refused for <paramref name="field"/> otherwise).</summary>
    public static void ValidMembershipThreshold(decimal amount, string field)
    {
        if (amount < 0 || amount > 100_000_000m || Money.Round(amount) != amount)
        {
            throw new DomainException("The membership threshold must be between 0 and 100,000,000, in cents at most.", field);
        }
    }

    /// <summary>The staff discount: above 0 and at most 50 %, in hundredths at most; null for none.</summary>
    public void SetStaffDiscount(decimal? percent)
    {
        if (percent is { } p && (p <= 0 || p > MaxStaffDiscountPercent || Math.Round(p, 2) != p))
        {
            throw new DomainException($"The staff discount must be above 0 and at most {MaxStaffDiscountPercent:0} %, or blank for none.", nameof(StaffDiscountPercent));
        }

        StaffDiscountPercent = percent;
    }

    /// <summary>Whether a write-off of <paramref name="amount"/> needs an admin's approval too.</summary>
    public bool WriteOffNeedsApproval(decimal amount) => WriteOffApprovalAbove is { } above && amount > above;

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CodePattern();
}
