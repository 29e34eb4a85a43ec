using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

/// <summary>Steps on a profile's Ledger tab shared by the end-to-end flows.</summary>
internal static class LedgerTab
{
    /// <summary>Opens the sale or payment dialog with <paramref name="button"/>, fills it and submits (the dialog stays open on a refusal).</summary>
    public static async Task SubmitPostingAsync(IPage page, string button, string amount, string? reference)
    {
        await page.ClickAsync(button);
        await page.FillAsync(".rz-dialog input[name=Amount]", amount);
        await page.PressAsync(".rz-dialog input[name=Amount]", "Tab");
        if (reference is not null)
        {
            await page.FillAsync(".rz-dialog input[name=Reference]", reference);
        }

        await page.ClickAsync("#save-posting");
    }

    /// <summary>Submits a posting that must succeed: waits for the dialog to close.</summary>
    public static async Task PostAsync(IPage page, string button, string amount, string? reference)
    {
        await SubmitPostingAsync(page, button, amount, reference);
        await page.Locator(".rz-dialog").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }
}
