using System.Globalization;
using CustomerManager.Domain.Auditing;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Privacy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace CustomerManager.Data.Auditing;

/// <summary>What SavingChanges captured, completed with generated keys once the rows are saved.</summary>
internal sealed class PendingAudit
{
    public required List<(EntityEntry Entry, AuditAction Action, List<AuditFieldChange> Changes)> Rows { get; init; }

    /// <summary>The transaction this interceptor opened, so the audit rows commit or roll back with the change.</summary>
    public IDbContextTransaction? OwnedTransaction { get; set; }
}

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every create, update and delete of a business record, with old and new value
/// per changed field, in the same transaction as the change. Audit rows themselves can only be added.
/// </summary>
public sealed class AuditSaveChangesInterceptor(ICurrentUser currentUser, TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>Identity plumbing with nothing a person changes, or secrets: not audited.</summary>
    private static readonly HashSet<Type> IgnoredTypes =
    [
        typeof(AuditEntry),
        typeof(Domain.Numbering.NumberSequence),
        typeof(IdentityUserToken<string>),
        typeof(IdentityUserLogin<string>),
        typeof(IdentityUserClaim<string>),
        typeof(IdentityRoleClaim<string>),
    ];

    /// <summary>Fields that change as a side effect or hold secrets; the password hash is recorded as masked.</summary>
    private static readonly HashSet<string> IgnoredProperties =
    [
        nameof(IVersioned.Version), "SecurityStamp", "ConcurrencyStamp", "NormalizedUserName", "NormalizedEmail",
        "NormalizedName",
    ];

    private const string MaskedProperty = "PasswordHash";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Capture(eventData.Context) is { } pending && eventData.Context!.Database.CurrentTransaction is null)
        {
            pending.OwnedTransaction = eventData.Context.Database.BeginTransaction();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Capture(eventData.Context) is { } pending && eventData.Context!.Database.CurrentTransaction is null)
        {
            pending.OwnedTransaction = await eventData.Context.Database.BeginTransactionAsync(cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Complete(eventData.Context) is { } pending)
        {
            eventData.Context!.SaveChanges();
            pending.OwnedTransaction?.Commit();
            pending.OwnedTransaction?.Dispose();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Complete(eventData.Context) is { } pending)
        {
            await eventData.Context!.SaveChangesAsync(cancellationToken);
            if (pending.OwnedTransaction is { } transaction)
            {
                await transaction.CommitAsync(cancellationToken);
                await transaction.DisposeAsync();
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Abandon(DbContext? context)
    {
        if (context is CustomerDbContext db && db.PendingAudit is { } pending)
        {
            db.PendingAudit = null;
            pending.OwnedTransaction?.Dispose(); // disposing an uncommitted transaction rolls it back
        }
    }

    /// <summary>A movable append-only row whose owner alone changed (a merge moving it): allowed, and audited.</summary>
    private static bool IsMoveOnly(EntityEntry entry) =>
        entry.State == EntityState.Modified && entry.Entity is IMovableAppendOnly movable
        && entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).SequenceEqual([movable.OwnerProperty]);

    /// <summary>
    /// In the save that records a pseudonymisation (a <see cref="PrivacyRequest"/> of that kind is added), an
    /// append-only row holding personal data may have exactly its personal fields overwritten.
    /// </summary>
    private static bool IsPersonalDataRemoval(EntityEntry entry, bool pseudonymising) =>
        pseudonymising && entry.State == EntityState.Modified && entry.Entity is IHoldsPersonalData holder
        && entry.Properties.Where(p => p.IsModified).All(p => holder.PersonalProperties.Contains(p.Metadata.Name));

    private static PendingAudit? Capture(DbContext? context)
    {
        if (context is not CustomerDbContext db)
        {
            return null;
        }

        db.ChangeTracker.DetectChanges();
        // The marker of a pseudonymisation: none of this save's audit rows may keep an old (personal) value.
        var pseudonymising = db.ChangeTracker.Entries<PrivacyRequest>()
            .Any(e => e.State == EntityState.Added && e.Entity.Kind == PrivacyRequestKind.Pseudonymisation);
        var rows = new List<(EntityEntry, AuditAction, List<AuditFieldChange>)>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.Entity is IAppendOnly && entry.State is EntityState.Modified or EntityState.Deleted && !IsMoveOnly(entry)
                && !IsPersonalDataRemoval(entry, pseudonymising))
            {
                throw new InvalidOperationException(
                    $"{entry.Metadata.ClrType.Name} rows are append-only: they cannot be changed or deleted (post a reversal instead).");
            }

            if (IgnoredTypes.Contains(entry.Metadata.ClrType) || entry.Metadata.IsOwned())
            {
                continue;
            }

            if (pseudonymising && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                var removed = Changes(entry, p => (p.OriginalValue, entry.State == EntityState.Deleted ? null : p.CurrentValue),
                        onlyModified: entry.State == EntityState.Modified)
                    .Select(c => c with { OldValue = c.OldValue is null ? null : Pseudonym.Removed })
                    .ToList();
                if (removed.Count > 0)
                {
                    rows.Add((entry, entry.State == EntityState.Deleted ? AuditAction.Deleted : AuditAction.Updated, removed));
                }

                continue;
            }

            switch (entry.State)
            {
                case EntityState.Added:
                    rows.Add((entry, AuditAction.Created, Changes(entry, p => (null, p.CurrentValue))));
                    break;
                case EntityState.Deleted:
                    rows.Add((entry, AuditAction.Deleted, Changes(entry, p => (p.OriginalValue, null))));
                    break;
                case EntityState.Modified:
                    var changes = Changes(entry, p => (p.OriginalValue, p.CurrentValue), onlyModified: true);
                    if (changes.Count > 0)
                    {
                        rows.Add((entry, AuditAction.Updated, changes));
                    }

                    break;
            }
        }

        if (rows.Count == 0)
        {
            return null;
        }

        db.PendingAudit = new PendingAudit { Rows = rows };
        return db.PendingAudit;
    }

    private PendingAudit? Complete(DbContext? context)
    {
        if (context is not CustomerDbContext { PendingAudit: { } pending } db)
        {
            return null;
        }

        db.PendingAudit = null;
        var now = clock.GetUtcNow().UtcDateTime;
        var userName = currentUser.IsAuthenticated ? currentUser.UserName : "(anonymous)";
        foreach (var (entry, action, changes) in pending.Rows)
        {
            db.AuditEntries.Add(new AuditEntry(
                now, currentUser.UserId, userName, EntityName(entry), KeyOf(entry), action, changes));
        }

        return pending;
    }

    private static List<AuditFieldChange> Changes(
        EntityEntry entry, Func<PropertyEntry, (object? Old, object? New)> values, bool onlyModified = false)
    {
        var changes = new List<AuditFieldChange>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (IgnoredProperties.Contains(name) || (onlyModified && !property.IsModified))
            {
                continue;
            }

            var (oldValue, newValue) = values(property);
            var oldText = Format(oldValue);
            var newText = Format(newValue);
            if (oldText == newText)
            {
                continue;
            }

            changes.Add(name == MaskedProperty
                ? new AuditFieldChange(name, oldText is null ? null : "(hidden)", newText is null ? null : "(hidden, changed)")
                : new AuditFieldChange(name, oldText, newText));
        }

        return changes;
    }

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null
            ? ""
            : string.Join("|", key.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue)));
    }

    private static string EntityName(EntityEntry entry) => entry.Metadata.ClrType switch
    {
        var t when t == typeof(IdentityUserRole<string>) => "UserRole",
        var t when t == typeof(IdentityRole) => "Role",
        var t when t == typeof(Domain.Users.ApplicationUser) => "User",
        var t => t.Name,
    };

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
