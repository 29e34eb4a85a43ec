using CustomerManager.Data.Seeding;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

/// <summary>
/// The pages people use all day, checked in Chromium: axe-core finds no serious or critical accessibility violation,
/// and at a laptop's 1366×900 and a phone's 390×844 no visible grid column is narrower than its header's longest word,
/// no cell's text is clipped, and no button is cut off at the screen's edge (grids scroll sideways instead).
/// </summary>
[Collection(EndToEndCollection.Name)]
public class AccessibilityAndLayoutTests(RunningApp app)
{
    /// <summary>Marks every visible grid column and cell that is too narrow for its text, and buttons off screen.</summary>
    private const string LayoutProblemsScript = """
        () => {
          const problems = [];
          const visible = el => el.offsetParent !== null && el.getClientRects().length > 0;
          const canvas = document.createElement('canvas').getContext('2d');
          for (const table of document.querySelectorAll('table')) {
            if (!visible(table)) continue;
            for (const th of table.querySelectorAll('thead th')) {
              if (!visible(th)) continue;
              const title = th.querySelector('.column-title') || th;
              // Text only screen readers get (visually hidden, 1 px wide) takes no room.
              const shown = [...title.querySelectorAll('*')].filter(e => e.getBoundingClientRect().width <= 1);
              const text = shown.reduce((t, e) => t.replace(e.innerText || '', ''), title.innerText || '').trim();
              if (!text) continue;
              const style = getComputedStyle(title);
              canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
              const longest = Math.max(...text.split(/\s+/).map(w => canvas.measureText(w).width));
              const thStyle = getComputedStyle(th);
              const room = th.clientWidth - parseFloat(thStyle.paddingLeft) - parseFloat(thStyle.paddingRight);
              if (room + 1 < longest) problems.push(`column "${text}" is ${Math.round(room)} px for ${Math.ceil(longest)} px of text`);
              if (title !== th && title.scrollWidth > title.clientWidth + 1) problems.push(`column "${text}" is cut off`);
            }
            for (const td of table.querySelectorAll('tbody td')) {
              if (!visible(td)) continue;
              if (td.scrollWidth > td.clientWidth + 1) problems.push(`cell "${td.innerText.trim().slice(0, 40)}" is cut off (${td.scrollWidth} > ${td.clientWidth} px)`);
            }
          }
          const scrollsSideways = el => {
            for (let p = el.parentElement; p; p = p.parentElement) {
              const overflow = getComputedStyle(p).overflowX;
              if ((overflow === 'auto' || overflow === 'scroll') && p.scrollWidth > p.clientWidth) return true;
            }
            return false;
          };
          for (const button of document.querySelectorAll('button, a.mud-button-root')) {
            if (!visible(button) || scrollsSideways(button)) continue;
            if (button.closest('.mud-drawer, .mud-popover, .mud-overlay')) continue;
            const r = button.getBoundingClientRect();
            if (r.width > 0 && (r.left < -1 || r.right > window.innerWidth + 1)) problems.push(`button "${(button.innerText || button.getAttribute('aria-label') || '').trim()}" is off screen (${Math.round(r.left)}..${Math.round(r.right)} of ${window.innerWidth})`);
          }
          return problems;
        }
        """;

