using System.Security.Claims;
using CustomerManager.Domain.Common;

namespace CustomerManager.Tests.Support;

/// <summary>Principals to act as in service tests, through the same ambient user a circuit sets.</summary>
internal static class Actors
{
    public static ClaimsPrincipal WithRoles(string userName, params string[] roles) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, userName),
                new Claim(ClaimTypes.NameIdentifier, "id-" + userName),
                .. roles.Select(r => new Claim(ClaimTypes.Role, r)),
            ],
            authenticationType: "Test"));

    public static IDisposable As(string userName, params string[] roles) => AmbientUser.Use(WithRoles(userName, roles));

    /// <summary>A principal an admin limited to <paramref name="divisionIds"/>, with the claims the sign-in cookie carries.</summary>
    public static ClaimsPrincipal LimitedTo(int[] divisionIds, string userName, params string[] roles)
    {
        var principal = WithRoles(userName, roles);
        ((ClaimsIdentity)principal.Identity!).AddClaims(divisionIds.Select(id =>
            new Claim(UserClaimTypes.Division, id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return principal;
    }

    public static IDisposable AsLimitedTo(int[] divisionIds, string userName, params string[] roles) =>
        AmbientUser.Use(LimitedTo(divisionIds, userName, roles));
}
