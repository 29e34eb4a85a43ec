using CustomerManager.Data.Seeding;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

/// <summary>
/// The grids of the admin, audit and report pages at a laptop and a phone width: no visible header or cell is narrower
/// than its content (Radzen squeezed "Balance" and cut customer names to "C.."); narrow screens scroll the grid instead.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class GridColumnWidthTests(RunningApp app)
{
    private const string Squeezed = """
        grid => [...document.querySelectorAll(grid + ' thead th, ' + grid + ' tbody tr:first-child td')]
            .filter(cell => cell.offsetParent !== null && cell.scrollWidth > cell.clientWidth + 1)
            .map(cell => cell.innerText.trim() + ' (' + cell.clientWidth + ' of ' + cell.scrollWidth + ' px)')
        """;

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task No_grid_column_is_narrower_than_its_content(int width, int height)
    {
        var page = await app.Browser.NewPageAsync();
        try
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync("/account/login");
            await RunningApp.SnapshotAsync(page, $"widths-{width}-sign-in");
            await app.SignInAsync(page, "admin", DemoDataSeeder.DemoPassword);
            foreach (var (path, grid) in new[]
            {
                ("/admin/users", "#users-grid"), ("/audit", "#audit-grid"), ("/reports/aging", "#aging-grid"),
                ("/reports/laybys?show=active", "#layby-report-grid"), ("/admin/layby-policies", "#layby-policies-grid"),
            })
            {
                await page.GotoAsync(path);
                await RunningApp.WaitForInteractiveAsync(page);
                await Assertions.Expect(page.Locator($"{grid} tbody tr td").First).ToBeVisibleAsync();
                await RunningApp.SnapshotAsync(page, $"widths-{width}{grid.Replace('#', '-')}");
                var squeezed = await page.EvaluateAsync<string[]>(Squeezed, grid);
                Assert.True(squeezed.Length == 0, $"{path} at {width} px: {string.Join("; ", squeezed)}");
            }
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"cm-e2e-widths-{width}.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
