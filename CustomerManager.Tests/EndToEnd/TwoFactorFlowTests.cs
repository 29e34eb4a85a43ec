using CustomerManager.Domain.Common;
using CustomerManager.Domain.Users;
using CustomerManager.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

/// <summary>
/// Issue 13 item 4 in the browser, under the app's Content-Security-Policy: a clerk turns on two-factor sign-in (the QR
/// code shows, the key works in an authenticator, ten recovery codes), and the next sign-in asks for a code.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class TwoFactorFlowTests(RunningApp app)
{
    private const string UserName = "mfa.clerk";
    private const string Password = "Two-Steps-Ahead-2026";

    [Fact]
    public async Task A_clerk_sets_up_an_authenticator_and_then_signs_in_with_a_code()
    {
        await AddClerkAsync();
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, UserName, Password);
            await page.GotoAsync("/account/two-factor");
            await page.ClickAsync("#set-up-two-factor");

            var qr = page.Locator("#authenticator-qr");
            await Assertions.Expect(qr).ToBeVisibleAsync();
            // Drawn, not a broken image: the SVG data URI is allowed by the policy (img-src data:) and decodes.
            Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
            var key = (await page.Locator("#authenticator-key").TextContentAsync())!.Trim();
            await page.FillAsync("#code", Totp.Code(key));
            await page.ClickAsync("#enable-two-factor");
            await Assertions.Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);

            await page.ClickAsync("#continue");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.ClickAsync("#sign-out");
            // The sign-in form, however the redirect got there (no load event to wait for on every path).
            await Assertions.Expect(page.Locator("#username")).ToBeVisibleAsync();

            await page.FillAsync("#username", UserName);
            await page.FillAsync("#password", Password);
            await page.ClickAsync("#sign-in");
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login/two-factor"));
            var wrongCode = Totp.Code(key) == "000000" ? "111111" : "000000";
            await page.FillAsync("#code", wrongCode);
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("That code is not right.");
            await page.FillAsync("#code", Totp.Code(key));
            await page.Keyboard.PressAsync("Enter");
            await RunningApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#sign-out")).ToBeVisibleAsync();
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-two-factor-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>A clerk of its own, straight into the running app's database, so no other test's user changes.</summary>
    private async Task AddClerkAsync()
    {
        await using var db = app.OpenDatabase();
        if (await db.Users.AnyAsync(u => u.UserName == UserName))
        {
            return;
        }

        var user = new ApplicationUser
        {
            UserName = UserName,
            NormalizedUserName = UserName.ToUpperInvariant(),
            DisplayName = "Mia Factor",
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
        };
        user.PasswordHash = new PasswordHasher<ApplicationUser>().HashPassword(user, Password);
        db.Users.Add(user);
        var clerkRole = await db.Roles.SingleAsync(r => r.Name == Roles.Clerk);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = clerkRole.Id });
        await db.SaveChangesAsync();
    }
}
