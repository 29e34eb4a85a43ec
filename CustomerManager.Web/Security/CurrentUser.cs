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
}
