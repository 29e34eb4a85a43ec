using System.Net;
using System.Text.RegularExpressions;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Users;
using CustomerManager.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Identity;

/// <summary>The production setting: admins and credit managers must sign in with an authenticator app.</summary>
public sealed class MfaRequiredAppFactory : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:RequireMfaForPrivilegedRoles", "true");
    }
}

public partial class TwoFactorTests(MfaRequiredAppFactory factory) : IClassFixture<MfaRequiredAppFactory>
{
    private const string Password = "a-good-long-password";
    private const string SetupPath = "/account/two-factor/setup";

    [Theory]
    [InlineData("/")]
    [InlineData("/admin/users")]
    [InlineData("/account/password")]
    public async Task An_admin_without_an_authenticator_app_is_sent_to_set_one_up_and_reaches_nothing_else(string path)
    {
        await CreateUserAsync("forced-admin" + path.Length, Roles.Admin);
        using var client = SignInClient.For(factory);
        var signIn = await client.SignInAsync("forced-admin" + path.Length, Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var page = await FollowAsync(client, path);

        Assert.Equal(SetupPath, page.RequestPath);
        Assert.Contains("Your role needs two-factor sign-in", page.Html);
        Assert.Matches("id=\"authenticator-qr\"[^>]*|src=\"data:image/svg\\+xml;base64,", page.Html);
    }

    [Fact]
    public async Task A_clerk_may_work_without_an_authenticator_app()
    {
        await CreateUserAsync("free-clerk", Roles.Clerk);
        using var client = SignInClient.For(factory);
        await client.SignInSuccessfullyAsync("free-clerk", Password);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Enrolment_with_the_right_code_opens_the_app_and_the_next_sign_in_needs_a_code()
    {
        await CreateUserAsync("enrolling-credit", Roles.CreditManager);
        using var client = SignInClient.For(factory);
        await client.SignInSuccessfullyAsync("enrolling-credit", Password);

        var wrong = await client.PostFormAsync(SetupPath, "enable-two-factor", new() { ["Input.Code"] = "000000" });
        Assert.Contains("That code is not right. Enter the 6-digit code your app shows now.", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));
        var key = KeyPattern().Match(await client.Http.GetStringAsync(SetupPath)).Groups[1].Value;
        var enabled = await client.PostFormAsync(SetupPath, "enable-two-factor", new() { ["Input.Code"] = Totp.Code(key) });
        var codes = RecoveryCodePattern().Matches(await enabled.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/")).StatusCode);

        // Next time: password, then the code step.
        using var next = SignInClient.For(factory);
        var password = await next.SignInAsync("enrolling-credit", Password);
        Assert.Equal("/account/login/two-factor", SignInClient.RedirectPath(password));
        Assert.Equal(HttpStatusCode.Redirect, (await next.Http.GetAsync("/")).StatusCode);
        var twoFactorPath = password.Headers.Location!.PathAndQuery;
        var refused = await next.PostFormAsync(twoFactorPath, "two-factor", new() { ["Input.Code"] = OtherThan(Totp.Code(key)) });
        Assert.Equal("That code is not right. Enter the code your app shows now, or one of your recovery codes.", await SignInClient.ErrorOf(refused));
        var accepted = await next.PostFormAsync(twoFactorPath, "two-factor", new() { ["Input.Code"] = Totp.Code(key) });
        Assert.Equal("/", SignInClient.RedirectPath(accepted));
        Assert.Equal(HttpStatusCode.OK, (await next.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (_, codes) = await EnrolledUserAsync("recovering-admin", Roles.Admin);

        using var first = SignInClient.For(factory);
        var step = await first.SignInAsync("recovering-admin", Password);
        var used = await first.PostFormAsync(step.Headers.Location!.PathAndQuery, "two-factor", new() { ["Input.Code"] = codes[3].ToLowerInvariant() });
        Assert.Equal("/", SignInClient.RedirectPath(used));

        using var second = SignInClient.For(factory);
        step = await second.SignInAsync("recovering-admin", Password);
        var again = await second.PostFormAsync(step.Headers.Location!.PathAndQuery, "two-factor", new() { ["Input.Code"] = codes[3] });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.StartsWith("That code is not right.", await SignInClient.ErrorOf(again));
    }

    [Fact]
    public async Task An_admin_reset_forgets_the_app_ends_the_session_is_audited_and_the_user_sets_up_again()
    {
        var (id, _) = await EnrolledUserAsync("lost-phone", Roles.CreditManager);

        await factory.AsAsync(Roles.Admin, sp => SignInTests.Run(() => sp.GetRequiredService<UserAdministrationService>().ResetTwoFactorAsync(id)));

        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByIdAsync(id);
            Assert.False(user!.TwoFactorEnabled);
            Assert.Equal(0, await users.CountRecoveryCodesAsync(user));
        }

        using (Actors.As("mfa-auditor", Roles.Accountant))
        using (var scope = factory.Services.CreateScope())
        {
            var log = scope.ServiceProvider.GetRequiredService<Domain.Auditing.AuditLogService>();
            var entries = await log.SearchAsync(new Domain.Auditing.AuditLogFilter(EntityType: "User", UserName: "admin-tester"), 0, 500);
            Assert.Contains(entries.Items, e => e.EntityKey == id
                && e.Changes.Any(c => c.Field == "TwoFactorEnabled" && c.OldValue == "True" && c.NewValue == "False"));
        }

        using var client = SignInClient.For(factory);
        await client.SignInSuccessfullyAsync("lost-phone", Password);
        Assert.Equal(SetupPath, (await FollowAsync(client, "/")).RequestPath);
        await factory.AsAsync(Roles.Admin, async sp => await Assert.ThrowsAsync<DomainException>(
            () => sp.GetRequiredService<UserAdministrationService>().ResetTwoFactorAsync(id)));
    }

    [Fact]
    public async Task Only_admins_reset_someone_elses_two_factor_sign_in()
    {
        var (id, _) = await EnrolledUserAsync("kept-phone", Roles.Clerk);
        await factory.AsAsync(Roles.CreditManager, async sp => await Assert.ThrowsAsync<AccessDeniedException>(
            () => sp.GetRequiredService<UserAdministrationService>().ResetTwoFactorAsync(id)));
    }

    /// <summary>A user who has set up their app through the pages; returns the id and the recovery codes.</summary>
    private async Task<(string Id, List<string> RecoveryCodes)> EnrolledUserAsync(string userName, string role)
    {
        var id = await CreateUserAsync(userName, role);
        using var client = SignInClient.For(factory);
        await client.SignInSuccessfullyAsync(userName, Password);
        var key = KeyPattern().Match(await client.Http.GetStringAsync(SetupPath)).Groups[1].Value;
        var enabled = await client.PostFormAsync(SetupPath, "enable-two-factor", new() { ["Input.Code"] = Totp.Code(key) });
        var codes = RecoveryCodePattern().Matches(await enabled.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        return (id, codes);
    }

    /// <summary>Follows redirects by hand (the client does not), returning where it ended and the page there.</summary>
    private static async Task<(string RequestPath, string Html)> FollowAsync(SignInClient client, string path)
    {
        for (var hops = 0; hops < 5; hops++)
        {
            var response = await client.Http.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                return (new Uri(new Uri("http://localhost"), path).AbsolutePath, await response.Content.ReadAsStringAsync());
            }

            path = response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString;
        }

        throw new InvalidOperationException("Too many redirects from " + path);
    }

    private static string OtherThan(string code) => code == "123456" ? "654321" : "123456";

    private Task<string> CreateUserAsync(string userName, string role) =>
        factory.AsAsync(Roles.Admin, sp => sp.GetRequiredService<UserAdministrationService>().CreateAsync(
            new NewUserInput(userName, userName + " Person", null, Password, [role], [])));

    [GeneratedRegex("id=\"authenticator-key\">([^<]+)<")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCodePattern();
}
