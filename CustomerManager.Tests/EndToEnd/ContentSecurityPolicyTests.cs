using CustomerManager.Data.Seeding;
using CustomerManager.Web.Security;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

/// <summary>
/// Under the app's Content-Security-Policy, Chromium still runs Blazor and MudBlazor: pages become interactive, a dialog
/// opens and saves, a snackbar shows, and the browser reports no violation of the policy.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class ContentSecurityPolicyTests(RunningApp app)
{
    /// <summary>Collects violations as the page reports them (the DOM event), beside the console messages.</summary>
    private const string ViolationListener = """
        window.cspViolations = [];
        document.addEventListener('securitypolicyviolation',
          e => window.cspViolations.push(`${e.violatedDirective} refused ${e.blockedURI || 'inline'} in ${e.sourceFile}:${e.lineNumber}`));
        """;

    [Fact]
    public async Task Pages_become_interactive_and_dialogs_and_snackbars_work_with_no_policy_violation()
    {
        var page = await app.Browser.NewPageAsync();
        var consoleViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Refused to", StringComparison.OrdinalIgnoreCase))
            {
                consoleViolations.Add(message.Text);
            }
        };
        await page.AddInitScriptAsync(ViolationListener);
        try
        {
            var login = await page.GotoAsync("/account/login");
            Assert.Equal(SecurityHeaders.DevelopmentContentSecurityPolicy, await login!.HeaderValueAsync("content-security-policy"));
            await app.SignInAsync(page, "admin", DemoDataSeeder.DemoPassword);

            var users = await page.GotoAsync("/admin/users");
            Assert.Equal(SecurityHeaders.DevelopmentContentSecurityPolicy, await users!.HeaderValueAsync("content-security-policy"));
            await RunningApp.WaitForInteractiveAsync(page);
            await page.ClickAsync("#new-user");
            var dialog = page.Locator(".mud-dialog");
            await dialog.Locator("input[name=UserName]").FillAsync("csp.clerk");
            await dialog.Locator("input[name=DisplayName]").FillAsync("Cass Policy");
            await dialog.Locator("input[name=Password]").FillAsync("policy proof passphrase 7");
            await dialog.Locator("input[name=Password]").PressAsync("Tab");
            await dialog.GetByText("Clerk", new() { Exact = true }).ClickAsync();
            await dialog.Locator("input[name=DisplayName]").PressAsync("Enter");
            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasTextString = "User csp.clerk created." })).ToBeVisibleAsync();

            // A page with a grid and the theme's inline styles, reached by the interactive router.
            await page.Locator(".mud-nav-link-text", new() { HasTextString = "Customers" }).First.ClickAsync();
            await page.WaitForURLAsync("**/customers");
            await Assertions.Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync();

            var pageViolations = await page.EvaluateAsync<string[]>("() => window.cspViolations");
            Assert.Empty(pageViolations);
            Assert.Empty(consoleViolations);

            // The policy is enforced and the listeners hear it: an inline script injected now is refused and reported.
            await page.EvaluateAsync("""
                () => {
                  const script = document.createElement('script');
                  script.textContent = 'window.injected = true;';
                  document.body.appendChild(script);
                }
                """);
            await page.WaitForFunctionAsync("() => window.cspViolations.length > 0");
            Assert.Null(await page.EvaluateAsync<bool?>("() => window.injected ?? null"));
            Assert.Contains(await page.EvaluateAsync<string[]>("() => window.cspViolations"), v => v.StartsWith("script-src", StringComparison.Ordinal));
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
