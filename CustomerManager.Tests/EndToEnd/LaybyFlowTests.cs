using CustomerManager.Data.Seeding;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public class LaybyFlowTests(RunningApp app)
{
    [Fact]
    public async Task A_clerk_opens_a_layby_takes_payments_prints_a_receipt_pays_off_and_releases_and_a_credit_manager_cancels_another()
    {
        var customerId = await CustomerWithLaybyAccountAsync();
        var page = await app.Browser.NewPageAsync();
        try
        {
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await OpenLaybyAsync(page, customerId, price: "1000", deposit: "200");
            var number = (await page.Locator("#layby-number").InnerTextAsync()).Trim();
            Assert.Matches(@"^LAY-[A-Z]{3}-\d{6}$", number);

            await PayAsync(page, "100");
            await PayAsync(page, "150");
            var receiptLink = page.Locator("#last-receipt-link");
            var receiptNumber = (await receiptLink.InnerTextAsync()).Replace("Open receipt", "").Replace("(PDF)", "").Trim();
            var pdf = await page.APIRequest.GetAsync(await receiptLink.GetAttributeAsync("href") is { } href ? "/" + href : "");
            Assert.Equal("application/pdf", pdf.Headers["content-type"]);
            var text = await Poppler.PdfToTextAsync(await pdf.BodyAsync());
            Assert.Contains(receiptNumber, text);
            Assert.Contains("150.00", text);
            // The receipt names the clerk as people know her, not by her sign-in (issue 12).
            Assert.Contains("Clara Clerk", text);
            // Sent to the customer: the outbox delivers it over SMTP with the same receipt attached.
            await page.ClickAsync("#send-last-receipt");
            await page.Locator(".mud-snackbar", new() { HasTextString = $"Receipt {receiptNumber} is on its way by e-mail" }).WaitForAsync();
            var mail = await app.Smtp.WaitForMessageAsync(m => m.Attachments.OfType<MimeKit.MimePart>().Any(a => a.FileName == $"{receiptNumber}.pdf"));
            Assert.Contains(receiptNumber, mail.TextBody);
            await using (var db = app.OpenDatabase())
            {
                Assert.Equal((await db.Customers.SingleAsync(c => c.Id == customerId)).PrimaryEmail, mail.To.Mailboxes.Single().Address);
            }
            await RunningApp.SnapshotAsync(page, "layby-after-payments");
            // Entries in words (issue 12): the demo policy's admin fee reads "Admin fee", never the code name.
            await Assertions.Expect(page.Locator(".cm-layby-detail")).ToContainTextAsync("Admin fee");
            Assert.DoesNotContain("AdminFee", await page.Locator(".cm-layby-detail").InnerTextAsync());

            var balance = (await page.Locator("#layby-balance").InnerTextAsync()).Trim().Replace(",", "");
            await PayAsync(page, balance);
            await page.Locator("#layby-status", new() { HasTextString = "Completed" }).WaitForAsync();
            await page.ClickAsync("#release-items");
            await page.Locator(".mud-dialog button", new() { HasTextString = "Release" }).ClickAsync();
            await page.Locator("#layby-released").WaitForAsync();
            Assert.Contains("by clerk", await page.Locator("#layby-released").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);

            // A second layby for the credit manager to cancel.
            await OpenLaybyAsync(page, customerId, price: "500", deposit: "100");
            var toCancel = page.Url;
            await page.ClickAsync("#sign-out");
            await page.WaitForURLAsync("**/account/login");

            await app.SignInAsync(page, "credit", DemoDataSeeder.DemoPassword);
            await page.GotoAsync(toCancel);
            await RunningApp.WaitForInteractiveAsync(page);
            await page.ClickAsync("#cancel-layby");
            var quote = page.Locator("#cancellation-quote");
            await quote.WaitForAsync();
            Assert.Contains("1 % of the layby total 500.00 = 5.00", await quote.InnerTextAsync());
            await RunningApp.SnapshotAsync(page, "layby-cancel-quote");
            await page.ClickAsync("#confirm-cancel");
            await page.Locator("#layby-status", new() { HasTextString = "Cancelled" }).WaitForAsync();
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-layby-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static async Task OpenLaybyAsync(IPage page, int customerId, string price, string deposit)
    {
        await page.GotoAsync($"/customers/{customerId}");
        await RunningApp.WaitForInteractiveAsync(page);
        await page.Locator(".mud-tab", new() { HasTextString = "Laybys" }).ClickAsync();
        await page.ClickAsync("#open-layby");
        await page.Locator("input[name=Description0]").WaitForAsync();
        // Should the link have loaded the page afresh, its prerendered form must become interactive before use.
        await RunningApp.WaitForInteractiveAsync(page);
        await page.FillAsync("input[name=Description0]", "Winter coat");
        await page.FillAsync("input[name=UnitPrice0]", price);
        await page.PressAsync("input[name=UnitPrice0]", "Tab");
        await page.FillAsync("input[name=Deposit]", deposit);
        await page.PressAsync("input[name=Deposit]", "Tab");
        await page.ClickAsync("#preview-layby");
        await page.Locator("#schedule-preview").WaitForAsync();
        await RunningApp.SnapshotAsync(page, "layby-preview");
        await page.ClickAsync("#confirm-layby");
        await page.Locator("#layby-number").WaitForAsync();
    }

    private static async Task PayAsync(IPage page, string amount)
    {
        var before = await page.Locator("#last-receipt-link").CountAsync() > 0 ? await page.Locator("#last-receipt-link").InnerTextAsync() : "";
        await page.ClickAsync("#take-payment");
        await page.FillAsync(".mud-dialog input[name=Amount]", amount);
        await page.PressAsync(".mud-dialog input[name=Amount]", "Tab");
        // The confirm button shows the amount read, so the clerk sees what will be posted.
        await Assertions.Expect(page.Locator("#record-payment")).ToContainTextAsync("Record payment of R");
        await page.ClickAsync("#record-payment");
        await page.Locator(".mud-dialog").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.Locator("#last-receipt-link").WaitForAsync();
        await Assertions.Expect(page.Locator("#last-receipt-link")).Not.ToHaveTextAsync(before);
    }

    private async Task<int> CustomerWithLaybyAccountAsync()
    {
        await using var db = app.OpenDatabase();
        return await db.DivisionAccounts.Where(a => a.AllowLayby && a.Status == Domain.Accounts.DivisionAccountStatus.Active)
            .Join(db.Customers.Where(c => c.IsActive && !c.IsBlacklisted && c.PrimaryEmail != null && c.PreferredChannel == null), a => a.CustomerId, c => c.Id, (a, c) => c.Id)
            .OrderBy(id => id).Skip(10).FirstAsync();
    }
}
