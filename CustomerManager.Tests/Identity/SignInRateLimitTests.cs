using System.Net;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Users;
using CustomerManager.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Identity;

/// <summary>
/// The sign-in limits of a small shop: 3 posts a minute per user name, 8 per client address. The test server has no
/// client address, so a test names its own in a header, which this factory (only) turns into the connection's address.
/// </summary>
public sealed class RateLimitedAppFactory : AppFactory
{
    public const string AddressHeader = "X-Test-Client-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:SignInLimits:PerUserName", "3");
        builder.UseSetting("Security:SignInLimits:PerClientAddress", "8");
        builder.UseSetting("Security:SignInLimits:WindowSeconds", "60");
    }

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(AddressHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public class SignInRateLimitTests(RateLimitedAppFactory factory) : IClassFixture<RateLimitedAppFactory>
{
    private const string Password = "a-good-long-password";

    [Fact]
    public async Task Five_quick_wrong_passwords_are_cut_short_with_429_and_do_not_lock_the_account()
    {
        await CreateUserAsync("burst-target");
        using var client = ClientFrom("10.0.0.1");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            last = await client.SignInAsync("burst-target", "wrong-password-" + attempt);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var wait = int.Parse(last.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(wait, 1, 60);
        Assert.Equal($"Too many sign-in attempts. Wait {wait} seconds and try again.", await SignInClient.ErrorOf(last));

        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByNameAsync("burst-target");
        Assert.False(await users.IsLockedOutAsync(user!));
        Assert.Equal(3, await users.GetAccessFailedCountAsync(user!));
    }

    [Fact]
    public async Task The_user_name_limit_holds_across_addresses_and_spares_other_users()
    {
        await CreateUserAsync("spread-target");
        await CreateUserAsync("bystander");
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var attacker = ClientFrom("10.0.1." + attempt);
            Assert.Equal(HttpStatusCode.OK, (await attacker.SignInAsync("Spread-Target ", "wrong-password")).StatusCode);
        }

        using var fourth = ClientFrom("10.0.1.4");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await fourth.SignInAsync("spread-target", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await fourth.SignInAsync("bystander", Password)).StatusCode);
    }

    [Fact]
    public async Task One_address_trying_many_user_names_is_limited_too()
    {
        using var client = ClientFrom("10.0.2.1");
        for (var attempt = 1; attempt <= 8; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync("guess-" + attempt, "wrong-password")).StatusCode);
        }

        var ninth = await client.SignInAsync("guess-9", "wrong-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, ninth.StatusCode);
        Assert.StartsWith("Too many sign-in attempts. Wait ", await SignInClient.ErrorOf(ninth));
        using var elsewhere = ClientFrom("10.0.2.2");
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.SignInAsync("guess-9", "wrong-password")).StatusCode);
    }

    private SignInClient ClientFrom(string address)
    {
        var client = SignInClient.For(factory);
        client.Http.DefaultRequestHeaders.Add(RateLimitedAppFactory.AddressHeader, address);
        return client;
    }

    private Task<string> CreateUserAsync(string userName) =>
        factory.AsAsync(Roles.Admin, sp => sp.GetRequiredService<UserAdministrationService>().CreateAsync(
            new NewUserInput(userName, userName + " Person", null, Password, [Roles.Clerk], [])));
}
