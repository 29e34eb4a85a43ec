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
        var form = await Http.GetStringAsync(path);
        var token = TokenPattern().Match(form).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "The sign-in form has no antiforgery token.");
        return await Http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
    }

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
