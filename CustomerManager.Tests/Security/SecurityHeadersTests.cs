using System.Net;
using System.Text.RegularExpressions;
using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Users;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Exports;
using CustomerManager.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Security;

/// <summary>The app on a real Kestrel socket: only there would a Server header or a proxy's address show.</summary>
public class KestrelAppFactory : AppFactory
{
    public KestrelAppFactory() => UseKestrel(0);

    /// <summary>
    /// A client of the socket that follows no redirect, keeping cookies or not (a client of the factory's own would
    /// follow redirects and keep cookies in its socket handler whatever its options say).
    /// </summary>
    public HttpClient CreateSocketClient(bool handleCookies)
    {
        StartServer();
        return new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = handleCookies })
        {
            BaseAddress = ClientOptions.BaseAddress,
        };
    }
}

/// <summary>Production behind a TLS-terminating proxy on this machine, declared as the one known proxy.</summary>
public class ProxiedProductionAppFactory : KestrelAppFactory
{
    public const string AdminName = "proxy.admin";
    public const string AdminPassword = "a proxied first password";

    protected virtual string KnownProxy => "127.0.0.1";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("InitialAdmin:UserName", AdminName);
        builder.UseSetting("InitialAdmin:Password", AdminPassword);
        builder.UseSetting(SecurityHeaders.KnownProxiesKey + ":0", KnownProxy);
    }
}

/// <summary>The same, but the proxy that is trusted is another machine: this one's forwarded headers count for nothing.</summary>
public sealed class UntrustedProxyAppFactory : ProxiedProductionAppFactory
{
    protected override string KnownProxy => "10.20.30.40";
}

public class SecurityHeadersTests(KestrelAppFactory factory) : IClassFixture<KestrelAppFactory>
{
    [Fact]
    public async Task Pages_documents_exports_and_static_files_carry_the_security_headers_and_no_server_header()
    {
        var receiptNumber = await LaybyReceiptAsync();
        using var client = new SignInClient(factory.CreateSocketClient(handleCookies: true));
        // A credit manager: prints receipts and exports (accountants export but print no receipts, DOMAIN.md §1).
        await client.SignInSuccessfullyAsync("credit", DemoDataSeeder.DemoPassword);
        var export = await ExportForAsync("credit");

        var page = await client.Http.GetAsync("/");
        var receipt = await client.Http.GetAsync($"/receipts/{receiptNumber}.pdf");
        var statement = await client.Http.GetAsync("/statements/STM-HRD-202607-999999.pdf");
        var download = await client.Http.GetAsync("/" + export.Url);
        var stylesheet = await client.Http.GetAsync("/app.css");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, statement.StatusCode);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);
        foreach (var response in new[] { page, receipt, statement, download, stylesheet })
        {
            var path = response.RequestMessage!.RequestUri!.AbsolutePath;
            Assert.Equal(
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                "font-src 'self' data:; connect-src 'self' ws://localhost:* wss://localhost:*; object-src 'none'; " +
                "base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
                Header(response, "Content-Security-Policy"));
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
            Assert.Equal(
                "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
                Header(response, "Permissions-Policy"));
            Assert.False(response.Headers.Contains("Server"), $"{path} names its server");
        }

        foreach (var document in new[] { receipt, statement, download })
        {
            Assert.Equal("no-store", Header(document, "Cache-Control"));
        }

        Assert.NotEqual("no-store", Header(stylesheet, "Cache-Control"));
    }

    [Fact]
    public async Task No_page_carries_an_inline_script()
    {
        using var client = new SignInClient(factory.CreateSocketClient(handleCookies: true));
        await client.SignInSuccessfullyAsync("admin", DemoDataSeeder.DemoPassword);
        foreach (var path in new[] { "/account/login", "/", "/admin/users", "/customers" })
        {
            var html = await client.Http.GetStringAsync(path);
            // script-src 'self' runs only script files: an inline script would be refused by the browser.
            Assert.DoesNotMatch(new Regex("<script(?![^>]*\\bsrc=)[^>]*>"), html);
        }
    }

    private async Task<string> LaybyReceiptAsync()
    {
        using var actor = Actors.As("headers-clerk", Roles.Clerk);
        using var scope = factory.Scope();
        var customer = await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person("Hedda", "Headers"));
        await scope.ServiceProvider.GetRequiredService<DivisionAccountService>().OpenAsync(customer.Id, 3);
        var laybys = scope.ServiceProvider.GetRequiredService<LaybyService>();
        var layby = await laybys.OpenAsync(new OpenLaybyInput(customer.Id, 3, [new LaybyItemInput("Coat", null, 1, 1000m)], 200m,
            PaymentMethod.Cash, LaybyFrequency.Monthly, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(85), Guid.NewGuid()));
        return (await laybys.PayAsync(layby.Id, 100m, PaymentMethod.Cash, null, Guid.NewGuid())).ReceiptNumber!;
    }

    private async Task<ExportFile> ExportForAsync(string userName)
    {
        using var scope = factory.Scope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByNameAsync(userName);
        return await factory.Services.GetRequiredService<ExportFiles>().WriteAsync("headers.csv", "text/csv", user!.Id, async stream =>
        {
            await stream.WriteAsync("a,b\n1,2\n"u8.ToArray());
            return 1;
        });
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}

