using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Assignments;

/// <summary>What an employee does for the customer or institution they are assigned to.</summary>
public enum AssignmentRole
{
    AccountManager,
    CollectionsOfficer,
    SalesRepresentative,
    RelationshipManager,
    Support,
}

/// <summary>Why assignments were handed to another employee.</summary>
public enum TransferReason
{
    Leave,
    Resignation,
    Rebalancing,
    Other,
}

/// <summary>What the assignment form holds.</summary>
public sealed record AssignmentInput(int EmployeeId, AssignmentRole Role, DateOnly? StartDate = null, string? Note = null);

/// <summary>
/// An employee looking after a customer (<see cref="CustomerAssignment"/>) or an institution
/// (<see cref="InstitutionAssignment"/>) in a role (DOMAIN.md §2). Never deleted: ending it keeps the row inactive with
/// its end date, and a transfer ends one and starts the next (linked by <see cref="TransferredFromId"/>), so the whole
/// history per customer and per employee remains.
/// </summary>
public abstract class Assignment
{
    public const int NoteMaxLength = 500;

    public int Id { get; private set; }

    public int EmployeeId { get; private set; }

    public AssignmentRole Role { get; private set; }

    public DateOnly StartDate { get; private set; }

    public DateOnly? EndDate { get; private set; }

    public bool IsActive { get; private set; } = true;

    public string? Note { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTime? EndedAtUtc { get; private set; }

    public string? EndedBy { get; private set; }

    /// <summary>Set when a transfer ended it.</summary>
    public TransferReason? TransferReason { get; private set; }

    /// <summary>The assignment this one continues (the previous employee's), when a transfer started it.</summary>
    public int? TransferredFromId { get; private set; }

    protected Assignment()
    {
    }

    protected Assignment(AssignmentInput input, DateOnly today, DateTime nowUtc, string userName, int? transferredFromId = null)
    {
        if (!Enum.IsDefined(input.Role))
        {
            throw new DomainException($"There is no assignment role \"{input.Role}\". Choose one of: {string.Join(", ", Enum.GetValues<AssignmentRole>().Select(r => r.Words()))}.", nameof(Role));
        }

        var start = input.StartDate ?? today;
        if (start > today.AddYears(1))
        {
            throw new DomainException("The start date is more than a year ahead; check the year.", nameof(StartDate));
        }

        EmployeeId = input.EmployeeId;
        Role = input.Role;
        StartDate = start;
        Note = TextRules.Optional(input.Note, NoteMaxLength, "note", nameof(Note));
        CreatedAtUtc = nowUtc;
        CreatedBy = userName;
        TransferredFromId = transferredFromId;
    }

    protected void SetNote(string? note) => Note = note;

    /// <summary>The same role for the same customer or institution.</summary>
    public abstract bool SameTarget(Assignment other);

    public void End(DateOnly today, DateTime nowUtc, string userName, TransferReason? reason = null)
    {
        if (!IsActive)
        {
            throw new DomainException("This assignment has already ended.");
        }

        IsActive = false;
        EndDate = today < StartDate ? StartDate : today;
        EndedAtUtc = nowUtc;
        EndedBy = userName;
        TransferReason = reason;
    }

    /// <summary>The next employee's assignment: same customer or institution, role, start today, note kept.</summary>
    public abstract Assignment ContinueWith(int employeeId, DateOnly today, DateTime nowUtc, string userName);
}

public class CustomerAssignment : Assignment, IBelongsToCustomer, IHoldsPersonalData
{
    private static readonly string[] PersonalFields = [nameof(Note)];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> PersonalProperties => PersonalFields;

    /// <summary>A note may name the customer: a pseudonymisation removes those words.</summary>
    public void RemovePersonalData(IReadOnlyList<string> personalValues) => SetNote(PersonalText.Without(Note, personalValues));

    public int CustomerId { get; private set; }

    private CustomerAssignment()
    {
    }

    public CustomerAssignment(int customerId, AssignmentInput input, DateOnly today, DateTime nowUtc, string userName, int? transferredFromId = null)
        : base(input, today, nowUtc, userName, transferredFromId) => CustomerId = customerId;

    public override bool SameTarget(Assignment other) => other is CustomerAssignment c && c.CustomerId == CustomerId && c.Role == Role;

    public override Assignment ContinueWith(int employeeId, DateOnly today, DateTime nowUtc, string userName) =>
        new CustomerAssignment(CustomerId, new AssignmentInput(employeeId, Role, today, Note), today, nowUtc, userName, Id);

    public void MoveToCustomer(int customerId) => CustomerId = customerId;
}

public class InstitutionAssignment : Assignment
{
    public int InstitutionId { get; private set; }

    private InstitutionAssignment()
    {
    }

    public InstitutionAssignment(int institutionId, AssignmentInput input, DateOnly today, DateTime nowUtc, string userName, int? transferredFromId = null)
        : base(input, today, nowUtc, userName, transferredFromId) => InstitutionId = institutionId;

    public override bool SameTarget(Assignment other) => other is InstitutionAssignment i && i.InstitutionId == InstitutionId && i.Role == Role;

    public override Assignment ContinueWith(int employeeId, DateOnly today, DateTime nowUtc, string userName) =>
        new InstitutionAssignment(InstitutionId, new AssignmentInput(employeeId, Role, today, Note), today, nowUtc, userName, Id);
}
