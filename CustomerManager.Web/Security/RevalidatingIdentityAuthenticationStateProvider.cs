using System.Security.Claims;
using CustomerManager.Domain.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CustomerManager.Web.Security;

/// <summary>
/// Re-checks a circuit's user every <see cref="HostingSetup.RevalidationInterval"/>, and at once when an admin changes
/// that user on this node (<see cref="CircuitSessions"/>): a disabled user, or one whose security stamp changed (roles
/// edited, password or authenticator reset), loses the session.
/// </summary>
internal sealed class RevalidatingIdentityAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory scopeFactory;
    private readonly IOptions<IdentityOptions> options;
    private readonly CircuitSessions sessions;
    private readonly ILogger logger;

    public RevalidatingIdentityAuthenticationStateProvider(
        ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> options, CircuitSessions sessions)
        : base(loggerFactory)
    {
        this.scopeFactory = scopeFactory;
        this.options = options;
        this.sessions = sessions;
        logger = loggerFactory.CreateLogger<RevalidatingIdentityAuthenticationStateProvider>();
        sessions.Ended += OnSessionsEnded;
    }

    protected override TimeSpan RevalidationInterval => HostingSetup.RevalidationInterval;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            sessions.Ended -= OnSessionsEnded;
        }

        base.Dispose(disposing);
    }

    private void OnSessionsEnded(string userId) => _ = RevalidateNowAsync(userId);

    private async Task RevalidateNowAsync(string userId)
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (state.User.FindFirstValue(ClaimTypes.NameIdentifier) == userId
                && !await ValidateAuthenticationStateAsync(state, CancellationToken.None))
            {
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
            }
        }
        catch (Exception e)
        {
            // The periodic revalidation still ends the session; this only makes it sooner.
            logger.LogWarning(e, "Immediate revalidation of a circuit failed");
        }
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await userManager.GetUserAsync(authenticationState.User);
        if (user is null || user.IsDisabled)
        {
            return false;
        }

        var principalStamp = authenticationState.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await userManager.GetSecurityStampAsync(user);
    }
}
