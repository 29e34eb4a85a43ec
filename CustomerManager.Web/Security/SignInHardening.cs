using System.Globalization;
using System.Threading.RateLimiting;
using CustomerManager.Domain.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CustomerManager.Web.Security;

/// <summary>The "Security" configuration section: what sign-in demands and how often it may be tried.</summary>
public sealed class SignInSecurityOptions
{
    public const string Section = "Security";

    /// <summary>Admins and credit managers must use an authenticator app. Off only where demo users sign in (Development).</summary>
    public bool RequireMfaForPrivilegedRoles { get; set; } = true;

    public SignInLimitOptions SignInLimits { get; set; } = new();
}

/// <summary>
/// Sign-in attempts allowed per window. The per-user-name limit stays below Identity's lockout threshold (5), so a burst
/// of guesses is turned away before it can lock the account; lockout remains the second line for slow guessing.
/// </summary>
public sealed class SignInLimitOptions
{
    public int PerUserName { get; set; } = 4;

    /// <summary>Generous: a whole shop behind one address signs in at opening time.</summary>
    public int PerClientAddress { get; set; } = 30;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// Sign-in hardening (issue 13, item 4): password rules, enumeration-safe refusals, rate limiting of the sign-in posts,
/// two-factor sign-in required of privileged roles, and open circuits that end when an admin changes a user.
/// </summary>
public static class SignInHardening
{
    public const string LoginPath = "/account/login";
    public const string TwoFactorPath = "/account/login/two-factor";
    public const string TwoFactorSetupPath = "/account/two-factor/setup";

    /// <summary>The sign-in form's user name field, as the browser posts it (Login.razor).</summary>
    public const string UserNameField = "Input.UserName";

    /// <summary>HttpContext item: seconds until the refused client may try again (read by the sign-in pages).</summary>
    public const string RetryAfterItem = "cm:sign-in-retry-after";

    /// <summary>Call after AddIdentityCore: it adds to Identity's password validators and replaces its sign-in manager.</summary>
    public static IServiceCollection AddSignInHardening(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SignInSecurityOptions>(configuration.GetSection(SignInSecurityOptions.Section));
        services.AddSingleton(sp => new TwoFactorPolicy(sp.GetRequiredService<IOptions<SignInSecurityOptions>>().Value.RequireMfaForPrivilegedRoles));
        services.AddScoped<TwoFactorService>();

        services.TryAddEnumerable(ServiceDescriptor.Scoped<IPasswordValidator<ApplicationUser>, PasswordRules>());
        services.AddSingleton<DummyPasswordHash>();
        services.AddScoped<SignInManager<ApplicationUser>, UniformRefusalSignInManager>();

        services.AddSingleton<CircuitSessions>();
        services.AddSingleton<IUserSessions>(sp => sp.GetRequiredService<CircuitSessions>());

        services.AddSingleton<IAuthorizationHandler, TwoFactorEnrolmentGate>();
        services.AddAuthorizationBuilder().AddPolicy(TwoFactorEnrolmentGate.SetupPolicy, policy => policy
            .RequireAuthenticatedUser()
            .AddRequirements(new TwoFactorEnrolmentGate.AllowedBeforeEnrolment()));
        services.ConfigureApplicationCookie(o =>
        {
            // A privileged user without an authenticator app is refused everywhere (TwoFactorEnrolmentGate); the refusal
            // takes them to the setup page rather than to "access denied".
            var accessDenied = o.Events.OnRedirectToAccessDenied;
            o.Events.OnRedirectToAccessDenied = context =>
            {
                if (!TwoFactorEnrolmentGate.IsDue(context.HttpContext.User))
                {
                    return accessDenied(context);
                }

                var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                context.Response.Redirect(TwoFactorSetupPath + "?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
                return Task.CompletedTask;
            };
        });

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInSecurityOptions>>((o, security) =>
        {
            var limits = security.Value.SignInLimits;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignInPost(context)
                    ? RateLimitPartition.GetFixedWindowLimiter("address:" + ClientAddress(context), _ => Window(limits.PerClientAddress, limits))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => PostedUserName(context) is { } userName
                    ? RateLimitPartition.GetFixedWindowLimiter("user:" + userName, _ => Window(limits.PerUserName, limits))
                    : RateLimitPartition.GetNoLimiter("")));
            o.OnRejected = (rejected, _) => ShowSignInPageAgainAsync(rejected, limits);
        });
        return services;
    }

