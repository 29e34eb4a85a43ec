using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Tasks;

/// <summary>A follow-up as typed on the form: the related record is one of the customer's laybys or accounts, or none.</summary>
public sealed record TaskInput(string? Title, string? Notes, DateOnly? DueDate, string? AssigneeUserName, int? LaybyId = null, int? DivisionAccountId = null);

/// <summary>Where a task stands on a given day: what the home page sorts and colours by.</summary>
public enum TaskStanding
{
    Overdue,
    DueToday,
    Upcoming,
    Done,
}

/// <summary>
/// A follow-up reminder (DOMAIN.md §8): something a user must do about a customer by a local day ("call back about the
/// layby", "check the payment arrived"), assigned to a user, optionally about one of the customer's laybys or
/// accounts, and ticked off when done (and reopened when it was not). Tasks the system creates carry a
/// <see cref="DedupeKey"/> so the same reminder is never created twice.
/// </summary>
public class FollowUpTask : IVersioned, IBelongsToCustomer, IHoldsPersonalData
{
    public const int TitleMaxLength = 200;
    public const int NotesMaxLength = 4_000;
    public const int DedupeKeyMaxLength = 200;
    public const int UserNameMaxLength = 256;

    public int Id { get; private set; }

    public int CustomerId { get; private set; }

    public string Title { get; private set; } = "";

    public string? Notes { get; private set; }

    /// <summary>The local day it is due (the business's time zone).</summary>
    public DateOnly DueDate { get; private set; }

    /// <summary>The sign-in name of the user who is to do it.</summary>
    public string AssigneeUserName { get; private set; } = "";

    public int? LaybyId { get; private set; }

    public int? DivisionAccountId { get; private set; }

    /// <summary>The division of the related layby or account (null without one): the division limits that apply.</summary>
    public int? DivisionId { get; private set; }

    public bool IsDone { get; private set; }

    public string? DoneBy { get; private set; }

    public DateTime? DoneAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? EditedAtUtc { get; private set; }

    /// <summary>Set on tasks the system creates (e.g. "collections:layby:42:instalment:3"): unique, so never created twice.</summary>
    public string? DedupeKey { get; private set; }

    public int Version { get; set; }

    private FollowUpTask()
    {
    }

    /// <summary>A task typed by a user: due today or later.</summary>
    public static FollowUpTask Create(int customerId, TaskInput input, int? divisionId, string createdBy, DateTime nowUtc, DateOnly today)
    {
        var task = new FollowUpTask { CustomerId = customerId, CreatedBy = createdBy, CreatedAtUtc = nowUtc };
        task.Apply(input, divisionId, today);
        if (task.DueDate < today)
        {
            throw new DomainException("The due date is in the past: choose today or a later day.", nameof(DueDate));
        }

        return task;
    }

    /// <summary>A task the system creates once for <paramref name="dedupeKey"/>.</summary>
    public static FollowUpTask System(
        string dedupeKey, int customerId, TaskInput input, int? divisionId, string createdBy, DateTime nowUtc, DateOnly today)
    {
        var task = new FollowUpTask
        {
            CustomerId = customerId,
            CreatedBy = createdBy,
            CreatedAtUtc = nowUtc,
            DedupeKey = TextRules.Required(dedupeKey, DedupeKeyMaxLength, "reminder key", nameof(DedupeKey)),
        };
        task.Apply(input, divisionId, today);
        return task;
    }

    public void Edit(TaskInput input, int? divisionId, DateTime nowUtc, DateOnly today)
    {
        var before = DueDate;
        Apply(input, divisionId, today);
        if (DueDate < today && DueDate != before)
        {
            throw new DomainException("The due date is in the past: choose today or a later day.", nameof(DueDate));
        }

        EditedAtUtc = nowUtc;
    }

    public void Complete(string userName, DateTime nowUtc)
    {
        if (IsDone)
        {
            throw new DomainException($"This task was already done by {DoneBy}.");
        }

        (IsDone, DoneBy, DoneAtUtc) = (true, userName, nowUtc);
    }

    public void Reopen()
    {
        if (!IsDone)
        {
            throw new DomainException("This task is still open.");
        }

        (IsDone, DoneBy, DoneAtUtc) = (false, null, null);
    }

    public TaskStanding Standing(DateOnly today) =>
        IsDone ? TaskStanding.Done : DueDate < today ? TaskStanding.Overdue : DueDate == today ? TaskStanding.DueToday : TaskStanding.Upcoming;

    public TaskInput ToInput() => new(Title, Notes, DueDate, AssigneeUserName, LaybyId, DivisionAccountId);

    public void MoveToCustomer(int customerId) => CustomerId = customerId;

    private static readonly string[] PersonalFields = [nameof(Title), nameof(Notes)];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> PersonalProperties => PersonalFields;

    /// <summary>The notes are free text about the customer (removed whole); the title loses the customer's personal values.</summary>
    public void RemovePersonalData(IReadOnlyList<string> personalValues) =>
        (Title, Notes) = (PersonalText.Without(Title, personalValues) ?? Pseudonym.Removed, Notes is null ? null : Pseudonym.Removed);

    private void Apply(TaskInput input, int? divisionId, DateOnly today)
    {
        if (input.LaybyId is not null && input.DivisionAccountId is not null)
        {
            throw new DomainException("A task is about one layby or one account, not both.", "Related");
        }

        if (input.DueDate is not { } due)
        {
            throw new DomainException("Choose the day it is due.", nameof(DueDate));
        }

        if (due > today.AddYears(2))
        {
            throw new DomainException("The due date is more than two years away; check it.", nameof(DueDate));
        }

        Title = TextRules.Required(input.Title, TitleMaxLength, "title", nameof(Title));
        Notes = TextRules.Optional(input.Notes, NotesMaxLength, "notes", nameof(Notes));
        AssigneeUserName = TextRules.Required(input.AssigneeUserName, UserNameMaxLength, "assignee", "Assignee");
        DueDate = due;
        LaybyId = input.LaybyId;
        DivisionAccountId = input.DivisionAccountId;
        DivisionId = divisionId;
    }
}
