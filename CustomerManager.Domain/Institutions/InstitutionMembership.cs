using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Institutions;

/// <summary>
/// One period of a customer's membership of an institution with one designation: the history behind
/// <see cref="Customers.Customer.InstitutionId"/>. Joining opens a row, leaving, moving or a new designation closes it
/// (and a move or a new designation opens the next), so where a customer belonged and as what is never lost. A merge
/// moves these rows with the customer.
/// </summary>
public class InstitutionMembership : IBelongsToCustomer
{
    public const int ReasonMaxLength = 200;

    public int Id { get; private set; }

    public int CustomerId { get; private set; }

    public int InstitutionId { get; private set; }

    public Designation Designation { get; private set; }

    public DateTime StartedAtUtc { get; private set; }

    public string StartedBy { get; private set; } = "";

    public DateTime? EndedAtUtc { get; private set; }

    public string? EndedBy { get; private set; }

    /// <summary>Why it ended: "Moved to UCT", "Designation changed", "Removed", "Merged into UCST-000012".</summary>
    public string? EndReason { get; private set; }

    public bool IsCurrent => EndedAtUtc is null;

    private InstitutionMembership()
    {
    }

    public InstitutionMembership(int customerId, int institutionId, Designation designation, DateTime nowUtc, string userName)
    {
        if (!Enum.IsDefined(designation))
        {
            throw new DomainException("Choose the member's designation.", nameof(Designation));
        }

        CustomerId = customerId;
        InstitutionId = institutionId;
        Designation = designation;
        StartedAtUtc = nowUtc;
        StartedBy = userName;
    }

    public void End(DateTime nowUtc, string userName, string reason)
    {
        if (EndedAtUtc is not null)
        {
            throw new InvalidOperationException("This membership has already ended.");
        }

        EndedAtUtc = nowUtc;
        EndedBy = userName;
        EndReason = reason.Length > ReasonMaxLength ? reason[..ReasonMaxLength] : reason;
    }

    /// <summary>An undone merge gives the duplicate back the membership the merge ended.</summary>
    internal void Reopen()
    {
        EndedAtUtc = null;
        EndedBy = null;
        EndReason = null;
    }

    public void MoveToCustomer(int customerId) => CustomerId = customerId;
}