/// <summary>
/// Behind a TLS-terminating proxy the app sees plain HTTP; X-Forwarded-Proto: https from a known proxy makes the request
/// HTTPS again, so HSTS is sent and every cookie is Secure. The same header from anyone else changes nothing.
/// </summary>
public class ForwardedHeadersTests(ProxiedProductionAppFactory factory) : IClassFixture<ProxiedProductionAppFactory>
{
    private const string PublicHost = "customers.example.test";

    [Fact]
    public async Task Behind_a_known_proxy_forwarding_https_the_sign_in_cookies_are_secure_and_hsts_is_sent()
    {
        using var http = RawClient(factory);
        var form = await SendAsync(http, HttpMethod.Get, "/account/login", forwardedProto: "https");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal("max-age=31536000", SecurityHeadersTests.Header(form, "Strict-Transport-Security"));
        Assert.Equal(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
            "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
            "frame-ancestors 'none'",
            SecurityHeadersTests.Header(form, "Content-Security-Policy"));
        var antiforgery = Assert.Single(SetCookies(form), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        var token = Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await SendAsync(http, HttpMethod.Post, "/account/login", forwardedProto: "https",
            cookie: antiforgery.Split(';')[0],
            form: new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = ProxiedProductionAppFactory.AdminName,
                ["Input.Password"] = ProxiedProductionAppFactory.AdminPassword,
            });

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var identity = Assert.Single(SetCookies(signIn), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.Contains("; secure", identity, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("max-age=31536000", SecurityHeadersTests.Header(signIn, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_forwarded_scheme_from_an_unknown_address_is_ignored()
    {
        using var untrusted = new UntrustedProxyAppFactory();
        using var http = RawClient(untrusted);

        var response = await SendAsync(http, HttpMethod.Get, "/account/login", forwardedProto: "https");

        Assert.Null(SecurityHeadersTests.Header(response, "Strict-Transport-Security"));
    }

    /// <summary>No cookie container: a Secure cookie must be seen as the browser would get it, not dropped on plain HTTP.</summary>
    private static HttpClient RawClient(ProxiedProductionAppFactory app) => app.CreateSocketClient(handleCookies: false);

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpMethod method, string path, string forwardedProto, string? cookie = null, Dictionary<string, string>? form = null)
    {
        using var request = new HttpRequestMessage(method, path);
        // Not localhost: HSTS is never sent to localhost, whatever the scheme.
        request.Headers.Host = PublicHost;
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
}
