using CustomerManager.Domain.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Domain.Users;

/// <summary>What any signed-in user may do to their own sign-in.</summary>
public sealed class MyAccountService(IServiceScopeFactory scopeFactory, ICurrentUser currentUser)
{
    public async Task ChangePasswordAsync(string currentPassword, string newPassword, string confirmation)
    {
        currentUser.Require(Roles.All.ToArray());
        if (string.IsNullOrEmpty(currentPassword))
        {
            throw new DomainException("Enter your current password.", "CurrentPassword");
        }

        if (newPassword != confirmation)
        {
            throw new DomainException("The new password and its confirmation differ.", "Confirmation");
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await userManager.FindByIdAsync(currentUser.UserId ?? "")
            ?? throw new DomainException("Your sign-in no longer exists.");
        var result = await userManager.ChangePasswordAsync(user, currentPassword, newPassword ?? "");
        if (!result.Succeeded)
        {
            var error = result.Errors.First();
            throw new DomainException(
                string.Join(" ", result.Errors.Select(e => e.Description)),
                error.Code == "PasswordMismatch" ? "CurrentPassword" : "NewPassword");
        }
    }
}
