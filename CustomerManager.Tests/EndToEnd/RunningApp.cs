using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

/// <summary>
/// The real app (its framework-dependent apphost) on a free loopback port with its own SQLite folder, in Development so
/// demo users are seeded and static web assets are served; and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class RunningApp : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "cm-e2e", Guid.NewGuid().ToString("N"));
    private readonly string profileFolder = Path.Combine(Path.GetTempPath(), "cm-e2e-profile", Guid.NewGuid().ToString("N"));
    private Process? app;
    private IPlaywright? playwright;
    private readonly System.Text.StringBuilder log = new();

    public string BaseUrl { get; private set; } = "";

    public IBrowserContext Browser { get; private set; } = default!;

    /// <summary>The SMTP server the app's outbox delivers to (real SMTP, in the test process).</summary>
    public Support.TestSmtpServer Smtp { get; } = new();

    public async Task InitializeAsync()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var (webProject, apphost) = LocateApp();
        var start = new ProcessStartInfo(apphost, ["--urls", BaseUrl])
        {
            WorkingDirectory = webProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__DataFolder"] = dataFolder;
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Backup__Enabled"] = "false";
        // No ISP demo set: the subscription tests make their own plans, and startup stays as quick as before.
        start.Environment["DemoData__SubscribedCustomers"] = "0";
        start.Environment["Messaging__Smtp__Host"] = "127.0.0.1";
        start.Environment["Messaging__Smtp__Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Messaging__Smtp__Security"] = "None";
        start.Environment["Messaging__Smtp__From"] = "accounts@shop.example";
        start.Environment["Messaging__PollSeconds"] = "1";
        // The browser tests sign the demo users in again and again from one address.
        start.Environment["Security__SignInLimits__PerUserName"] = "10000";
        start.Environment["Security__SignInLimits__PerClientAddress"] = "10000";
        app = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        app.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        app.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        await WaitUntilHealthyAsync();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchPersistentContextAsync(profileFolder, new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
            BaseURL = BaseUrl,
            ViewportSize = new() { Width = 1366, Height = 900 },
            AcceptDownloads = true,
        });
        Browser.SetDefaultTimeout(20_000);
    }

    /// <summary>The app's own SQLite file, for arranging and checking what the browser did.</summary>
    public CustomerManager.Data.SqliteCustomerDbContext OpenDatabase() =>
        new(new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<CustomerManager.Data.SqliteCustomerDbContext>()
            .UseSqlite($"Data Source={Path.Combine(dataFolder, "customermanager.db")}").Options);

    /// <summary>The demo division with the most accounts that have postings from <paramref name="first"/> (inclusive) to <paramref name="before"/>.</summary>
    public async Task<(string Name, string Code, int Accounts)> BusiestDivisionAsync(DateOnly first, DateOnly before)
    {
        await using var db = OpenDatabase();
        var row = await (from e in db.AccountEntries
                         join a in db.DivisionAccounts on e.DivisionAccountId equals a.Id
                         join d in db.Divisions on a.DivisionId equals d.Id
                         where e.PostingDate >= first && e.PostingDate < before
                         group a by new { d.Name, d.Code } into g
                         select new { g.Key.Name, g.Key.Code, Count = g.Select(x => x.Id).Distinct().Count() })
            .OrderByDescending(x => x.Count).FirstAsync();
        return (row.Name, row.Code, row.Count);
    }

    /// <summary>Signs in through the form and waits until the page is interactive.</summary>
    public async Task<IPage> SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await WaitForInteractiveAsync(page);
        return page;
    }

    /// <summary>Signs out through the menu and waits for the sign-in page.</summary>
    public static async Task SignOutAsync(IPage page)
    {
        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync("**/account/login");
    }

    /// <summary>Saves a screenshot when CM_E2E_SCREENSHOTS names a folder (for looking at the UI by hand).</summary>
    public static async Task SnapshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("CM_E2E_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    /// <summary>
    /// Opens a MudSelect and picks the item with <paramref name="text"/>. Under load a re-render of the page can close
    /// the list as it opens, and a circuit can be lost while the load check's hundreds of circuits end: then the list
    /// is opened again, and the last time on a reloaded page (a new circuit).
    /// </summary>
    public static async Task ChooseAsync(IPage page, string select, string text)
    {
        var item = page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = text });
        for (var attempt = 1; ; attempt++)
        {
            await page.ClickAsync(select);
            try
            {
                await item.First.WaitForAsync(new() { Timeout = 10_000 });
                await item.First.ClickAsync();
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                await page.Keyboard.PressAsync("Escape");
                if (attempt == 2)
                {
                    await page.ReloadAsync();
                    await WaitForInteractiveAsync(page);
                }
            }
        }
    }

    /// <summary>
    /// Types into an autocomplete until the match is listed, then picks it (a dialog's autofocus can swallow early
    /// typing under load).
    /// </summary>
    public static async Task PickAsync(IPage page, string picker, string text)
    {
        var input = page.Locator(picker);
        await input.WaitForAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = text });
        for (var attempt = 1; ; attempt++)
        {
            await input.ClickAsync();
            await input.FillAsync(text);
            try
            {
                await item.First.WaitForAsync(new() { Timeout = 10_000 });
                await item.First.ClickAsync();
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                await input.FillAsync("");
            }
        }
    }

    public static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await Smtp.DisposeAsync();
        if (app is { HasExited: false })
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }

        app?.Dispose();
        foreach (var folder in new[] { dataFolder, profileFolder })
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still hold a file for a moment; the temp folder is cleaned by the OS.
            }
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (app!.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {app.ExitCode}:\n{Log}");
            }

            try
            {
                if ((await http.GetAsync(BaseUrl + "/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The app did not become healthy in 60 s:\n{Log}");
    }

    /// <summary>The Web project's apphost built for the same configuration as these tests.</summary>
    internal static (string WebProject, string Apphost) LocateApp()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CustomerManager.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("CustomerManager.sln not found above the test output.");
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}")
            ? "Release"
            : "Debug";
        var webProject = Path.Combine(directory.FullName, "CustomerManager.Web");
        var apphost = Path.Combine(webProject, "bin", configuration, "net10.0", "CustomerManager.Web");
        if (!File.Exists(apphost))
        {
            throw new InvalidOperationException($"Build the Web project first: {apphost} is missing.");
        }

        return (webProject, apphost);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<RunningApp>
{
    public const string Name = "End-to-end";
}
