using System.Runtime.CompilerServices;
using Bunit;
using CustomerManager.Domain.Common;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Exports;
using CustomerManager.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CustomerManager.Tests.Exports;

/// <summary>The export buttons every grid carries: progress while the file is written, Cancel, then the download.</summary>
public sealed class ExportButtonsTests : MudTestContext
{
    private readonly ExportFiles files = new(TimeProvider.System, Path.Combine(Path.GetTempPath(), "cm-tests-exports"));
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public ExportButtonsTests()
    {
        Services.AddSingleton(files);
        Services.AddSingleton(new TabularExporter(new CurrentUser(new Microsoft.AspNetCore.Http.HttpContextAccessor()), files,
            [new XlsxTableWriter(), new PdfTableWriter()], TestTime.Johannesburg()));
        AddAuthorization().SetAuthorized("buttons-accountant").SetRoles(Roles.Accountant);
    }

    [Fact]
    public void The_file_is_written_with_progress_then_downloaded_and_offered_as_a_link()
    {
        using var actor = Actors.As("buttons-accountant", Roles.Accountant);
        var buttons = Render<ExportButtons>(p => p.Add(x => x.Export, Export));

        buttons.Find("#export-excel").Click();
        // Three rows are written, then the source waits: the bar shows exactly what was written so far.
        buttons.WaitForAssertion(() => Assert.Equal("Exporting 3 of 6 rows…", buttons.Find(".cm-export-progress").TextContent.Trim()), Patience);
        Assert.Empty(buttons.FindAll(".cm-export-link"));
        release.SetResult();

        buttons.WaitForAssertion(() => Assert.Equal("numbers-2026-11-30.xlsx", buttons.Find(".cm-export-link").TextContent), Patience);
        var download = Assert.Single(JSInterop.Invocations, i => i.Identifier == "cmDownload");
        Assert.Equal("numbers-2026-11-30.xlsx", download.Arguments[1]);
        Assert.Single(Directory.GetFiles(files.Folder));
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, m => m.Message == "Export ready: numbers-2026-11-30.xlsx, 6 rows.");
    }

    [Fact]
    public void Cancel_stops_the_export_and_leaves_no_file()
    {
        using var actor = Actors.As("buttons-accountant", Roles.Accountant);
        var buttons = Render<ExportButtons>(p => p.Add(x => x.Export, Export));

        buttons.Find("#export-pdf").Click();
        buttons.WaitForAssertion(() => buttons.Find("#export-cancel"), Patience);
        buttons.Find("#export-cancel").Click();

        buttons.WaitForAssertion(() => Assert.NotNull(buttons.Find("#export-pdf")), Patience);
        Assert.Empty(buttons.FindAll(".cm-export-link"));
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "cmDownload");
        Assert.Empty(Directory.GetFiles(files.Folder));
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, m => m.Message == "Export cancelled: no file was made.");
    }

    protected override Task OnDisposingAsync()
    {
        files.Dispose();
        return Task.CompletedTask;
    }

    private ITabularExport Export() =>
        new TabularExport<int>("Numbers", "numbers", Rows) { FileDate = new DateOnly(2026, 11, 30), ExpectedRows = 6 }
            .Number("Value", n => n, sum: true);

    /// <summary>Three rows, then a wait the test ends (or the export's cancellation does), then three more.</summary>
    private async IAsyncEnumerable<int> Rows([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 1; i <= 6; i++)
        {
            if (i == 4)
            {
                await release.Task.WaitAsync(cancellationToken);
            }

            yield return i;
        }
    }
}
