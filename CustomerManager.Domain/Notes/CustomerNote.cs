using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Notes;

public enum NoteType
{
    General,
    Complaint,
    Credit,
    Collections,
    Delivery,
    Other,
}

public enum NotePriority
{
    Low,
    Normal,
    High,
    Urgent,
}

/// <summary>What a note says, as typed on the form.</summary>
public sealed record NoteInput(NoteType Type, string? Subject, string? Text, NotePriority Priority, bool IsPrivate, bool IsAlert);

/// <summary>
/// A note on a customer (DOMAIN.md §8, seed CustomerNote): type, subject, text, priority; private notes are for their
/// author and admins; alert notes ("do not extend credit") show as a banner wherever the customer is opened. Edited and
/// deleted only by the author or an admin; every change is in the audit trail.
/// </summary>
public class CustomerNote : IVersioned, IBelongsToCustomer, IHoldsPersonalData
{
    public const int SubjectMaxLength = 200;
    public const int TextMaxLength = 10_000;

    public int Id { get; private set; }

    public int CustomerId { get; private set; }

    public NoteType Type { get; private set; }

    public string Subject { get; private set; } = "";

    public string Text { get; private set; } = "";

    public NotePriority Priority { get; private set; }

    public bool IsPrivate { get; private set; }

    public bool IsAlert { get; private set; }

    public string Author { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? EditedAtUtc { get; private set; }

    public int Version { get; set; }

    private CustomerNote()
    {
    }

    public CustomerNote(int customerId, NoteInput input, string author, DateTime nowUtc)
    {
        CustomerId = customerId;
        Author = author;
        CreatedAtUtc = nowUtc;
        Apply(input);
    }

    /// <summary>The author or an admin may change or delete a note.</summary>
    public bool MayChange(string userName, bool isAdmin) => isAdmin || string.Equals(Author, userName, StringComparison.OrdinalIgnoreCase);

    /// <summary>A private note is read by its author and admins only.</summary>
    public bool MayRead(string userName, bool isAdmin) => !IsPrivate || MayChange(userName, isAdmin);

    public void Edit(NoteInput input, DateTime nowUtc)
    {
        Apply(input);
        EditedAtUtc = nowUtc;
    }

    public void MoveToCustomer(int customerId) => CustomerId = customerId;

    private static readonly string[] PersonalFields = [nameof(Subject), nameof(Text)];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> PersonalProperties => PersonalFields;

    /// <summary>A note is free text about the customer: a pseudonymisation removes it whole.</summary>
    public void RemovePersonalData(IReadOnlyList<string> personalValues) => (Subject, Text) = (Pseudonym.Removed, Pseudonym.Removed);

    private void Apply(NoteInput input)
    {
        if (!Enum.IsDefined(input.Type))
        {
            throw new DomainException("Choose the kind of note.", nameof(Type));
        }

        if (!Enum.IsDefined(input.Priority))
        {
            throw new DomainException("Choose a priority.", nameof(Priority));
        }

        Subject = TextRules.Required(input.Subject, SubjectMaxLength, "subject", nameof(Subject));
        Text = TextRules.Required(input.Text, TextMaxLength, "note", nameof(Text));
        Type = input.Type;
        Priority = input.Priority;
        IsPrivate = input.IsPrivate;
        IsAlert = input.IsAlert;
    }
}
