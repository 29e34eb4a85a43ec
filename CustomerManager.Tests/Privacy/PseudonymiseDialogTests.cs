using Bunit;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Privacy;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Pages.Privacy;
using CustomerManager.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CustomerManager.Tests.Privacy;

/// <summary>The pseudonymise dialog names the customer and acts only once their number is typed.</summary>
public class PseudonymiseDialogTests : MudTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory factory;

    public PseudonymiseDialogTests(AppFactory factory)
    {
        this.factory = factory;
        Services.AddLogging();
        Services.AddScoped(_ => factory.Services.CreateScope().ServiceProvider.GetRequiredService<PrivacyService>());
        Services.AddScoped<UiFeedback>();
    }

    [Fact]
    public async Task The_confirm_button_names_the_customer_and_works_only_after_the_number_is_typed()
    {
        using var actor = Actors.As("dialog-admin", Roles.Admin);
        var customer = await factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person());
        var subject = await factory.Services.CreateScope().ServiceProvider.GetRequiredService<PrivacyService>().FindAsync(null, customer.CustomerNumber.ToLowerInvariant().Replace('-', ' '));
        Assert.NotNull(subject);
        var (_, dialogs, _) = RenderProviders();
        var dialogService = Services.GetRequiredService<IDialogService>();
        Task<bool> shown = Task.FromResult(false);
        await dialogs.InvokeAsync(() => { shown = PseudonymiseDialog.ShowAsync(dialogService, subject); });

        var confirm = dialogs.WaitForElement("#confirm-pseudonymise");
        Assert.Equal($"Pseudonymise {customer.FullName}", confirm.TextContent.Trim());
        Assert.True(confirm.HasAttribute("disabled"));
        dialogs.Find("#pseudonymise-confirmation").Input("yes");
        dialogs.WaitForAssertion(() => Assert.True(dialogs.Find("#confirm-pseudonymise").HasAttribute("disabled")));
        dialogs.Find("#pseudonymise-confirmation").Input(customer.CustomerNumber);
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("#confirm-pseudonymise").HasAttribute("disabled")));
        dialogs.Find("#confirm-pseudonymise").Click();

        Assert.True(await shown.WaitAsync(TimeSpan.FromSeconds(30)));
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var stored = await db.Customers.SingleAsync(c => c.Id == customer.Id);
        Assert.Equal($"Pseudonymised {customer.CustomerNumber}", stored.FullName);
        Assert.Null(stored.PrimaryEmail);
    }
}
