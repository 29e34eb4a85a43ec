using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;

namespace CustomerManager.Web.Security;

/// <summary>
/// Transport and response headers (issue 13 item 5): which proxies may say a request came over HTTPS, HTTPS redirection
/// and HSTS outside Development, Secure cookies, and the headers every response carries (CSP and friends, no-store on
/// documents, no Server header).
/// </summary>
public static class SecurityHeaders
{
    public const string KnownProxiesKey = "ForwardedHeaders:KnownProxies";
    public const string KnownNetworksKey = "ForwardedHeaders:KnownNetworks";

    /// <summary>
    /// What Blazor Server and MudBlazor need and nothing more: scripts only from the app's own files (blazor.web.js and
    /// MudBlazor.min.js use no eval), inline styles because MudBlazor writes its theme as a style element and sizes
    /// components with style attributes, data: images and fonts (MudBlazor's CSS, MFA QR codes), and the circuit's
    /// WebSocket back to the same origin ('self' covers ws:/wss: of the page's host in CSP 3 browsers).
    /// </summary>
    public static readonly string ContentSecurityPolicy = Policy(connectSources: "'self'");

    /// <summary>
    /// Development also lets pages reach the browser-refresh socket dotnet watch opens on another localhost port.
    /// </summary>
    public static readonly string DevelopmentContentSecurityPolicy = Policy(connectSources: "'self' ws://localhost:* wss://localhost:*");

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    /// <summary>Receipts, statements and exports hold one customer's money: never kept by a browser or a shared cache.</summary>
    private static readonly PathString[] PrivateDocumentPaths = ["/receipts", "/statements", "/exports"];

    public static void AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        // The Server header only tells an attacker which server to look up.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Services.Configure<ForwardedHeadersOptions>(o => ConfigureProxies(o, builder.Configuration));
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        if (!builder.Environment.IsDevelopment())
        {
            // Sign-in, two-factor and antiforgery cookies never travel over plain HTTP: behind a TLS-terminating proxy the
            // forwarded scheme makes the request HTTPS, so they are still set.
            builder.Services.ConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            builder.Services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        }
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme, error pages included.</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            // A load balancer's health probe comes over plain HTTP from inside the network: answer it, don't redirect it.
            app.UseWhen(c => !c.Request.Path.StartsWithSegments("/health"), b => b.UseHttpsRedirection());
        }

        var contentSecurityPolicy = app.Environment.IsDevelopment() ? DevelopmentContentSecurityPolicy : ContentSecurityPolicy;
        app.Use((context, next) =>
        {
            // The path asked for, not the error or not-found page a later middleware re-executes in its place.
            var isPrivateDocument = PrivateDocumentPaths.Any(p => context.Request.Path.StartsWithSegments(p));
            // On starting, not now: the exception handler clears the headers of a failed response before it re-executes.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = contentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = ReferrerPolicy;
                headers["Permissions-Policy"] = PermissionsPolicy;
                if (isPrivateDocument)
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private static string Policy(string connectSources) =>
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        $"font-src 'self' data:; connect-src {connectSources}; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>
    /// Only X-Forwarded-For and -Proto, and only from the proxies configured; when none are configured, the defaults
    /// (a proxy on the same machine, loopback) stay.
    /// </summary>
    private static void ConfigureProxies(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        var proxies = configuration.GetSection(KnownProxiesKey).Get<string[]>() ?? [];
        var networks = configuration.GetSection(KnownNetworksKey).Get<string[]>() ?? [];
        if (proxies.Length == 0 && networks.Length == 0)
        {
            return;
        }

        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}
