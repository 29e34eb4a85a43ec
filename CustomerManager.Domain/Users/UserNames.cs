using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Users;

/// <summary>How documents name the people who made them: "Clara Clerk", not the sign-in "clerk".</summary>
public static class UserNames
{
    /// <summary>
    /// The display name of the sign-in <paramref name="userName"/>; the sign-in itself when there is no such user
    /// (the system user, or a user since renamed).
    /// </summary>
    public static async Task<string> DisplayNameAsync(ICustomerDb db, string userName, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.UserName == userName && u.DisplayName != "").Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken)
        ?? userName;

    /// <summary>The display names of several sign-ins at once (each name maps to itself when there is no such user).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> DisplayNamesAsync(
        ICustomerDb db, IEnumerable<string> userNames, CancellationToken cancellationToken)
    {
        var names = userNames.Distinct().ToList();
        var found = await db.Users.Where(u => names.Contains(u.UserName!) && u.DisplayName != "")
            .Select(u => new { u.UserName, u.DisplayName }).ToListAsync(cancellationToken);
        return names.ToDictionary(n => n, n => found.FirstOrDefault(f => f.UserName == n)?.DisplayName ?? n);
    }

    /// <summary>Every sign-in with a display name (one small table, read whole), for lists that name many people.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> DisplayNamesAsync(ICustomerDb db, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.UserName != null && u.DisplayName != "")
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, StringComparer.Ordinal, cancellationToken);
}
