using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Integrations;

public sealed record ApiKeyRow(int Id, string Name, string Lookup, IReadOnlyList<string> Divisions, bool CanWrite, DateTime CreatedAtUtc,
    string CreatedBy, DateTime? RevokedAtUtc, string? RevokedBy, DateTime? LastUsedAtUtc);

/// <summary>API keys (admins make, list and revoke them) and the key check the API runs on every request.</summary>
public sealed class ApiKeyService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    public async Task<(ApiKeyRow Key, string Secret)> CreateAsync(string name, IReadOnlyCollection<int> divisionIds, bool canWrite, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var known = await db.Divisions.Where(d => divisionIds.Contains(d.Id)).CountAsync(cancellationToken);
        if (known != divisionIds.Distinct().Count())
        {
            throw new DomainException("Choose divisions that exist.", "Divisions");
        }

        var (key, secret) = ApiKey.Create(name, divisionIds, canWrite, clock.UtcNow, currentUser.UserName);
        db.ApiKeys.Add(key);
        await db.SaveOrExplainAsync(cancellationToken);
        return ((await RowsAsync(db, key.Id, cancellationToken)).Single(), secret);
    }

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await RowsAsync(db, null, cancellationToken);
    }

    public async Task RevokeAsync(int id, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken) ?? throw new NotFoundException("That API key does not exist.");
        key.Revoke(clock.UtcNow, currentUser.UserName);
        await db.SaveOrExplainAsync(cancellationToken);
    }

    /// <summary>
    /// The key a request presents, if it is one of ours and not revoked (null otherwise). Notes when it was used, at most
    /// once a minute so a busy till does not write on every request.
    /// </summary>
    public async Task<ApiKey?> AuthenticateAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (ApiKey.LookupOf(secret) is not { } lookup)
        {
            return null;
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var key = (await db.ApiKeys.Where(k => k.Lookup == lookup).ToListAsync(cancellationToken)).FirstOrDefault(k => k.Matches(secret!));
        if (key is null || key.RevokedAtUtc is not null)
        {
            return null;
        }

        if (key.LastUsedAtUtc is not { } last || clock.UtcNow - last > TimeSpan.FromMinutes(1))
        {
            key.Used(clock.UtcNow);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another request of the same key noted it at the same moment.
            }
        }

        return key;
    }

    private static async Task<IReadOnlyList<ApiKeyRow>> RowsAsync(ICustomerDb db, int? id, CancellationToken cancellationToken)
    {
        var names = await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().Where(k => id == null || k.Id == id).OrderByDescending(k => k.Id).ToListAsync(cancellationToken);
        return keys.Select(k => new ApiKeyRow(k.Id, k.Name, k.Lookup, k.Divisions.Select(d => names.GetValueOrDefault(d, d.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList(),
            k.CanWrite, k.CreatedAtUtc, k.CreatedBy, k.RevokedAtUtc, k.RevokedBy, k.LastUsedAtUtc)).ToList();
    }
}
