using CustomerManager.Domain.Common;
using CustomerManager.Domain.Purchases;

namespace CustomerManager.Domain.Accounts;

/// <summary>How the business treats an account (core seed): most are retail; VIP, wholesale and loyalty accounts are chosen.</summary>
public enum AccountType
{
    Retail,
    Vip,
    Wholesale,
    Loyalty,
}

/// <summary>How an account became a member, or stopped being one.</summary>
public enum MembershipChange
{
    /// <summary>Set or ended by hand (the profile or the members list).</summary>
    Manual,

    /// <summary>Made a member by the division's purchase threshold (an admin's "apply" or the daily job).</summary>
    Threshold,
}

/// <summary>Membership (seed membership-customers.md, DOMAIN.md §9) and the account's type, segment and preferred payment.</summary>
public partial class DivisionAccount
{
    public const int SegmentMaxLength = 50;

    public bool IsMember { get; private set; }

    /// <summary>When the account last became a member (kept after it ends, with <see cref="IsMember"/> false).</summary>
    public DateTime? MemberSinceUtc { get; private set; }

    /// <summary>Who last changed the membership ("system" for the daily job) and how.</summary>
    public string? MembershipChangedBy { get; private set; }

    public MembershipChange? MembershipChangedHow { get; private set; }

    public AccountType AccountType { get; private set; } = AccountType.Retail;

    /// <summary>A segment from the business's list (admin-defined, e.g. "Students", "Trade"); null: none.</summary>
    public string? Segment { get; private set; }

    public Tender? PreferredTender { get; private set; }

    /// <summary>
    /// Makes the account a member or ends its membership. Returns false when nothing changes (already so). A closed or
    /// blacklisted account cannot become a member.
    /// </summary>
    public bool SetMembership(bool member, MembershipChange how, string by, DateTime nowUtc)
    {
        if (member == IsMember)
        {
            return false;
        }

        if (member && Status is DivisionAccountStatus.Closed or DivisionAccountStatus.Blacklisted)
        {
            throw new DomainException($"Account {AccountNumber} is {Status.Words().ToLowerInvariant()}; it cannot become a member.", nameof(IsMember));
        }

        IsMember = member;
        if (member)
        {
            MemberSinceUtc = nowUtc;
        }

        (MembershipChangedBy, MembershipChangedHow) = (by, how);
        return true;
    }

    /// <summary>The account's type, segment (one of <paramref name="segments"/>, or none) and preferred payment method.</summary>
    public void Classify(AccountType type, string? segment, Tender? preferred, IReadOnlyCollection<string> segments)
    {
        if (!Enum.IsDefined(type))
        {
            throw new DomainException("Choose an account type: retail, VIP, wholesale or loyalty.", nameof(AccountType));
        }

        segment = string.IsNullOrWhiteSpace(segment) ? null : segment.Trim();
        if (segment is not null && !segments.Contains(segment, StringComparer.OrdinalIgnoreCase))
        {
            throw new DomainException($"\"{segment}\" is not one of the business's segments; an admin adds segments under Organisation.", nameof(Segment));
        }

        if (preferred is { } tender && (!Enum.IsDefined(tender) || tender == Tender.Layby))
        {
            throw new DomainException("Choose cash, card, mobile money, bank transfer, cheque or on account as the preferred payment.", nameof(PreferredTender));
        }

        AccountType = type;
        Segment = segment is null ? null : segments.First(s => string.Equals(s, segment, StringComparison.OrdinalIgnoreCase));
        PreferredTender = preferred;
    }
}
