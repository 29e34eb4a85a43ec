namespace CustomerManager.Domain.Common;

/// <summary>Who is acting. Services check roles through it; the audit trail records its <see cref="UserName"/>.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    string? UserId { get; }

    /// <summary>The sign-in name, or "system" for background work.</summary>
    string UserName { get; }

    bool IsInRole(string role);
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
}