    [Fact]
    public async Task The_sign_in_page_has_no_serious_accessibility_violation()
    {
        var page = await app.Browser.NewPageAsync();
        try
        {
            await page.GotoAsync("/account/login");
            await AssertAccessibleAsync(page, "sign-in");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task The_working_pages_are_accessible_and_readable_at_1366_and_at_390_pixels()
    {
        var pages = await PagesAsync();
        var problems = new List<string>();
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "admin", DemoDataSeeder.DemoPassword);
            foreach (var (name, path, ready) in pages)
            {
                await page.SetViewportSizeAsync(1366, 900);
                await OpenAsync(page, path, ready);
                await AssertAccessibleAsync(page, name);
                problems.AddRange((await LayoutProblemsAsync(page)).Select(p => $"{name} at 1366 px: {p}"));

                await page.SetViewportSizeAsync(390, 844);
                await OpenAsync(page, path, ready);
                problems.AddRange((await LayoutProblemsAsync(page)).Select(p => $"{name} at 390 px: {p}"));
                await RunningApp.SnapshotAsync(page, $"layout-{name}-390");
            }
        }
        finally
        {
            await page.CloseAsync();
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task At_390_pixels_the_menu_opens_from_the_toggle_and_sign_out_is_on_screen()
    {
        var page = await app.Browser.NewPageAsync();
        try
        {
            await page.SetViewportSizeAsync(390, 844);
            await app.SignInAsync(page, "credit", DemoDataSeeder.DemoPassword);
            var signOut = page.Locator("#sign-out");
            var box = await signOut.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"Sign out at {box.X}..{box.X + box.Width}");

            var customers = page.Locator("#nav-drawer a", new() { HasTextString = "Customers" }).First;
            await Assertions.Expect(customers).Not.ToBeInViewportAsync();
            await page.ClickAsync("#menu-toggle");
            await Assertions.Expect(customers).ToBeInViewportAsync();
            await customers.ClickAsync();
            await page.WaitForURLAsync("**/customers");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private async Task<List<(string Name, string Path, string Ready)>> PagesAsync()
    {
        await using var db = app.OpenDatabase();
        var layby = await db.Laybys.AsNoTracking().OrderBy(l => l.Id).Select(l => new { l.Id, l.CustomerId }).FirstAsync();
        return
        [
            ("customers", "/customers", "table tbody tr"),
            ("profile", $"/customers/{layby.CustomerId}", ".mud-tabs"),
            ("laybys", "/laybys", "table tbody tr"),
            ("layby", $"/laybys/{layby.Id}", "table tbody tr"),
            ("credit-review", "/credit/review", "h1"),
            ("statements", "/statements", "h1"),
            ("aging", "/reports/aging", "table tbody tr"),
            ("layby-status", "/reports/laybys?show=active", "table tbody tr"),
            ("institution-revenue", "/reports/institutions", "#institution-revenue-grid tbody tr"),
            ("dashboard", "/dashboard", ".mud-chart, svg"),
            ("users", "/admin/users", "table tbody tr"),
            ("audit", "/audit", "table tbody tr"),
            ("layby-policies", "/admin/layby-policies", "table tbody tr"),
            ("loyalty", "/admin/loyalty", "#loyalty-grid tbody tr"),
            ("membership", "/membership", "#membership-divisions tbody tr"),
            ("api-keys", "/admin/api-keys", "#api-keys-grid"),
            ("profile-purchases", $"/customers/{layby.CustomerId}?tab=purchases", "#spend-grid"),
            ("month-end", "/reports/month-end", "#month-end-download"),
            ("import", "/admin/import", "#import-history tbody tr"),
            ("home", "/", "#my-tasks"),
            ("tasks", "/tasks", "#tasks-grid"),
            ("templates", "/admin/templates", "#templates-grid tbody tr"),
            ("outbox", "/admin/outbox", "#outbox-grid"),
            ("jobs", "/admin/jobs", "#job-history"),
            ("bulk-messages", "/messages/bulk", "#bulk-division"),
            ("plans", "/admin/plans", "#plans-grid tbody tr"),
            ("subscription-billing", "/subscriptions/billing", "#run-billing"),
            ("usage-import", "/subscriptions/usage-import", "#usage-file"),
            ("renewals", "/reports/renewals", "#renewal-months tbody tr"),
            ("customer-health", "/success", "#at-risk-table"),
            ("profile-health", $"/customers/{layby.CustomerId}?tab=health", "#health-components"),
            ("success-settings", "/admin/success", "#success-settings-form"),
        ];
    }

    private static async Task OpenAsync(IPage page, string path, string ready)
    {
        await page.GotoAsync(path);
        await RunningApp.WaitForInteractiveAsync(page);
        await page.Locator(ready).First.WaitForAsync();
        // Let grids that load on first render settle (rows arrive after the circuit is interactive).
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(300);
    }

    private static async Task AssertAccessibleAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        var serious = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{name}: {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    private static async Task<IReadOnlyList<string>> LayoutProblemsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(LayoutProblemsScript);
}
