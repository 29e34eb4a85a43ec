namespace CustomerManager.Domain.Users;

/// <summary>
/// Ends a user's open sessions now rather than at the next periodic check: the Web project's circuits listen and
/// re-check their user at once. Raised after an admin changes a user's security stamp (disable, roles, password, MFA).
/// </summary>
public interface IUserSessions
{
    void EndAll(string userId);
}
