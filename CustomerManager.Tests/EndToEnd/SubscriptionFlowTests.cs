using CustomerManager.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public class SubscriptionFlowTests(RunningApp app)
{
    [Fact]
    public async Task An_admin_creates_a_plan_a_clerk_subscribes_a_customer_billing_charges_the_account_and_low_nps_with_a_ticket_flags_high_risk()
    {
        int customerId;
        string customerNumber;
        await using (var db = app.OpenDatabase())
        {
            var people = await db.Customers.Where(c => c.IsActive && !c.IsBlacklisted && c.MergedIntoId == null && c.FirstName != null && c.Source != "ISP sign-up")
                .OrderBy(c => c.Id).Select(c => new { c.Id, c.CustomerNumber }).ToListAsync();
            var chosen = people[(people.Count * 2 / 5) + 11];
            (customerId, customerNumber) = (chosen.Id, chosen.CustomerNumber);
        }

        var planName = $"Fiber E2E {Guid.NewGuid().ToString("N")[..6]}";
        var page = await app.Browser.NewPageAsync();
        try
        {
            // An admin creates the plan.
            await app.SignInAsync(page, "admin", DemoDataSeeder.DemoPassword);
            await page.GotoAsync("/admin/plans");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.ClickAsync("#new-plan");
            await page.FillAsync("#plan-name", planName);
            await RunningApp.ChooseAsync(page, "#plan-type", "Fiber");
            await RunningApp.ChooseAsync(page, "#plan-division", "Grocery");
            await RunningApp.ChooseAsync(page, "#plan-cycle", "Monthly");
            await page.FillAsync("#plan-price", "349.50");
            await page.FillAsync("#plan-speed", "100 Mbps");
            await page.FillAsync("#plan-ott", "Netflix, Showmax");
            await page.ClickAsync("#save-plan");
            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasTextString = "Plan created." })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#plans-grid tr", new() { HasTextString = planName })).ToContainTextAsync("349.50");
            await RunningApp.SignOutAsync(page);

            // A clerk subscribes the customer from the profile.
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/{customerId}?tab=subscriptions");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.ClickAsync("#subscribe");
            await RunningApp.ChooseAsync(page, "#subscribe-plan", planName);
            await page.ClickAsync("#save-subscription");
            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasTextString = "Subscribed." })).ToBeVisibleAsync();
            var row = page.Locator("#subscriptions-table tr", new() { HasTextString = planName });
            await Assertions.Expect(row).ToContainTextAsync("Active");
            await Assertions.Expect(row.Locator(".cm-churn-risk")).ToHaveTextAsync("Low");
            await RunningApp.SignOutAsync(page);

            // The admin runs billing now: the first month is charged to the customer's Grocery account.
            await app.SignInAsync(page, "admin", DemoDataSeeder.DemoPassword);
            await page.GotoAsync("/subscriptions/billing");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.ClickAsync("#run-billing");
            await page.Locator(".mud-dialog button", new() { HasTextString = "Run billing" }).ClickAsync();
            await Assertions.Expect(page.Locator("#billing-result")).ToContainTextAsync("charged");
            string subscriptionNumber;
            await using (var db = app.OpenDatabase())
            {
                var subscription = await db.Subscriptions.SingleAsync(s => s.CustomerId == customerId && db.Plans.Any(p => p.Id == s.PlanId && p.Name == planName));
                subscriptionNumber = subscription.SubscriptionNumber;
                var charge = await db.AccountEntries.SingleAsync(e => e.Reference == subscriptionNumber);
                Assert.Equal(349.50m, charge.Amount);
                Assert.Equal(subscription.StartDate.AddMonths(1), subscription.NextBillingDate);
            }

            // The ledger (what the statement is made of) shows the charge under the subscription's number.
            await page.GotoAsync($"/customers/{customerId}?tab=ledger");
            await RunningApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("tr", new() { HasTextString = subscriptionNumber }).First).ToContainTextAsync("349.50");
            await RunningApp.SignOutAsync(page);

            // The clerk records a low NPS answer and a support ticket.
            await app.SignInAsync(page, "clerk", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/{customerId}?tab=subscriptions");
            await RunningApp.WaitForInteractiveAsync(page);
            await page.Locator("#subscriptions-table tr", new() { HasTextString = planName }).Locator(".cm-experience").ClickAsync();
            await page.FillAsync("#answer-nps", "2");
            await page.ClickAsync("#add-answer");
            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasTextString = "Answer recorded." })).ToBeVisibleAsync();
            await page.FillAsync("#ticket-subject", "Line drops every evening");
            await page.ClickAsync("#open-ticket");
            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasTextString = "Ticket opened." })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#tickets-table")).ToContainTextAsync("Line drops every evening");
            await page.ClickAsync("#close-experience");
            await RunningApp.SignOutAsync(page);

            // A credit manager sees the customer flagged High, with the reasons, and finds them by churn risk in the list.
            await app.SignInAsync(page, "credit", DemoDataSeeder.DemoPassword);
            await page.GotoAsync($"/customers/{customerId}?tab=subscriptions");
            await RunningApp.WaitForInteractiveAsync(page);
            var flagged = page.Locator("#subscriptions-table tr", new() { HasTextString = planName });
            await Assertions.Expect(flagged.Locator(".cm-churn-risk")).ToHaveTextAsync("High");
            await Assertions.Expect(flagged).ToContainTextAsync("Last NPS answer 2 of 10 (a detractor) (+2)");
            await Assertions.Expect(flagged).ToContainTextAsync("1 ticket still open (+1)");
            await RunningApp.SnapshotAsync(page, "subscription-high-risk");

            await page.GotoAsync($"/customers?q={customerNumber}&churn=High");
            await RunningApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#customers-grid tbody tr", new() { HasTextString = customerNumber })).ToBeVisibleAsync();
            await page.GotoAsync($"/customers?q={customerNumber}&churn=Low");
            await RunningApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#customers-grid", new() { HasTextString = "No customers match." })).ToBeVisibleAsync();
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cm-e2e-subscription-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
