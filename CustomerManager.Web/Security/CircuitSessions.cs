using CustomerManager.Domain.Users;

namespace CustomerManager.Web.Security;

/// <summary>
/// In-process signal that a user's sessions must end now: each circuit's authentication state provider listens and
/// re-checks its user at once. Other nodes of a farm fall back to the periodic revalidation
/// (<see cref="HostingSetup.RevalidationInterval"/>).
/// </summary>
internal sealed class CircuitSessions : IUserSessions
{
    public event Action<string>? Ended;

    public void EndAll(string userId) => Ended?.Invoke(userId);
}
