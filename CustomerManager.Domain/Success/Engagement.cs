using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Success;

public enum EngagementType
{
    Meeting,
    Call,
    Email,
    Note,
    Demo,
    Training,
    Review,
}

public enum EngagementOutcome
{
    Positive,
    Neutral,
    Negative,
}

/// <summary>What the engagement form holds. A held engagement has an outcome; a planned one is on a later day.</summary>
public sealed record EngagementInput(
    EngagementType Type,
    string? Title,
    DateOnly? Date,
    bool Held,
    int? DurationMinutes,
    string? Attendees,
    EngagementOutcome? Outcome,
    string? Notes);

/// <summary>
/// A meeting, call, e-mail, note, demo, training or review with a customer (DOMAIN.md §10, issue 20): its local day,
/// duration, attendees (employees and the customer's contact persons, as typed), outcome and notes. Held engagements
/// count for the health score's engagement component; planned ones are on a later day and have no outcome yet.
/// </summary>
public class Engagement : IVersioned, IBelongsToCustomer, IHoldsPersonalData
{
    public const int TitleMaxLength = 200;
    public const int AttendeesMaxLength = 1_000;
    public const int NotesMaxLength = 4_000;
    public const int UserNameMaxLength = 256;
    public const int MaxDurationMinutes = 24 * 60;

    public int Id { get; private set; }

    public int CustomerId { get; private set; }

    public EngagementType Type { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>The local day it took (or takes) place.</summary>
    public DateOnly Date { get; private set; }

    public bool Held { get; private set; }

    public int? DurationMinutes { get; private set; }

    public string? Attendees { get; private set; }

    public EngagementOutcome? Outcome { get; private set; }

    public string? Notes { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    public int Version { get; set; }

    private Engagement()
    {
    }

    public Engagement(int customerId, EngagementInput input, string createdBy, DateTime nowUtc, DateOnly today)
    {
        CustomerId = customerId;
        CreatedBy = createdBy;
        CreatedAtUtc = nowUtc;
        Apply(input, today);
    }

    public void Edit(EngagementInput input, DateOnly today) => Apply(input, today);

    public void MoveToCustomer(int customerId) => CustomerId = customerId;

    private static readonly string[] PersonalFields = [nameof(Title), nameof(Attendees), nameof(Notes)];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> PersonalProperties => PersonalFields;

    public void RemovePersonalData(IReadOnlyList<string> personalValues) =>
        (Title, Attendees, Notes) = (PersonalText.Without(Title, personalValues) ?? Pseudonym.Removed, Attendees is null ? null : Pseudonym.Removed, Notes is null ? null : Pseudonym.Removed);

    private void Apply(EngagementInput input, DateOnly today)
    {
        if (input.Date is not { } date)
        {
            throw new DomainException("Choose the day of the engagement.", nameof(Date));
        }

        if (input.Held && date > today)
        {
            throw new DomainException($"An engagement on {date:yyyy-MM-dd} is in the future: it cannot have been held yet. Untick \"held\" to plan it.", nameof(Held));
        }

        if (date < today.AddYears(-10) || date > today.AddYears(2))
        {
            throw new DomainException("The day is more than ten years ago or two years ahead; check it.", nameof(Date));
        }

        if (input.Held && input.Outcome is null)
        {
            throw new DomainException("Choose the outcome of the engagement: positive, neutral or negative.", nameof(Outcome));
        }

        if (!input.Held && input.Outcome is not null)
        {
            throw new DomainException("A planned engagement has no outcome yet.", nameof(Outcome));
        }

        if (input.DurationMinutes is { } minutes && (minutes <= 0 || minutes > MaxDurationMinutes))
        {
            throw new DomainException("The duration must be from 1 minute to 24 hours.", nameof(DurationMinutes));
        }

        Title = TextRules.Required(input.Title, TitleMaxLength, "subject", nameof(Title));
        Attendees = TextRules.Optional(input.Attendees, AttendeesMaxLength, "attendees", nameof(Attendees));
        Notes = TextRules.Optional(input.Notes, NotesMaxLength, "notes", nameof(Notes));
        (Type, Date, Held, DurationMinutes, Outcome) = (input.Type, date, input.Held, input.DurationMinutes, input.Outcome);
    }
}
