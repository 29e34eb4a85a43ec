using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace CustomerManager.Domain.Users;

/// <summary>
/// Password rules beyond Identity's length check (OWASP ASVS 5.0 §6.2): a password that attackers try first (a list of
/// common and breached passwords shipped with the app) or that contains the user name is refused. Registered as an
/// Identity password validator, so every way of setting a password applies it: an admin creating a user or setting a
/// new password, a user changing their own, and the initial admin from configuration.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<ApplicationUser>
{
    public const string CommonPasswordCode = "PasswordCommon";
    public const string ContainsUserNameCode = "PasswordContainsUserName";

    public const string CommonPasswordMessage =
        "This password is on a list of common or breached passwords that attackers try first. Choose another, for example a phrase of several unrelated words.";

    public const string ContainsUserNameMessage = "The password may not contain the user name.";

    /// <summary>Shorter user names ("al") are parts of too many ordinary words to refuse them inside a password.</summary>
    private const int ShortestUserNameChecked = 3;

    private static readonly Lazy<FrozenSet<string>> CommonPasswords = new(LoadCommonPasswords);

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        password ??= "";
        if (IsCommon(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = CommonPasswordCode, Description = CommonPasswordMessage }));
        }

        var userName = user.UserName?.Trim() ?? "";
        if (userName.Length >= ShortestUserNameChecked && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = ContainsUserNameCode, Description = ContainsUserNameMessage }));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    /// <summary>
    /// On the list as typed (any case), or once the digits and symbols people add at the end to pass a length rule are
    /// taken off ("Password123456!" is "password").
    /// </summary>
    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        var stem = lower.TrimEnd(TrailingPadding);
        return CommonPasswords.Value.Contains(lower) || (stem.Length >= 4 && CommonPasswords.Value.Contains(stem));
    }

    private static readonly char[] TrailingPadding = "0123456789!@#$%^&*()-_=+.,;:?~ ".ToCharArray();

    private static FrozenSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("CustomerManager.Domain.Users.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is not built into the assembly.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                passwords.Add(line.ToLowerInvariant());
            }
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}
