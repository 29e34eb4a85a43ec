using System.Security.Claims;
using CustomerManager.Domain.Common;

namespace CustomerManager.Web.Security;

/// <summary>
/// The acting user: the ambient principal a circuit event or background job set (<see cref="AmbientUser"/>), else the
/// HTTP request's user (sign-in form, endpoints, prerendering).
/// </summary>
internal sealed class CurrentUser(IHttpContextAccessor httpContextAccessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => AmbientUser.Principal ?? httpContextAccessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public string? UserId => Principal?.FindFirstValue(ClaimTypes.NameIdentifier);

    public string UserName => Principal?.Identity?.Name ?? "(anonymous)";

    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;

    public IReadOnlySet<int>? DivisionIds => DivisionLimits(Principal);

    /// <summary>The division claims of a non-admin principal; none (or an admin) means every division.</summary>
    internal static IReadOnlySet<int>? DivisionLimits(ClaimsPrincipal? principal)
    {
        if (principal is null || principal.IsInRole(Roles.Admin))
        {
            return null;
        }

        var ids = principal.FindAll(UserClaimTypes.Division)
            .Select(c => int.TryParse(c.Value, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : (int?)null)
            .OfType<int>().ToHashSet();
        return ids.Count == 0 ? null : ids;
    }
}
