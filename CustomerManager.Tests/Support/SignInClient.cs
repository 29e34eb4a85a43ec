using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CustomerManager.Tests.Support;

/// <summary>An HTTP client that signs in through the real sign-in form, antiforgery token included.</summary>
internal sealed partial class SignInClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    /// <summary>Over HTTPS, as a browser would be: outside Development the app's cookies are Secure only.</summary>
    public static SignInClient For(AppFactory factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true,
        }));

    /// <summary>Posts the form; returns the response (302 on success, 200 with the error message on refusal).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password, string returnUrl = "")
    {
        var path = "/account/login" + (returnUrl.Length > 0 ? "?ReturnUrl=" + Uri.EscapeDataString(returnUrl) : "");
        return await PostFormAsync(path, "login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
    }

    /// <summary>Opens a statically rendered page and posts its form <paramref name="formName"/> with its antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string formName, Dictionary<string, string> fields)
    {
        var page = await Http.GetStringAsync(path);
        var token = TokenPattern().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"The page {path} has no antiforgery token.");
        fields["_handler"] = formName;
        fields["__RequestVerificationToken"] = token;
        return await Http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>An antiforgery token from a page, for posts that are not that page's own form (sign-out).</summary>
    public async Task<string> AntiforgeryTokenAsync(string path) =>
        TokenPattern().Match(await Http.GetStringAsync(path)).Groups[1].Value;

    public async Task SignInSuccessfullyAsync(string userName, string password)
    {
        var response = await SignInAsync(userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static async Task<string> ErrorOf(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var match = ErrorPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : "";
    }

    /// <summary>Where a redirect points, as a local path (the test server answers with absolute URLs).</summary>
    public static string RedirectPath(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException("Not a redirect.");
        var absolute = location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location);
        Assert.Equal("localhost", absolute.Host);
        return absolute.AbsolutePath;
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("id=\"login-error\">([^<]*)<")]
    private static partial Regex ErrorPattern();
}
