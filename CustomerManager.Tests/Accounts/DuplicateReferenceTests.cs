using Bunit;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Pages.Customers;
using CustomerManager.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CustomerManager.Tests.Accounts;

/// <summary>The same invoice number posted twice on one account asks first, in the service and in the sale dialog.</summary>
public class DuplicateReferenceTests : MudTestContext, IClassFixture<AppFactory>
{
    private const int Hardware = 4;
    private readonly AppFactory factory;

    public DuplicateReferenceTests(AppFactory factory)
    {
        this.factory = factory;
        Services.AddLogging();
        Services.AddScoped(_ => Ledger());
        Services.AddScoped(_ => factory.Services.CreateScope().ServiceProvider.GetRequiredService<WriteOffService>());
        Services.AddScoped<UiFeedback>();
    }

    [Fact]
    public async Task A_reference_already_on_the_account_is_refused_until_confirmed_and_a_reversed_one_does_not_count()
    {
        var accountId = await factory.CreditAccountAsync(Hardware, 5000m);
        using var actor = Actors.As("dup-clerk", Roles.Clerk);
        var first = await Ledger().RecordSaleAsync(accountId, 150m, "INV-77", null);

        var refused = await Assert.ThrowsAsync<DuplicateReferenceException>(() => Ledger().RecordSaleAsync(accountId, 150m, " inv-77 ", null));
        Assert.Equal("Reference", refused.Field);
        Assert.Contains($"INV-77 was already posted on", refused.Message);
        Assert.Contains("(150.00)", refused.Message);
        Assert.Single(await Ledger().LedgerAsync(accountId));

        await Ledger().RecordSaleAsync(accountId, 150m, "INV-77", null, confirmDuplicateReference: true);
        Assert.Equal(2, (await Ledger().LedgerAsync(accountId)).Count);

        var other = await factory.CreditAccountAsync(Hardware, 5000m);
        await Ledger().RecordSaleAsync(other, 10m, "INV-77", null); // another account: no question
        using (Actors.As("dup-manager", Roles.CreditManager))
        {
            await Ledger().ReverseAsync(other, (await Ledger().LedgerAsync(other))[0].Entry.Id, "Keyed on the wrong account");
            await Ledger().RecordSaleAsync(other, 10m, "INV-77", null); // the reversed one no longer counts
        }

        Assert.NotEqual(0, first.Id);
    }

    [Fact]
    public async Task The_sale_dialog_asks_before_posting_the_same_invoice_again_and_posts_it_once_confirmed()
    {
        var accountId = await factory.CreditAccountAsync(Hardware, 5000m);
        using var actor = Actors.As("dup-clerk", Roles.Clerk);
        await Ledger().RecordSaleAsync(accountId, 80m, "INV-DLG", null);
        AddAuthorization().SetAuthorized("dup-clerk").SetRoles(Roles.Clerk);
        var (_, dialogs, _) = RenderProviders();
        var dialogService = Services.GetRequiredService<IDialogService>();
        Task<bool> shown = Task.FromResult(false);
        await dialogs.InvokeAsync(() => { shown = AccountPostingDialog.ShowAsync(dialogService, accountId, isPayment: false); });

        dialogs.WaitForElement("#posting-amount").Input("80");
        dialogs.Find("input[name=Reference]").Change("INV-DLG");
        dialogs.Find("#posting-form").Submit();

        dialogs.WaitForAssertion(() => Assert.Contains("Post it again?", dialogs.Markup));
        Assert.Single(await Ledger().LedgerAsync(accountId));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Post it again").Click();

        Assert.True(await shown.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(["INV-DLG", "INV-DLG"], (await Ledger().LedgerAsync(accountId)).Select(l => l.Entry.Reference));
    }

    private AccountLedgerService Ledger() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<AccountLedgerService>();
}
