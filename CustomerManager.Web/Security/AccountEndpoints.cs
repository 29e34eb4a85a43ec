using CustomerManager.Domain.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace CustomerManager.Web.Security;

internal static class AccountEndpoints
{
    /// <summary>
    /// Sign-out is a POST with an antiforgery token, so a link or form on another site cannot sign a clerk out. The
    /// antiforgery middleware only validates endpoints that bind a form; this one binds nothing, so it checks itself.
    /// A user still to set up an authenticator app may sign out too.
    /// </summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<ApplicationUser> signInManager) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest("The sign-out form has expired. Reload the page and sign out again.");
            }

            await signInManager.SignOutAsync();
            return Results.LocalRedirect("~/account/login");
        }).RequireAuthorization(TwoFactorEnrolmentGate.SetupPolicy).DisableAntiforgery();
    }
}
