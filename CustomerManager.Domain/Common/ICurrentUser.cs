using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Common;

/// <summary>Who is acting. Services check roles through it; the audit trail records its <see cref="UserName"/>.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    string? UserId { get; }

    /// <summary>The sign-in name, or "system" for background work.</summary>
    string UserName { get; }

    bool IsInRole(string role);

    /// <summary>
    /// The divisions the user is limited to (DOMAIN.md §1), or null when they may work in every division: admins
    /// always, and users an admin gave no division limits.
    /// </summary>
    IReadOnlySet<int>? DivisionIds { get; }
}

/// <summary>Claim types the sign-in cookie carries beyond Identity's own.</summary>
public static class UserClaimTypes
{
    /// <summary>One claim per division a limited user works in (the division id).</summary>
    public const string Division = "division";
}

public static class CurrentUserExtensions
{
    /// <summary>Throws <see cref="AccessDeniedException"/> unless the user holds one of <paramref name="roles"/>.</summary>
    public static void Require(this ICurrentUser user, params string[] roles)
    {
        if (!user.IsAuthenticated)
        {
            throw new AccessDeniedException("You need to sign in first.");
        }

        foreach (var role in roles)
        {
            if (user.IsInRole(role))
            {
                return;
            }
        }

        throw new AccessDeniedException(
            $"Your role does not allow this. It needs: {string.Join(" or ", roles.Select(Roles.DisplayName))}.");
    }

    /// <summary>Whether the user may work with records of the division.</summary>
    public static bool WorksIn(this ICurrentUser user, int divisionId) => user.DivisionIds is not { } ids || ids.Contains(divisionId);

    /// <summary>
    /// Reads the division of a division account and refuses it like <see cref="RequireDivision"/>; an unknown account is
    /// a <see cref="NotFoundException"/>. For reads that need only the check, not the account.
    /// </summary>
    public static async Task RequireAccountDivisionAsync(
        this ICurrentUser user, ICustomerDb db, int accountId, CancellationToken cancellationToken)
    {
        var divisionId = await db.DivisionAccounts.Where(a => a.Id == accountId).Select(a => (int?)a.DivisionId)
                .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That account does not exist.");
        user.RequireDivision(divisionId);
    }

    /// <summary>Throws <see cref="AccessDeniedException"/> when the user is limited to other divisions.</summary>
    public static void RequireDivision(this ICurrentUser user, int divisionId)
    {
        if (!user.WorksIn(divisionId))
        {
            throw new AccessDeniedException("You are limited to other divisions; this belongs to a division you do not work in.");
        }
    }
}
