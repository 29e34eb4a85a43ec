using System.Net;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Users;
using CustomerManager.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Identity;

/// <summary>Counts password hash verifications: each refusal must cost the same, whatever the reason.</summary>
public sealed class CountingHasherAppFactory : AppFactory
{
    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<IPasswordHasher<ApplicationUser>>(Hasher);
}

public sealed class CountingPasswordHasher : IPasswordHasher<ApplicationUser>
{
    private readonly PasswordHasher<ApplicationUser> inner = new();
    private int verifications;

    public int Verifications => Volatile.Read(ref verifications);

    public string HashPassword(ApplicationUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref verifications);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public class SignInEnumerationTests(CountingHasherAppFactory factory) : IClassFixture<CountingHasherAppFactory>
{
    private const string Password = "a-good-long-password";

    [Fact]
    public async Task Unknown_users_wrong_passwords_and_disabled_or_locked_accounts_get_the_same_answer_at_the_same_cost()
    {
        await CreateUserAsync("enum-active");
        var disabledId = await CreateUserAsync("enum-disabled");
        await factory.AsAsync(Roles.Admin, sp => SignInTests.Run(() => sp.GetRequiredService<UserAdministrationService>().SetDisabledAsync(disabledId, true)));
        await CreateUserAsync("enum-locked");
        await LockAsync("enum-locked");

        foreach (var userName in new[] { "enum-nobody", "enum-active", "enum-disabled", "enum-locked" })
        {
            using var client = SignInClient.For(factory);
            var before = factory.Hasher.Verifications;
            var response = await client.SignInAsync(userName, "not-the-password-at-all");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Wrong user name or password.", await SignInClient.ErrorOf(response));
            Assert.True(1 == factory.Hasher.Verifications - before, $"{userName}: {factory.Hasher.Verifications - before} hash verifications");
        }
    }

    [Fact]
    public async Task Only_the_right_password_learns_that_an_account_is_disabled_or_locked()
    {
        var disabledId = await CreateUserAsync("told-disabled");
        await factory.AsAsync(Roles.Admin, sp => SignInTests.Run(() => sp.GetRequiredService<UserAdministrationService>().SetDisabledAsync(disabledId, true)));
        await CreateUserAsync("told-locked");
        await LockAsync("told-locked");
        using var client = SignInClient.For(factory);

        Assert.Equal("This account is disabled. Ask an admin to enable it.", await SignInClient.ErrorOf(await client.SignInAsync("told-disabled", Password)));
        Assert.Equal(
            "This account is locked after too many failed attempts. Try again in 15 minutes, or ask an admin to reset your password.",
            await SignInClient.ErrorOf(await client.SignInAsync("told-locked", Password)));
    }

    private async Task LockAsync(string userName)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByNameAsync(userName);
        await users.SetLockoutEndDateAsync(user!, DateTimeOffset.UtcNow.AddMinutes(15));
    }

    private Task<string> CreateUserAsync(string userName) =>
        factory.AsAsync(Roles.Admin, sp => sp.GetRequiredService<UserAdministrationService>().CreateAsync(
            new NewUserInput(userName, userName + " Person", null, Password, [Roles.Clerk], [])));
}
