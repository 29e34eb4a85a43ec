using Bunit;
using CustomerManager.Domain.Common;
using MudBlazor;
using MudBlazor.Services;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Support;

/// <summary>
/// bUnit with MudBlazor as PLATFORM.md says: loose JS interop, MudBlazor's services, asynchronous disposal (its
/// services are IAsyncDisposable only), and the business's money parser.
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(MoneyParser.For("en-ZA"));
        Services.AddSingleton(TestTime.Johannesburg());
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await OnDisposingAsync();
        await base.DisposeAsync();
    }

    /// <summary>Releases what a test class made (files, databases) before the renderer goes.</summary>
    protected virtual Task OnDisposingAsync() => Task.CompletedTask;

    /// <summary>
    /// Renders the popover, dialog and snackbar providers, as the layout does; render them before a component that
    /// opens popovers (selects, autocompletes, menus) or dialogs, then find the popover or dialog markup in them.
    /// </summary>
    protected (IRenderedComponent<MudPopoverProvider> Popovers, IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars) RenderProviders() =>
        (Render<MudPopoverProvider>(), Render<MudDialogProvider>(), Render<MudSnackbarProvider>());
}
