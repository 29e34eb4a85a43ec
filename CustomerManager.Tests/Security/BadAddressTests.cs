using System.Net;
using System.Reflection;
using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Users;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Security;

/// <summary>
/// Issue 13 item 3: an address typed by hand never fails a page. Every routed page, as every demo role, with unknown,
/// negative and non-numeric ids and with missing or bad query parameters, answers with the layout and a clear message
/// (not found, not allowed, choose the customer) or the page itself; never a 500 or an unexpected-failure message.
/// The page runs the same code when prerendered (read here) as in the circuit (see BadAddressCircuitTests).
/// </summary>
public class BadAddressTests(BadAddressTests.Fixture fixture) : IClassFixture<BadAddressTests.Fixture>
{
    private static readonly string[] DemoUsers = ["admin", "clerk", "credit", "accountant", "clerk.clothing"];

    /// <summary>Query parameters that name a record; the others (list filters) are free text the page reads leniently.</summary>
    private static readonly string[] RecordParameters = ["customer", "survivor"];

    private static readonly string[] Expected =
    [
        "data-kind=\"not-found\"", "data-kind=\"not-allowed\"", "id=\"choose-customer\"", "id=\"address-problem\"",
    ];

    /// <summary>Every page template of the app with [Authorize] (the sign-in pages and error pages are not typed into).</summary>
    private static IReadOnlyList<(string Template, IReadOnlyList<string> QueryNames)> Pages() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (Template: r.Template, Type: t)))
            .Where(p => !p.Template.StartsWith("/account", StringComparison.Ordinal) && p.Template is not "/error" and not "/not-found")
            .Select(p => (p.Template, (IReadOnlyList<string>)p.Type
                .GetProperties(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
                .Select(prop => prop.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is { } q ? q.Name ?? prop.Name : null)
                .OfType<string>().ToList()))
            .ToList();

    [Fact]
    public void The_sweep_covers_the_pages_with_ids_and_query_parameters()
    {
        var pages = Pages();
        Assert.True(pages.Count >= 25, $"Only {pages.Count} pages found.");
        Assert.Equal(5, pages.Count(p => p.Template.Contains("{Id:int}", StringComparison.Ordinal)));
        Assert.Equal(["customer", "customer", "customer", "survivor"],
            pages.SelectMany(p => p.QueryNames).Where(RecordParameters.Contains).Order());
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Every_page_with_unknown_negative_or_zero_ids_shows_not_found_in_the_layout(string user)
    {
        using var client = await SignedInAsync(user);
        var problems = new List<string>();
        foreach (var (template, _) in Pages().Where(p => p.Template.Contains("{Id:int}", StringComparison.Ordinal)))
        {
            foreach (var id in new[] { "999999999", "-5", "0" })
            {
                await CheckAsync(client, template.Replace("{Id:int}", id, StringComparison.Ordinal), problems, expectMessage: true);
            }

            // Not a number: no page matches the address, and the app's not-found page says so.
            var response = await client.Http.GetAsync(template.Replace("{Id:int}", "abc", StringComparison.Ordinal));
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.NotFound || !html.Contains("Page not found", StringComparison.Ordinal))
            {
                problems.Add($"{template} with abc: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Every_page_with_missing_or_bad_query_parameters_asks_or_explains(string user)
    {
        using var client = await SignedInAsync(user);
        var problems = new List<string>();
        foreach (var (template, names) in Pages().Where(p => !p.Template.Contains('{', StringComparison.Ordinal)))
        {
            // Without any parameter: the page itself (or, for a page about one customer, the question which one).
            await CheckAsync(client, template, problems, expectMessage: false);
            foreach (var name in names)
            {
                foreach (var value in new[] { "999999999", "-5", "abc", "" })
                {
                    await CheckAsync(client, $"{template}?{name}={value}", problems, expectMessage: RecordParameters.Contains(name) && value.Length > 0);
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_limited_clerk_opening_another_divisions_layby_is_told_not_allowed()
    {
        using var client = await SignedInAsync("clerk.clothing");
        var html = await client.Http.GetStringAsync($"/laybys/{fixture.HardwareLaybyId}");
        Assert.Contains("data-kind=\"not-allowed\"", html, StringComparison.Ordinal);
        Assert.Contains("You are limited to other divisions", html, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.HardwareLaybyNumber, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_limited_credit_manager_opening_another_divisions_application_is_told_not_allowed()
    {
        using var client = SignInClient.For(fixture);
        await client.SignInSuccessfullyAsync(Fixture.ClothingManager, Fixture.ManagerPassword);
        var html = await client.Http.GetStringAsync($"/credit/review/{fixture.HardwareApplicationId}");
        Assert.Contains("data-kind=\"not-allowed\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"review-exposure\"", html, StringComparison.Ordinal);
    }

    public static TheoryData<string> Users() => new(DemoUsers);

    private async Task<SignInClient> SignedInAsync(string user)
    {
        var client = SignInClient.For(fixture);
        await client.SignInSuccessfullyAsync(user, DemoDataSeeder.DemoPassword);
        return client;
    }

    /// <summary>
    /// 200 with the layout (or the role's refusal: a redirect to access denied); never a failure. With
    /// <paramref name="expectMessage"/>, the page must say what was wrong with the address.
    /// </summary>
    private static async Task CheckAsync(SignInClient client, string path, List<string> problems, bool expectMessage)
    {
        var response = await client.Http.GetAsync(path);
        if (response.StatusCode == HttpStatusCode.Redirect
            && SignInClient.RedirectPath(response).StartsWith("/account/access-denied", StringComparison.Ordinal))
        {
            return;
        }

        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            problems.Add($"{path}: {(int)response.StatusCode}");
        }
        else if (!html.Contains("id=\"nav-drawer\"", StringComparison.Ordinal))
        {
            problems.Add($"{path}: no layout");
        }
        else if (html.Contains("data-kind=\"error\"", StringComparison.Ordinal))
        {
            problems.Add($"{path}: unexpected failure");
        }
        else if (expectMessage && !Expected.Any(e => html.Contains(e, StringComparison.Ordinal)))
        {
            problems.Add($"{path}: no message about the address");
        }
    }

    /// <summary>The demo users, a Hardware layby and credit application, and a credit manager limited to Clothing.</summary>
    public sealed class Fixture : AppFactory, IAsyncLifetime
    {
        public const string ClothingManager = "credit.clothing";
        public const string ManagerPassword = "Decides-Clothing-2026";

        public int HardwareLaybyId { get; private set; }

        public string HardwareLaybyNumber { get; private set; } = "";

        public int HardwareApplicationId { get; private set; }

        public async Task InitializeAsync()
        {
            const int Hardware = 4, Clothing = 3;
            using var admin = Actors.As("bad-address-admin", Roles.Admin);
            using var scope = Services.CreateScope();
            T Service<T>()
                where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

            var customer = await Service<CustomerService>().CreateAsync(CustomerTestData.Person());
            var account = await Service<DivisionAccountService>().OpenAsync(customer.Id, Hardware);
            await Service<DivisionAccountService>().SetCreditTermsAsync(account.Id, account.Version,
                new CreditTermsInput(DivisionAccountStatus.Active, 0m, 30, false, true, LoyaltyTier.Bronze));
            var layby = await Service<LaybyService>().OpenAsync(new OpenLaybyInput(
                customer.Id, Hardware, [new LaybyItemInput("Drill", null, 1, 900m)], 200m, PaymentMethod.Cash, LaybyFrequency.Monthly,
                DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60), Guid.NewGuid()));
            (HardwareLaybyId, HardwareLaybyNumber) = (layby.Id, layby.LaybyNumber);
            HardwareApplicationId = (await Service<CreditApplicationService>().SubmitAsync(
                new CreditApplicationInput(customer.Id, Hardware, 1000m, 30, 5000m, 0m, 0m, 0m))).Id;
            await Service<UserAdministrationService>().CreateAsync(new NewUserInput(
                ClothingManager, "Clothing Credit", null, ManagerPassword, [Roles.CreditManager], [Clothing]));
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }
}
