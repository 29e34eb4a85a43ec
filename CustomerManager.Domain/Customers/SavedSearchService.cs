using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Customers;

public sealed record SavedSearchItem(int Id, string Name, string Query, bool IsShared, string OwnerUserName, bool IsMine, bool CanChange);

/// <summary>
/// Saved searches of the customer list: everyone sees their own and the shared ones; only the owner or an admin
/// renames, shares or deletes one (checked here, on the server).
/// </summary>
public sealed class SavedSearchService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    public async Task<IReadOnlyList<SavedSearchItem>> ListAsync(CancellationToken cancellationToken = default)
    {
        var userId = RequireUser();
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var rows = await db.SavedSearches.AsNoTracking()
            .Where(s => s.OwnerUserId == userId || s.IsShared)
            .OrderBy(s => s.Name).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(Item).ToList();
    }

    public async Task<SavedSearchItem> SaveAsync(string name, CustomerQuery query, bool shared, CancellationToken cancellationToken = default)
    {
        var userId = RequireUser();
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var search = new SavedSearch(name, query, shared, userId, currentUser.UserName, clock.UtcNow);
        db.SavedSearches.Add(search);
        await db.SaveChangesAsync(cancellationToken);
        return Item(search);
    }

    public Task<SavedSearchItem> RenameAsync(int id, string name, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, s => s.Rename(name, clock.UtcNow), cancellationToken);

    public Task<SavedSearchItem> ShareAsync(int id, bool shared, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, s => s.Share(shared, clock.UtcNow), cancellationToken);

    public Task<SavedSearchItem> ReplaceAsync(int id, CustomerQuery query, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, s => s.Replace(query, clock.UtcNow), cancellationToken);

    public async Task DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        RequireUser();
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var search = await FindChangeableAsync(db, id, cancellationToken);
        db.SavedSearches.Remove(search);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<SavedSearchItem> ChangeAsync(int id, Action<SavedSearch> change, CancellationToken cancellationToken)
    {
        RequireUser();
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var search = await FindChangeableAsync(db, id, cancellationToken);
        change(search);
        await db.SaveChangesAsync(cancellationToken);
        return Item(search);
    }

    /// <summary>Someone else's private search is "not found" (its existence is private too); a shared one is refused.</summary>
    private async Task<SavedSearch> FindChangeableAsync(ICustomerDb db, int id, CancellationToken cancellationToken)
    {
        var search = await db.SavedSearches.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (search is null || (!search.IsShared && !IsMine(search) && !currentUser.IsInRole(Roles.Admin)))
        {
            throw new NotFoundException("That saved search does not exist.");
        }

        if (!CanChange(search))
        {
            throw new AccessDeniedException($"Only {search.OwnerUserName}, who saved \"{search.Name}\", or an admin can change or delete it.");
        }

        return search;
    }

    private string RequireUser()
    {
        currentUser.Require(Roles.All.ToArray());
        return currentUser.UserId ?? throw new AccessDeniedException("You need to sign in first.");
    }

    private bool IsMine(SavedSearch s) => s.OwnerUserId == currentUser.UserId;

    private bool CanChange(SavedSearch s) => IsMine(s) || currentUser.IsInRole(Roles.Admin);

    private SavedSearchItem Item(SavedSearch s) => new(s.Id, s.Name, s.Query, s.IsShared, s.OwnerUserName, IsMine(s), CanChange(s));
}