    /// <summary>
    /// Limits the sign-in posts. Goes after authentication and antiforgery; anything that sets the client address
    /// (forwarded headers) must run before it.
    /// </summary>
    public static void UseSignInRateLimiting(this WebApplication app)
    {
        // The limiter's partition is chosen synchronously: read the posted form (async) first, so the user name is at hand.
        app.Use(async (context, next) =>
        {
            if (IsSignInPost(context) && context.Request.HasFormContentType)
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }

            await next(context);
        });
        app.UseRateLimiter();
    }

    internal static bool IsSignInPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && (context.Request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.Equals(TwoFactorPath, StringComparison.OrdinalIgnoreCase));

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>The user name a password post is for, normalised as Identity does, so "Admin" and " admin" share a limit.</summary>
    private static string? PostedUserName(HttpContext context)
    {
        if (!IsSignInPost(context) || !context.Request.HasFormContentType
            || !context.Request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var userName = context.Request.Form[UserNameField].ToString().Trim();
        return userName.Length == 0 ? null : userName.ToUpperInvariant()[..Math.Min(userName.Length, 256)];
    }

    private static FixedWindowRateLimiterOptions Window(int permits, SignInLimitOptions limits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromSeconds(Math.Max(1, limits.WindowSeconds)),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>
    /// A refused sign-in post answers 429 with the sign-in page itself (as for a GET) telling how long to wait, so the
    /// person sees why instead of a bare error page.
    /// </summary>
    private static async ValueTask ShowSignInPageAgainAsync(OnRejectedContext rejected, SignInLimitOptions limits)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? retryAfter
            : TimeSpan.FromSeconds(limits.WindowSeconds);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInHardening))
            .LogWarning("Sign-in attempt from {Address} rate limited for {Seconds} s", ClientAddress(context), seconds);
        if (context.GetEndpoint()?.RequestDelegate is { } page)
        {
            context.Items[RetryAfterItem] = seconds;
            context.Request.Method = HttpMethods.Get;
            await page(context);
        }
    }

    /// <summary>The wait the rate limiter set for this request, in whole seconds, if it refused it.</summary>
    public static int? RetryAfterSeconds(HttpContext? context) =>
        context?.Items.TryGetValue(RetryAfterItem, out var seconds) == true ? (int?)seconds : null;

    /// <summary>
    /// Re-issues the signed-in user's own cookie after a change of their security stamp (password, authenticator), so
    /// this session goes on while their other sessions end; the claims are computed afresh.
    /// </summary>
    public static async Task RefreshOwnSignInAsync(this SignInManager<ApplicationUser> signInManager, System.Security.Claims.ClaimsPrincipal principal)
    {
        // Read the user in a fresh scope: the request's own DbContext may still track the user as it was before the
        // change (stale stamp, two-factor flag), and a cookie made from that would be rejected or keep the setup mark.
        await using var scope = signInManager.Context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await userManager.FindByIdAsync(userManager.GetUserId(principal) ?? "") is { } user)
        {
            await signInManager.RefreshSignInAsync(user);
        }
    }

    /// <summary>Only local addresses: a crafted link must not send the user elsewhere after signing in.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";

    public static string TooManyAttemptsMessage(int seconds) => string.Create(CultureInfo.InvariantCulture,
        $"Too many sign-in attempts. Wait {seconds} second{(seconds == 1 ? "" : "s")} and try again.");
}
