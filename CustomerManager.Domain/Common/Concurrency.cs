using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Common;

/// <summary>Turns the database's concurrency and uniqueness failures into messages a user can act on.</summary>
public static class Concurrency
{
    /// <summary>Refuses to apply an edit made on a version of the record that is no longer current.</summary>
    public static void EnsureVersion(IVersioned entity, int loadedVersion, string what)
    {
        if (entity.Version != loadedVersion)
        {
            throw new ConcurrencyConflictException(
                $"Someone else changed the {what} after you opened it. Reload to see their changes.");
        }
    }

    public static async Task SaveOrExplainAsync(this ICustomerDb db, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(
                "Someone else saved this record at the same moment. Reload and try again.");
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw new DomainException("That value is already used by another record.");
        }
    }
}
