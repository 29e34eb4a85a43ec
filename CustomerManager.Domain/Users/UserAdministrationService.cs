using CustomerManager.Domain.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Domain.Users;

public sealed record UserSummary(
    string Id,
    string UserName,
    string DisplayName,
    string? Email,
    bool IsDisabled,
    bool IsLockedOut,
    IReadOnlyList<string> Roles,
    IReadOnlyList<int> DivisionIds,
    string ConcurrencyStamp,
    bool TwoFactorEnabled = false);

public sealed record NewUserInput(
    string UserName, string DisplayName, string? Email, string Password, IReadOnlyList<string> Roles,
    IReadOnlyList<int> DivisionIds);

public sealed record UserChangesInput(
    string DisplayName, string? Email, IReadOnlyList<string> Roles, IReadOnlyList<int> DivisionIds);

/// <summary>
/// Admin work on sign-ins: create, change roles and divisions, disable and re-enable, reset passwords and authenticator apps.
/// Each call runs in its own DI scope so Identity's UserManager gets a fresh DbContext (one per operation). Each change
/// of a user's security stamp also ends that user's open sessions at once (<see cref="IUserSessions"/>).
/// </summary>
public sealed class UserAdministrationService(IServiceScopeFactory scopeFactory, ICurrentUser currentUser, IUserSessions sessions)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ICustomerDb>();
        var users = await db.Users.AsNoTracking().Include(u => u.Divisions).OrderBy(u => u.UserName)
            .ToListAsync(cancellationToken);
        var roleRows = await (from ur in db.UserRoles
                              join r in db.Roles on ur.RoleId equals r.Id
                              select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var rolesByUser = roleRows.ToLookup(r => r.UserId, r => r.Name!);
        var now = DateTimeOffset.UtcNow;
        return users.Select(u => new UserSummary(
                u.Id,
                u.UserName ?? "",
                u.DisplayName,
                u.Email,
                u.IsDisabled,
                u.LockoutEnd is { } end && end > now,
                rolesByUser[u.Id].OrderBy(r => r).ToList(),
                u.Divisions.Select(d => d.DivisionId).Order().ToList(),
                u.ConcurrencyStamp ?? "",
                u.TwoFactorEnabled))
            .ToList();
    }

    public async Task<string> CreateAsync(NewUserInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        var userName = (input.UserName ?? "").Trim();
        if (userName.Length == 0)
        {
            throw new DomainException("Enter a user name.", nameof(NewUserInput.UserName));
        }

        var displayName = ValidDisplayName(input.DisplayName);
        var roles = ValidRoles(input.Roles);
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<ICustomerDb>();
        var divisions = await ValidDivisionsAsync(db, input.DivisionIds, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new ApplicationUser
        {
            UserName = userName,
            Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim(),
            DisplayName = displayName,
            EmailConfirmed = true,
            LockoutEnabled = true,
        };
        user.Divisions.AddRange(divisions.Select(id => new UserDivision { DivisionId = id }));
        Check(await userManager.CreateAsync(user, input.Password ?? ""));
        Check(await userManager.AddToRolesAsync(user, roles));
        await transaction.CommitAsync(cancellationToken);
        return user.Id;
    }

    public async Task UpdateAsync(
        string userId, string concurrencyStamp, UserChangesInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        var displayName = ValidDisplayName(input.DisplayName);
        var roles = ValidRoles(input.Roles);
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<ICustomerDb>();
        var divisions = await ValidDivisionsAsync(db, input.DivisionIds, cancellationToken);
        var user = await FindAsync(db, userId, concurrencyStamp, cancellationToken);

        var currentRoles = await userManager.GetRolesAsync(user);
        if (currentRoles.Contains(Roles.Admin) && !roles.Contains(Roles.Admin))
        {
            await EnsureAnotherActiveAdminAsync(db, user.Id, "remove the Admin role from", cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.DisplayName = displayName;
        Check(await userManager.SetEmailAsync(user, string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim()));
        user.Divisions.RemoveAll(d => !divisions.Contains(d.DivisionId));
        user.Divisions.AddRange(divisions.Where(id => user.Divisions.All(d => d.DivisionId != id))
            .Select(id => new UserDivision { UserId = user.Id, DivisionId = id }));
        Check(await userManager.RemoveFromRolesAsync(user, currentRoles.Except(roles)));
        Check(await userManager.AddToRolesAsync(user, roles.Except(currentRoles)));
        // Roles and divisions are in the sign-in cookie: a new stamp makes open sessions pick up the change.
        Check(await userManager.UpdateSecurityStampAsync(user));
        await transaction.CommitAsync(cancellationToken);
        sessions.EndAll(user.Id);
    }

    /// <summary>
    /// Disabling refuses sign-in and changes the security stamp, which ends the user's open sessions at the next
    /// validation of a cookie, and at once in open circuits (<see cref="IUserSessions"/>).
    /// </summary>
    public async Task SetDisabledAsync(string userId, bool disabled, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        if (disabled && userId == currentUser.UserId)
        {
            throw new DomainException("You cannot disable your own sign-in.");
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<ICustomerDb>();
        var user = await FindAsync(db, userId, null, cancellationToken);
        if (user.IsDisabled == disabled)
        {
            throw new DomainException(disabled ? $"{user.UserName} is already disabled." : $"{user.UserName} is already enabled.");
        }

        if (disabled && await userManager.IsInRoleAsync(user, Roles.Admin))
        {
            await EnsureAnotherActiveAdminAsync(db, user.Id, "disable", cancellationToken);
        }

        user.IsDisabled = disabled;
        if (!disabled)
        {
            Check(await userManager.SetLockoutEndDateAsync(user, null));
            Check(await userManager.ResetAccessFailedCountAsync(user));
        }

        Check(await userManager.UpdateSecurityStampAsync(user));
        sessions.EndAll(user.Id);
    }

    /// <summary>Sets a new password chosen by the admin and lifts any lockout.</summary>
    public async Task ResetPasswordAsync(string userId, string newPassword, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<ICustomerDb>();
        var user = await FindAsync(db, userId, null, cancellationToken);
        var token = await userManager.GeneratePasswordResetTokenAsync(user);
        Check(await userManager.ResetPasswordAsync(user, token, newPassword ?? ""));
        Check(await userManager.SetLockoutEndDateAsync(user, null));
        Check(await userManager.ResetAccessFailedCountAsync(user));
        sessions.EndAll(user.Id);
    }

    /// <summary>
    /// Forgets a user's authenticator app (a lost phone): two-factor off, new key, recovery codes gone, open sessions
    /// ended. The change of TwoFactorEnabled is audited. A user whose role requires two-factor sign-in sets up a new app
    /// right after their password at the next sign-in.
    /// </summary>
    public async Task ResetTwoFactorAsync(string userId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<ICustomerDb>();
        var user = await FindAsync(db, userId, null, cancellationToken);
        if (!user.TwoFactorEnabled)
        {
            throw new DomainException($"{user.UserName} has no authenticator app set up.");
        }

        await TwoFactorService.ForgetAuthenticatorAsync(userManager, user);
        sessions.EndAll(user.Id);
    }

    private static async Task<ApplicationUser> FindAsync(
        ICustomerDb db, string userId, string? concurrencyStamp, CancellationToken cancellationToken)
    {
        var user = await db.Users.Include(u => u.Divisions).FirstOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new DomainException("That user no longer exists.");
        if (concurrencyStamp is not null && user.ConcurrencyStamp != concurrencyStamp)
        {
            throw new ConcurrencyConflictException(
                $"Someone else changed {user.UserName} after you opened it. Reload to see their changes.");
        }

        return user;
    }

    private static async Task EnsureAnotherActiveAdminAsync(
        ICustomerDb db, string userId, string action, CancellationToken cancellationToken)
    {
        var otherActiveAdmins = await (from ur in db.UserRoles
                                       join r in db.Roles on ur.RoleId equals r.Id
                                       join u in db.Users on ur.UserId equals u.Id
                                       where r.Name == Roles.Admin && u.Id != userId && !u.IsDisabled
                                       select u.Id).CountAsync(cancellationToken);
        if (otherActiveAdmins == 0)
        {
            throw new DomainException($"You cannot {action} the last active admin.");
        }
    }

    private static string ValidDisplayName(string? displayName)
    {
        displayName = (displayName ?? "").Trim();
        if (displayName.Length is 0 or > ApplicationUser.DisplayNameMaxLength)
        {
            throw new DomainException(
                $"Enter the person's name, at most {ApplicationUser.DisplayNameMaxLength} characters.",
                nameof(NewUserInput.DisplayName));
        }

        return displayName;
    }

    private static List<string> ValidRoles(IReadOnlyList<string>? roles)
    {
        var chosen = (roles ?? []).Distinct().ToList();
        if (chosen.Count == 0)
        {
            throw new DomainException("Choose at least one role.", nameof(NewUserInput.Roles));
        }

        var unknown = chosen.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainException($"Unknown role: {string.Join(", ", unknown)}.", nameof(NewUserInput.Roles));
        }

        return chosen;
    }

    private static async Task<List<int>> ValidDivisionsAsync(
        ICustomerDb db, IReadOnlyList<int>? divisionIds, CancellationToken cancellationToken)
    {
        var chosen = (divisionIds ?? []).Distinct().ToList();
        var known = await db.Divisions.Where(d => chosen.Contains(d.Id)).CountAsync(cancellationToken);
        if (known != chosen.Count)
        {
            throw new DomainException("One of the chosen divisions no longer exists.", nameof(NewUserInput.DivisionIds));
        }

        return chosen;
    }

    private static void Check(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        var error = result.Errors.First();
        var field = error.Code switch
        {
            var c when c.StartsWith("Password", StringComparison.Ordinal) => nameof(NewUserInput.Password),
            "DuplicateUserName" or "InvalidUserName" => nameof(NewUserInput.UserName),
            "DuplicateEmail" or "InvalidEmail" => nameof(NewUserInput.Email),
            _ => null,
        };
        throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)), field);
    }
}
