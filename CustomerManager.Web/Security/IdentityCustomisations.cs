using System.Globalization;
using System.Security.Claims;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerManager.Web.Security;

/// <summary>A disabled user may not sign in (Identity reports it as "not allowed").</summary>
internal sealed class EnabledUserConfirmation : IUserConfirmation<ApplicationUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        Task.FromResult(!user.IsDisabled);
}

/// <summary>
/// Puts the display name and division limits into the sign-in cookie, and marks a user whose role requires an
/// authenticator app they have not set up (<see cref="TwoFactorEnrolmentGate"/>).
/// </summary>
internal sealed class DisplayNameClaimsPrincipalFactory(
    ICustomerDb db,
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    TwoFactorPolicy twoFactorPolicy)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    public const string DisplayNameClaim = "display_name";
    public const string DivisionClaim = UserClaimTypes.Division;

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        var divisionIds = await db.UserDivisions.Where(d => d.UserId == user.Id).Select(d => d.DivisionId).ToListAsync();
        foreach (var divisionId in divisionIds)
        {
            identity.AddClaim(new Claim(DivisionClaim, divisionId.ToString(CultureInfo.InvariantCulture)));
        }

        var roles = identity.FindAll(Options.ClaimsIdentity.RoleClaimType).Select(c => c.Value);
        if (!user.TwoFactorEnabled && twoFactorPolicy.IsRequiredFor(roles))
        {
            identity.AddClaim(new Claim(TwoFactorEnrolmentGate.EnrolmentDueClaim, "true"));
        }

        return identity;
    }
}
