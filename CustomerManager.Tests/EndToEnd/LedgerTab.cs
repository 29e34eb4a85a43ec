using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

/// <summary>Steps on a profile's Ledger tab shared by the end-to-end flows.</summary>
internal static class LedgerTab
{
    /// <summary>Opens the sale or payment dialog with <paramref name="button"/>, fills it and submits (the dialog stays open on a refusal).</summary>
    public static async Task SubmitPostingAsync(IPage page, string button, string amount, string? reference)
    {
        await page.ClickAsync(button);
        await page.FillAsync(".mud-dialog input[name=Amount]", amount);
        await page.PressAsync(".mud-dialog input[name=Amount]", "Tab");
        if (reference is not null)
        {
            await page.FillAsync(".mud-dialog input[name=Reference]", reference);
            await page.PressAsync(".mud-dialog input[name=Reference]", "Tab");
        }

        await page.ClickAsync("#save-posting");
    }

    /// <summary>Opens the profile's Ledger tab.</summary>
    public static async Task OpenAsync(IPage page) =>
        await page.Locator(".mud-tab", new() { HasTextString = "Ledger" }).ClickAsync();

    /// <summary>Chooses the account whose ledger is shown.</summary>
    public static async Task ChooseAccountAsync(IPage page, string accountNumberPart)
    {
        await page.ClickAsync("#ledger-account");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = accountNumberPart }).ClickAsync();
    }

    /// <summary>Closes a posting dialog that was refused.</summary>
    public static async Task CancelPostingAsync(IPage page)
    {
        await page.ClickAsync("#cancel-posting");
        await page.Locator(".mud-dialog").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>Submits a posting that must succeed: waits for the dialog to close.</summary>
    public static async Task PostAsync(IPage page, string button, string amount, string? reference)
    {
        await SubmitPostingAsync(page, button, amount, reference);
        await page.Locator(".mud-dialog").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }
}
