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

    public IReadOnlyList<AuditFieldChange> Changes =>
        JsonSerializer.Deserialize<List<AuditFieldChange>>(ChangesJson) ?? [];
}
