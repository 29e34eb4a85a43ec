using System.Net;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Users;
using CustomerManager.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Identity;

/// <summary>The app re-checks sign-in cookies every minute; here on every request, so the test need not wait.</summary>
public sealed class ImmediateRevalidationAppFactory : AppFactory
{
    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
}

public class SessionRevocationTests(ImmediateRevalidationAppFactory factory) : IClassFixture<ImmediateRevalidationAppFactory>
{
    [Fact]
    public async Task Disabling_a_user_ends_their_open_session()
    {
        var id = await factory.AsAsync(Roles.Admin, sp => sp.GetRequiredService<UserAdministrationService>().CreateAsync(
            new NewUserInput("session-user", "Session User", null, "a-good-long-password", [Roles.Accountant], [])));
        using var client = SignInClient.For(factory);
        await client.SignInSuccessfullyAsync("session-user", "a-good-long-password");
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/audit")).StatusCode);

        await factory.AsAsync(Roles.Admin, sp => SignInTests.Run(
            () => sp.GetRequiredService<UserAdministrationService>().SetDisabledAsync(id, true)));

        var after = await client.Http.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/login", after.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Changing_a_users_roles_takes_effect_in_their_open_session()
    {
        var id = await factory.AsAsync(Roles.Admin, sp => sp.GetRequiredService<UserAdministrationService>().CreateAsync(
            new NewUserInput("promoted", "Promoted Person", null, "a-good-long-password", [Roles.Clerk], [])));
        using var client = SignInClient.For(factory);
        await client.SignInSuccessfullyAsync("promoted", "a-good-long-password");
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/audit")).StatusCode);

        await factory.AsAsync(Roles.Admin, async sp =>
        {
            var admin = sp.GetRequiredService<UserAdministrationService>();
            var user = (await admin.ListAsync()).Single(u => u.Id == id);
            await admin.UpdateAsync(id, user.ConcurrencyStamp, new UserChangesInput(
                user.DisplayName, user.Email, [Roles.Clerk, Roles.Accountant], []));
            return true;
        });

        // The old cookie is rejected (new stamp); signing in again gives the new role.
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/audit")).StatusCode);
        await client.SignInSuccessfullyAsync("promoted", "a-good-long-password");
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/audit")).StatusCode);
    }
}
