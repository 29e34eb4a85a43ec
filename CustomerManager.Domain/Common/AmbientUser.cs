using System.Security.Claims;

namespace CustomerManager.Domain.Common;

/// <summary>
/// The user of the current logical operation, flowing with async calls (an <see cref="AsyncLocal{T}"/>).
/// A Blazor circuit sets it for each inbound event; start-up seeding and scheduled jobs run as <see cref="System"/>.
/// </summary>
public static class AmbientUser
{
    public const string SystemName = "system";

    private static readonly AsyncLocal<ClaimsPrincipal?> Current = new();

    public static ClaimsPrincipal? Principal => Current.Value;

    /// <summary>Background work acts with every role, recorded in the audit trail as "system".</summary>
    public static ClaimsPrincipal System { get; } = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, SystemName), .. Roles.All.Select(r => new Claim(ClaimTypes.Role, r))],
        authenticationType: "System"));

    public static IDisposable Use(ClaimsPrincipal principal)
    {
        var previous = Current.Value;
        Current.Value = principal;
        return new Restore(previous);
    }

    private sealed class Restore(ClaimsPrincipal? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
