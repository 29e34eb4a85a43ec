using Bunit;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Templates;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Pages.Templates;
using CustomerManager.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CustomerManager.Tests.Templates;

/// <summary>The template editor: checks as the admin types, inserts placeholders, previews for a real customer, saves a version.</summary>
public class TemplateDialogTests : MudTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory factory;

    public TemplateDialogTests(AppFactory factory)
    {
        this.factory = factory;
        Services.AddLogging();
        Services.AddScoped(_ => factory.Services.CreateScope().ServiceProvider.GetRequiredService<MessageTemplateService>());
        Services.AddScoped(_ => factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerService>());
        Services.AddScoped(_ => factory.Services.CreateScope().ServiceProvider.GetRequiredService<PhoneDisplay>());
        Services.AddScoped<UiFeedback>();
    }

    [Fact]
    public async Task An_admin_edits_a_template_sees_an_unknown_placeholder_named_inserts_one_previews_it_for_a_customer_and_saves_a_version()
    {
        Customer customer;
        using (Actors.As("dialog-clerk", Roles.Clerk))
        {
            customer = await factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person("Lerato", "Mokoena"));
        }

        using var actor = Actors.As("dialog-admin", Roles.Admin);
        AddAuthorization().SetAuthorized("dialog-admin").SetRoles(Roles.Admin);
        var (popovers, dialogs, _) = RenderProviders();
        var dialogService = Services.GetRequiredService<IDialogService>();
        var existing = new TemplateInput(TemplatePurpose.Welcome, CommunicationChannel.Sms, null, null, "Welcome, {{FirstName}}.");
        Task<bool> shown = Task.FromResult(false);
        await dialogs.InvokeAsync(() => { shown = TemplateDialog.ShowAsync(dialogService, existing); });

        dialogs.WaitForElement("#template-body").Input("Welcome, {{Nickname}}.");
        dialogs.WaitForAssertion(() => Assert.Contains("{{Nickname}} is not a placeholder", dialogs.Find("#template-problem").TextContent), TimeSpan.FromSeconds(10));

        dialogs.Find("#template-body").Input("Welcome to {{BusinessName}},");
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("#template-problem")), TimeSpan.FromSeconds(10));
        Assert.Empty(dialogs.FindAll("[data-placeholder=LaybyNumber]")); // not offered for welcome messages
        dialogs.Find("[data-placeholder=FirstName]").Click();
        dialogs.WaitForAssertion(() => Assert.Equal("Welcome to {{BusinessName}}, {{FirstName}}", dialogs.Find("#template-body").GetAttribute("value")));

        dialogs.Find("#template-preview-customer").Input(customer.CustomerNumber);
        popovers.WaitForElement(".mud-popover-open .mud-list-item", TimeSpan.FromSeconds(10)).Click();
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("#template-preview").HasAttribute("disabled")), TimeSpan.FromSeconds(10));
        dialogs.Find("#template-preview").Click();
        dialogs.WaitForAssertion(() => Assert.Equal("Welcome to Umbrella Trading Group, Lerato", dialogs.Find("#preview-text").TextContent.Trim()), TimeSpan.FromSeconds(10));

        dialogs.Find("#save-template").Click();
        Assert.True(await shown.WaitAsync(TimeSpan.FromSeconds(30)));
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var newest = await db.MessageTemplates.Where(t => t.Purpose == TemplatePurpose.Welcome && t.Channel == CommunicationChannel.Sms && t.Language == "")
            .OrderByDescending(t => t.VersionNumber).FirstAsync();
        Assert.Equal((2, "Welcome to {{BusinessName}}, {{FirstName}}", "dialog-admin"), (newest.VersionNumber, newest.Body, newest.EditedBy));
    }
}
