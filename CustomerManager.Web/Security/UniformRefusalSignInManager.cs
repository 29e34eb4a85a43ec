using CustomerManager.Domain.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CustomerManager.Web.Security;

/// <summary>
/// Refuses a sign-in the same way, at the same cost, whether the user name is unknown, the password wrong, or the
/// account disabled or locked: each attempt verifies one password hash, and only the right password learns that the
/// account is disabled or locked. Identity's own manager answers an unknown name without hashing and reports
/// "locked"/"not allowed" before looking at the password, which tells an attacker which user names exist.
/// </summary>
internal sealed class UniformRefusalSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    DummyPasswordHash dummyHash)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            dummyHash.Verify(UserManager.PasswordHasher, password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(ApplicationUser user, string password, bool lockoutOnFailure)
    {
        if (await PreSignInCheck(user) is { } refusal)
        {
            // Disabled or locked: the state is news only to someone who knows the password.
            return await UserManager.CheckPasswordAsync(user, password) ? refusal : SignInResult.Failed;
        }

        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        // The attempt that reaches the lockout threshold had a wrong password: it is answered like any wrong password.
        return result.IsLockedOut ? SignInResult.Failed : result;
    }
}

/// <summary>
/// A password hash made once with the app's hasher and settings, verified when the user name is unknown, so that
/// refusal takes as long as a wrong password for a real user.
/// </summary>
internal sealed class DummyPasswordHash
{
    private static readonly ApplicationUser Nobody = new();
    private string? hash;

    public void Verify(IPasswordHasher<ApplicationUser> hasher, string password)
    {
        var dummy = LazyInitializer.EnsureInitialized(ref hash, () => hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N")));
        hasher.VerifyHashedPassword(Nobody, dummy, password ?? "");
    }
}
