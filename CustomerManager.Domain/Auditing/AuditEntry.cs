using System.Text.Json;

namespace CustomerManager.Domain.Auditing;

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
}

/// <summary>One old/new pair of a changed field. Values are invariant-culture strings; null means no value.</summary>
public sealed record AuditFieldChange(string Field, string? OldValue, string? NewValue);

/// <summary>
/// One create, update or delete of a business record, written by the SaveChanges interceptor in the same transaction.
/// Append-only: the DbContext refuses to update or delete these rows and the database has triggers that refuse it too.
/// </summary>
public class AuditEntry : Common.IAppendOnly
{
    public long Id { get; private set; }

    public DateTime OccurredAtUtc { get; private set; }

    public string? UserId { get; private set; }

    public string UserName { get; private set; } = "";

    /// <summary>The entity's CLR type name, e.g. Division.</summary>
    public string EntityType { get; private set; } = "";

    /// <summary>The primary key as text (composite keys joined by "|").</summary>
    public string EntityKey { get; private set; } = "";

    public AuditAction Action { get; private set; }

    /// <summary>The changed fields as a JSON array of <see cref="AuditFieldChange"/>.</summary>
    public string ChangesJson { get; private set; } = "[]";

    private AuditEntry()
    {
    }

    public AuditEntry(
        DateTime occurredAtUtc,
        string? userId,
        string userName,
        string entityType,
        string entityKey,
        AuditAction action,
        IReadOnlyList<AuditFieldChange> changes)
    {
        OccurredAtUtc = occurredAtUtc;
        UserId = userId;
        UserName = userName;
        EntityType = entityType;
        EntityKey = entityKey;
        Action = action;
        ChangesJson = JsonSerializer.Serialize(changes);
    }

    /// <summary>
    /// When a pseudonymisation removed personal values from <see cref="ChangesJson"/>: the only change the database
    /// allows on an audit row (its trigger refuses any other column, and a value change without this stamp).
    /// </summary>
    public DateTime? PersonalDataRemovedAtUtc { get; private set; }

    /// <summary>
    /// The changes with every personal value replaced by <see cref="Common.Pseudonym.Removed"/>, or null when none was
    /// there. Written with a set-based update (see PrivacyService), never through the change tracker.
    /// </summary>
    public string? ChangesWithout(Func<AuditFieldChange, string, bool> isPersonal)
    {
        var changed = false;
        var changes = Changes.Select(c =>
        {
            var oldValue = c.OldValue is not null && isPersonal(c, c.OldValue) ? Common.Pseudonym.Removed : c.OldValue;
            var newValue = c.NewValue is not null && isPersonal(c, c.NewValue) ? Common.Pseudonym.Removed : c.NewValue;
            changed |= oldValue != c.OldValue || newValue != c.NewValue;
            return c with { OldValue = oldValue, NewValue = newValue };
        }).ToList();
        return changed ? JsonSerializer.Serialize(changes) : null;
    }

    public IReadOnlyList<AuditFieldChange> Changes =>
        JsonSerializer.Deserialize<List<AuditFieldChange>>(ChangesJson) ?? [];
}
