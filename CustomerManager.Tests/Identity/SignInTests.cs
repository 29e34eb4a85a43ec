using System.Net;
using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Users;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Identity;

public class SignInTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Password = DemoDataSeeder.DemoPassword;

    public static TheoryData<string, string> DemoUsers => new()
    {
        { "admin", Roles.Admin },
        { "clerk", Roles.Clerk },
        { "credit", Roles.CreditManager },
        { "accountant", Roles.Accountant },
    };

    [Theory]
    [MemberData(nameof(DemoUsers))]
    public async Task Each_role_signs_in_through_the_form_and_lands_on_its_home_page(string userName, string role)
    {
        using var client = SignInClient.For(factory);
        var response = await client.SignInAsync(userName, Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", SignInClient.RedirectPath(response));
        var home = await client.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = await home.Content.ReadAsStringAsync();
        Assert.Contains($"id=\"home-{role.ToLowerInvariant()}\"", html);
        foreach (var other in Roles.All.Where(r => r != role))
        {
            Assert.DoesNotContain($"id=\"home-{other.ToLowerInvariant()}\"", html);
        }
    }

    [Fact]
    public async Task Sign_in_returns_to_the_local_page_asked_for_but_never_to_another_site()
    {
        using var client = SignInClient.For(factory);
        var local = await client.SignInAsync("accountant", Password, returnUrl: "/audit");
        Assert.Equal("/audit", SignInClient.RedirectPath(local));

        using var other = SignInClient.For(factory);
        var offsite = await other.SignInAsync("accountant", Password, returnUrl: "//evil.example/phish");
        Assert.Equal("/", SignInClient.RedirectPath(offsite));
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        using var client = SignInClient.For(factory);
        var response = await client.SignInAsync("credit", "not-the-password-at-all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Wrong user name or password.", await SignInClient.ErrorOf(response));
        var home = await client.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Contains("/account/login", home.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_which_only_the_right_password_learns()
    {
        await CreateUserAsync("lockme", Roles.Clerk);
        using var client = SignInClient.For(factory);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await client.SignInAsync("lockme", "wrong-password-" + attempt);
            Assert.Equal("Wrong user name or password.", await SignInClient.ErrorOf(wrong));
        }

        var sixth = await client.SignInAsync("lockme", "wrong-password-6");
        Assert.Equal("Wrong user name or password.", await SignInClient.ErrorOf(sixth));

        var right = await client.SignInAsync("lockme", "a-good-long-password");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", await SignInClient.ErrorOf(right));
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_can_again_once_enabled()
    {
        var id = await CreateUserAsync("leaver", Roles.Clerk);
        await factory.AsAsync(Roles.Admin, sp => Run(() => sp.GetRequiredService<UserAdministrationService>().SetDisabledAsync(id, true)));

        using var client = SignInClient.For(factory);
        var refused = await client.SignInAsync("leaver", "a-good-long-password");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("disabled", await SignInClient.ErrorOf(refused));

        await factory.AsAsync(Roles.Admin, sp => Run(() => sp.GetRequiredService<UserAdministrationService>().SetDisabledAsync(id, false)));
        await client.SignInSuccessfullyAsync("leaver", "a-good-long-password");
    }

    public static TheoryData<string, string> RefusedPages => new()
    {
        { "clerk", "/admin/users" },
        { "clerk", "/admin/organisation" },
        { "clerk", "/audit" },
        { "credit", "/admin/users" },
        { "credit", "/admin/organisation" },
        { "credit", "/audit" },
        { "accountant", "/admin/users" },
        { "accountant", "/admin/organisation" },
        { "accountant", "/customers/new" },
        { "accountant", "/customers/merge" },
        { "clerk", "/customers/merge" },
    };

    [Theory]
    [MemberData(nameof(RefusedPages))]
    public async Task A_role_is_refused_on_pages_it_may_not_open(string userName, string path)
    {
        using var client = SignInClient.For(factory);
        await client.SignInSuccessfullyAsync(userName, Password);

        var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("admin", "/admin/users")]
    [InlineData("admin", "/admin/organisation")]
    [InlineData("admin", "/audit")]
    [InlineData("accountant", "/audit")]
    [InlineData("accountant", "/customers")]
    [InlineData("clerk", "/customers/new")]
    [InlineData("credit", "/customers/merge")]
    public async Task A_role_opens_the_pages_it_may_use(string userName, string path)
    {
        using var client = SignInClient.For(factory);
        await client.SignInSuccessfullyAsync(userName, Password);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/admin/users")]
    [InlineData("/audit")]
    [InlineData("/account/password")]
    public async Task Every_page_needs_a_signed_in_user(string path)
    {
        using var client = SignInClient.For(factory);
        var response = await client.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Health_endpoint_reports_the_database_reachable()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    private async Task<string> CreateUserAsync(string userName, string role) =>
        await factory.AsAsync(Roles.Admin, sp => sp.GetRequiredService<UserAdministrationService>().CreateAsync(
            new NewUserInput(userName, userName + " Person", null, "a-good-long-password", [role], [])));

    internal static async Task<bool> Run(Func<Task> action)
    {
        await action();
        return true;
    }
}
