using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Templates;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Templates;

public class MessageTemplateServiceTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static readonly MessageValues Thandi = new(new Dictionary<string, string?> { ["FirstName"] = "Thandi", ["BusinessName"] = "Umbrella", ["CustomerNumber"] = "CUST-1" });

    [Fact]
    public async Task A_new_database_has_a_default_email_and_sms_template_for_every_purpose()
    {
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var seeded = await db.MessageTemplates.Where(t => t.Language == "" && t.VersionNumber == 1 && t.EditedBy == "system").ToListAsync();
        foreach (var purpose in Enum.GetValues<TemplatePurpose>())
        {
            Assert.Contains(seeded, t => t.Purpose == purpose && t.Channel == CommunicationChannel.Email && t.Subject is not null && t.IsActive);
            Assert.Contains(seeded, t => t.Purpose == purpose && t.Channel == CommunicationChannel.Sms && t.IsActive);
        }

        using var actor = Actors.As("templates-clerk", Roles.Clerk);
        var welcome = await Service().RenderAsync(TemplatePurpose.Welcome, CommunicationChannel.Email, null, Thandi);
        Assert.Equal("Welcome to Umbrella", welcome.Subject);
        Assert.Contains("Dear Thandi,", welcome.TextBody);
        Assert.Contains("Your customer number is CUST-1", welcome.TextBody);
    }

    [Fact]
    public async Task Saving_adds_a_version_rendering_uses_the_newest_and_the_earlier_versions_stay_listed()
    {
        using var actor = Actors.As("templates-admin", Roles.Admin);
        var first = await Service().SaveAsync(new TemplateInput(TemplatePurpose.Receipt, CommunicationChannel.WhatsApp, null, null, "First: {{FirstName}}"));
        var second = await Service().SaveAsync(new TemplateInput(TemplatePurpose.Receipt, CommunicationChannel.WhatsApp, null, null, "Second: {{FirstName}}"));
        Assert.Equal((1, 2), (first.VersionNumber, second.VersionNumber));
        Assert.Equal("templates-admin", second.EditedBy);

        Assert.Equal("Second: Thandi", (await Service().RenderAsync(TemplatePurpose.Receipt, CommunicationChannel.WhatsApp, null, Thandi)).TextBody);
        Assert.Equal(["Second: {{FirstName}}", "First: {{FirstName}}"],
            (await Service().HistoryAsync(TemplatePurpose.Receipt, CommunicationChannel.WhatsApp, null)).Select(t => t.Body));
        var listed = Assert.Single(await Service().ListAsync(new TemplateFilter(TemplatePurpose.Receipt, CommunicationChannel.WhatsApp)));
        Assert.Equal((2, 2), (listed.Current.VersionNumber, listed.Versions));

        // A refused save adds no version.
        await Assert.ThrowsAsync<DomainException>(() => Service().SaveAsync(new TemplateInput(TemplatePurpose.Receipt, CommunicationChannel.WhatsApp, null, null, "Bad {{Nope}}")));
        Assert.Equal(2, (await Service().HistoryAsync(TemplatePurpose.Receipt, CommunicationChannel.WhatsApp, null)).Count);
    }

    [Fact]
    public async Task A_language_without_an_active_template_of_its_own_gets_the_default_languages()
    {
        using var actor = Actors.As("templates-admin", Roles.Admin);
        await Service().SaveAsync(new TemplateInput(TemplatePurpose.StatementReady, CommunicationChannel.WhatsApp, null, null, "Statement ready, {{FirstName}}."));
        await Service().SaveAsync(new TemplateInput(TemplatePurpose.StatementReady, CommunicationChannel.WhatsApp, "AF", null, "Staat gereed, {{FirstName}}."));

        Assert.Equal("Staat gereed, Thandi.", (await Service().RenderAsync(TemplatePurpose.StatementReady, CommunicationChannel.WhatsApp, "af", Thandi)).TextBody);
        Assert.Equal("Statement ready, Thandi.", (await Service().RenderAsync(TemplatePurpose.StatementReady, CommunicationChannel.WhatsApp, "zu", Thandi)).TextBody);
        Assert.Equal("Statement ready, Thandi.", (await Service().RenderAsync(TemplatePurpose.StatementReady, CommunicationChannel.WhatsApp, null, Thandi)).TextBody);
        Assert.Equal("Statement ready, Thandi.", (await Service().RenderAsync(TemplatePurpose.StatementReady, CommunicationChannel.WhatsApp, "Afrikaans please", Thandi)).TextBody);

        // Switching the Afrikaans template off (a new version) sends Afrikaans customers the default again.
        await Service().SaveAsync(new TemplateInput(TemplatePurpose.StatementReady, CommunicationChannel.WhatsApp, "af", null, "Staat gereed, {{FirstName}}.", IsActive: false));
        Assert.Equal("Statement ready, Thandi.", (await Service().RenderAsync(TemplatePurpose.StatementReady, CommunicationChannel.WhatsApp, "af", Thandi)).TextBody);

        var none = await Assert.ThrowsAsync<DomainException>(() => Service().RenderAsync(TemplatePurpose.CreditDecision, CommunicationChannel.WhatsApp, "af", Thandi));
        Assert.Equal("There is no active WhatsApp template for credit decision messages. An admin adds one under Message templates.", none.Message);
    }

    [Fact]
    public async Task Only_admins_edit_templates_and_free_text_follows_the_same_rules()
    {
        using (Actors.As("templates-manager", Roles.CreditManager))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service().SaveAsync(new TemplateInput(TemplatePurpose.Welcome, CommunicationChannel.Sms, null, null, "Hi")));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service().ListAsync(new TemplateFilter()));
            var text = Service().RenderText("Hello {{FirstName}}", "Dear {{FirstName}}, your number is {{CustomerNumber}}.", CommunicationChannel.Email, Thandi);
            Assert.Equal(new RenderedMessage("Hello Thandi", "Dear Thandi, your number is CUST-1.", null), text);
            Assert.Contains("{{LaybyNumber}} is not available in free text messages",
                Assert.Throws<DomainException>(() => Service().RenderText(null, "Your layby {{LaybyNumber}}", CommunicationChannel.Sms, Thandi)).Message);
            Assert.Equal("An e-mail needs a subject.", Assert.Throws<DomainException>(() => Service().RenderText(null, "Hi", CommunicationChannel.Email, Thandi)).Message);
        }
    }

    [Fact]
    public async Task Values_and_the_preview_come_from_a_real_customer_with_examples_for_what_they_do_not_have()
    {
        Customer customer;
        using (Actors.As("templates-clerk", Roles.Clerk))
        {
            customer = await factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person("Sipho", "O'Dlamini"));
        }

        using var actor = Actors.As("templates-admin", Roles.Admin);
        var values = await Service().ValuesForCustomerAsync(customer.Id);
        Assert.Equal("Sipho", values.Values["FirstName"]);
        Assert.Equal("O'Dlamini", values.Values["LastName"]);
        Assert.Equal(customer.CustomerNumber, values.Values["CustomerNumber"]);
        Assert.Equal("ZAR 0.00", values.Values["Balance"]);

        var preview = await Service().PreviewAsync(new TemplateInput(TemplatePurpose.LaybyInstalmentReminder, CommunicationChannel.Email, null,
            "{{LaybyNumber}} for {{FullName}}", "Pay {{AmountDue}}", "<b>{{LastName}}</b>"), customer.Id);
        Assert.Equal($"LAY-CLO-000042 for {customer.FullName}", preview.Message.Subject);
        Assert.Equal("<b>O&#x27;Dlamini</b>", preview.Message.HtmlBody);
        Assert.Contains("LaybyNumber", preview.ExampleValues);
        Assert.DoesNotContain("FirstName", preview.ExampleValues);
        await Assert.ThrowsAsync<NotFoundException>(() => Service().ValuesForCustomerAsync(999_999));
    }

    private MessageTemplateService Service() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<MessageTemplateService>();
}
