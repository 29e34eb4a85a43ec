using Bunit;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Credit;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Pages.Customers;
using CustomerManager.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Credit;

/// <summary>The profile's Credit tab over the real services: applications, lines with history, actions by role and division.</summary>
public class CustomerCreditTabTests : MudTestContext, IClassFixture<AppFactory>
{
    private const int Clothing = 3;
    private const int Hardware = 4;
    private readonly AppFactory factory;

    public CustomerCreditTabTests(AppFactory factory)
    {
        this.factory = factory;
        Services.AddLogging();
        Services.AddScoped<UiFeedback>();
        Services.AddScoped(_ => factory.Services.CreateScope().ServiceProvider.GetRequiredService<CreditLineService>());
    }

    [Fact]
    public async Task A_limited_credit_manager_sees_the_applications_and_the_suspended_line_with_its_history_in_their_division_only()
    {
        var (customerId, hardware) = await factory.ApprovedCreditLineAsync(Hardware, 4000m);
        using (Actors.As("credit", Roles.CreditManager))
        {
            var lines = factory.Services.CreateScope().ServiceProvider.GetRequiredService<CreditLineService>();
            var line = (await lines.ForCustomerAsync(customerId)).Lines.Single();
            await lines.SuspendAsync(hardware, line.Version, "Cheque RD-9 bounced");
        }

        await OpenClothingAccountAsync(customerId);
        AddAuthorization().SetAuthorized("hardware-credit").SetRoles(Roles.CreditManager);
        using var limited = Actors.AsLimitedTo([Hardware], "hardware-credit", Roles.CreditManager);

        var tab = Render<CustomerCreditTab>(p => p.Add(t => t.CustomerId, customerId));

        var card = tab.WaitForElement(".cm-credit-line");
        Assert.Single(tab.FindAll(".cm-credit-line")); // the Clothing account is not shown to a Hardware-only user
        Assert.Contains("HRD-CUST-", card.TextContent);
        Assert.Equal("Suspended", card.QuerySelector(".cm-line-status")!.TextContent.Trim());
        Assert.Contains("Cheque RD-9 bounced", card.QuerySelector(".cm-line-reason")!.TextContent);
        var history = card.QuerySelectorAll(".cm-line-history tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, history.Count);
        Assert.Contains("Approved", history[0]);
        Assert.Contains("0.00 → 4,000.00", history[0]);
        Assert.Contains("Craig Credit", history[0]);
        Assert.Contains("Suspended", history[1]);
        Assert.NotNull(card.QuerySelector(".cm-resume-line"));
        Assert.Null(card.QuerySelector(".cm-suspend-line"));
        var application = tab.Find("#credit-applications tbody tr").TextContent;
        Assert.Contains("Approved", application);
        Assert.Contains("4,000.00", application);
        Assert.Contains("Craig Credit", application);
        Assert.Contains("Steady income", application);
    }

    [Fact]
    public async Task A_clerk_reads_the_credit_tab_without_line_actions()
    {
        var (customerId, _) = await factory.ApprovedCreditLineAsync(Hardware, 1000m);
        AddAuthorization().SetAuthorized("clerk").SetRoles(Roles.Clerk);
        using var clerk = Actors.As("clerk", Roles.Clerk);

        var tab = Render<CustomerCreditTab>(p => p.Add(t => t.CustomerId, customerId));

        Assert.Equal("Active", tab.WaitForElement(".cm-line-status").TextContent.Trim());
        Assert.Empty(tab.FindAll(".cm-suspend-line, .cm-resume-line, .cm-close-line"));
    }

    private async Task OpenClothingAccountAsync(int customerId)
    {
        using var clerk = Actors.As("line-clerk", Roles.Clerk);
        await factory.Services.CreateScope().ServiceProvider.GetRequiredService<Domain.Accounts.DivisionAccountService>().OpenAsync(customerId, Clothing);
    }
}
