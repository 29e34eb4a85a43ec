using System.Globalization;
using System.Text;
using CustomerManager.Domain.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Domain.Users;

/// <summary>Whether two-factor sign-in (an authenticator app) is required of the privileged roles; configured per host.</summary>
public sealed class TwoFactorPolicy(bool requiredForPrivilegedRoles)
{
    /// <summary>The roles that may change money rules and users: a stolen password alone must not be enough.</summary>
    public static readonly IReadOnlyList<string> PrivilegedRoles = [Roles.Admin, Roles.CreditManager];

    public bool RequiredForPrivilegedRoles { get; } = requiredForPrivilegedRoles;

    public bool IsRequiredFor(IEnumerable<string> roles) => RequiredForPrivilegedRoles && roles.Any(PrivilegedRoles.Contains);
}

public sealed record TwoFactorStatus(bool Enabled, bool Required, int RecoveryCodesLeft);

/// <summary>The shared key in groups of four (easier to type) and the otpauth:// address a QR code carries.</summary>
public sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri);

/// <summary>
/// The signed-in user's own authenticator app: set up, confirm with a first code, new recovery codes, turn off. Uses
/// Identity's authenticator token provider (RFC 6238 TOTP, 30-second steps, 6 digits).
/// </summary>
public sealed class TwoFactorService(IServiceScopeFactory scopeFactory, ICurrentUser currentUser, TwoFactorPolicy policy)
{
    public const int RecoveryCodeCount = 10;

    public async Task<TwoFactorStatus> StatusAsync()
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var (userManager, user) = await MeAsync(scope);
        return new TwoFactorStatus(
            await userManager.GetTwoFactorEnabledAsync(user),
            policy.IsRequiredFor(await userManager.GetRolesAsync(user)),
            await userManager.CountRecoveryCodesAsync(user));
    }

    /// <summary>The key to scan; made on first use. Making a key changes the security stamp: the caller refreshes its sign-in.</summary>
    public async Task<AuthenticatorSetup> SetupAsync(string issuer)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var (userManager, user) = await MeAsync(scope);
        var key = await userManager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            Check(await userManager.ResetAuthenticatorKeyAsync(user));
            key = await userManager.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key was stored.");
        }

        var account = Uri.EscapeDataString(user.UserName ?? "");
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{account}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6");
        return new AuthenticatorSetup(Grouped(key), uri);
    }

    /// <summary>Turns two-factor sign-in on once the app shows the right code; returns the recovery codes, shown once.</summary>
    public async Task<IReadOnlyList<string>> EnableAsync(string code)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var (userManager, user) = await MeAsync(scope);
        var digits = new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (!await userManager.VerifyTwoFactorTokenAsync(user, userManager.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            throw new DomainException("That code is not right. Enter the 6-digit code your app shows now.", "Code");
        }

        Check(await userManager.SetTwoFactorEnabledAsync(user, true));
        return (await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList()
            ?? throw new InvalidOperationException("No recovery codes were made.");
    }

    /// <summary>Ten new recovery codes; the old ones stop working.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync()
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var (userManager, user) = await MeAsync(scope);
        if (!await userManager.GetTwoFactorEnabledAsync(user))
        {
            throw new DomainException("Set up an authenticator app first.");
        }

        return (await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList()
            ?? throw new InvalidOperationException("No recovery codes were made.");
    }

    /// <summary>
    /// Forgets the app (new key, no recovery codes, two-factor off), e.g. for a new phone. A user whose role requires
    /// two-factor sign-in is then sent to set up the new app before anything else.
    /// </summary>
    public async Task ResetAsync()
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var (userManager, user) = await MeAsync(scope);
        await ForgetAuthenticatorAsync(userManager, user);
    }

    internal static async Task ForgetAuthenticatorAsync(UserManager<ApplicationUser> userManager, ApplicationUser user)
    {
        Check(await userManager.SetTwoFactorEnabledAsync(user, false));
        Check(await userManager.ResetAuthenticatorKeyAsync(user));
        await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
    }

    private async Task<(UserManager<ApplicationUser>, ApplicationUser)> MeAsync(AsyncServiceScope scope)
    {
        currentUser.Require(Roles.All.ToArray());
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await userManager.FindByIdAsync(currentUser.UserId ?? "")
            ?? throw new DomainException("Your sign-in no longer exists.");
        return (userManager, user);
    }

    private static string Grouped(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return grouped.ToString().TrimEnd().ToLowerInvariant();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
