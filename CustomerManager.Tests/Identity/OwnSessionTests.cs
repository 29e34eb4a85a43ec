using System.Net;
using System.Security.Claims;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Users;
using CustomerManager.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Identity;

/// <summary>Sign-out, a change of the own password, and an admin's change seen by an open circuit.</summary>
public class OwnSessionTests(ImmediateRevalidationAppFactory factory) : IClassFixture<ImmediateRevalidationAppFactory>
{
    private const string Password = "a-good-long-password";

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused_and_keeps_the_session()
    {
        await CreateUserAsync("forged-signout");
        using var client = SignInClient.For(factory);
        await client.SignInSuccessfullyAsync("forged-signout", Password);

        var forged = await client.Http.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/")).StatusCode);

        var token = await client.AntiforgeryTokenAsync("/account/password");
        var real = await client.Http.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal("/account/login", SignInClient.RedirectPath(real));
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_own_password_keeps_this_session_and_ends_the_others()
    {
        await CreateUserAsync("changing-own");
        using var here = SignInClient.For(factory);
        using var elsewhere = SignInClient.For(factory);
        await here.SignInSuccessfullyAsync("changing-own", Password);
        await elsewhere.SignInSuccessfullyAsync("changing-own", Password);

        var changed = await here.PostFormAsync("/account/password", "change-password", new()
        {
            ["Input.Current"] = Password,
            ["Input.New"] = "a brand new long passphrase",
            ["Input.Confirmation"] = "a brand new long passphrase",
        });

        Assert.Contains("Your password was changed.", await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await here.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_common_new_password_is_refused_under_its_field_on_the_page()
    {
        await CreateUserAsync("choosing-badly");
        using var client = SignInClient.For(factory);
        await client.SignInSuccessfullyAsync("choosing-badly", Password);

        var refused = await client.PostFormAsync("/account/password", "change-password", new()
        {
            ["Input.Current"] = Password,
            ["Input.New"] = "iloveyou123456",
            ["Input.Confirmation"] = "iloveyou123456",
        });

        var html = System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains($"id=\"new-password-error\">{PasswordRules.CommonPasswordMessage}<", html);
    }

    [Fact]
    public async Task Disabling_a_user_signs_out_their_open_circuit_within_seconds()
    {
        var id = await CreateUserAsync("circuit-user");
        ClaimsPrincipal principal;
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
            principal = await signIn.CreateUserPrincipalAsync((await users.FindByIdAsync(id))!);
        }

        // A circuit's provider, as Blazor makes one per circuit, holding the signed-in user.
        using var circuit = factory.Services.CreateScope();
        var provider = circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        var signedOut = new TaskCompletionSource<ClaimsPrincipal>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.AuthenticationStateChanged += async state => signedOut.TrySetResult((await state).User);

        await factory.AsAsync(Roles.Admin, sp => SignInTests.Run(() => sp.GetRequiredService<UserAdministrationService>().SetDisabledAsync(id, true)));

        // The periodic check runs every 10 s; the admin's signal must act well before that.
        var user = await signedOut.Task.WaitAsync(TimeSpan.FromSeconds(3));
        Assert.False(user.Identity?.IsAuthenticated);
    }

    private Task<string> CreateUserAsync(string userName) =>
        factory.AsAsync(Roles.Admin, sp => sp.GetRequiredService<UserAdministrationService>().CreateAsync(
            new NewUserInput(userName, userName + " Person", null, Password, [Roles.Accountant], [])));
}
