using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace CustomerManager.Web.Security;

/// <summary>
/// Keeps a privileged user who has no authenticator app yet (the claim <see cref="EnrolmentDueClaim"/>, put in the
/// cookie at sign-in by <see cref="DisplayNameClaimsPrincipalFactory"/>) out of everything that needs a signed-in user,
/// except what carries the <see cref="SetupPolicy"/>: the setup page and sign-out. As an authorization handler it
/// applies to pages, endpoints and circuits alike.
/// </summary>
internal sealed class TwoFactorEnrolmentGate : IAuthorizationHandler
{
    public const string EnrolmentDueClaim = "cm:two_factor_setup_due";
    public const string SetupPolicy = "TwoFactorSetup";

    /// <summary>Marks what a user may reach before setting up an authenticator app.</summary>
    public sealed class AllowedBeforeEnrolment : IAuthorizationRequirement;

    public static bool IsDue(ClaimsPrincipal user) => user.HasClaim(EnrolmentDueClaim, "true");

    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        var allowed = context.Requirements.OfType<AllowedBeforeEnrolment>().ToList();
        foreach (var requirement in allowed)
        {
            context.Succeed(requirement);
        }

        if (IsDue(context.User) && allowed.Count == 0)
        {
            context.Fail(new AuthorizationFailureReason(this, "Set up an authenticator app first."));
        }

        return Task.CompletedTask;
    }
}
