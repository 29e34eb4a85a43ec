using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Privacy;

public enum PrivacyRequestKind
{
    Export,
    Pseudonymisation,
}

/// <summary>
/// The log of privacy requests (DOMAIN.md §11): who exported or pseudonymised which customer, and when. Append-only.
/// A pseudonymisation row added in a save is also the marker the audit interceptor honours: that save's audit rows
/// keep no old values, and append-only rows holding personal data may have exactly those fields overwritten.
/// </summary>
public class PrivacyRequest : IAppendOnly
{
    public long Id { get; private set; }

    public int CustomerId { get; private set; }

    /// <summary>The customer number (not personal; the record keeps it after pseudonymisation).</summary>
    public string CustomerNumber { get; private set; } = "";

    public PrivacyRequestKind Kind { get; private set; }

    public string UserName { get; private set; } = "";

    public DateTime OccurredAtUtc { get; private set; }

    private PrivacyRequest()
    {
    }

    public PrivacyRequest(int customerId, string customerNumber, PrivacyRequestKind kind, string userName, DateTime occurredAtUtc)
    {
        CustomerId = customerId;
        CustomerNumber = customerNumber;
        Kind = kind;
        UserName = userName;
        OccurredAtUtc = occurredAtUtc;
    }
}
