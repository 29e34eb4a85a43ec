using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Templates;

namespace CustomerManager.Tests.Templates;

/// <summary>Template rules without a database: parsing, the placeholder checks, and how values are filled in.</summary>
public class TemplateTextTests
{
    private static readonly MessageValues Values = new(new Dictionary<string, string?>
    {
        ["FirstName"] = "Tom & <b>Jerry</b>",
        ["LaybyNumber"] = "LAY-CLO-000042",
        ["AmountDue"] = "ZAR 350.00",
        ["DueDate"] = "15 December 2026",
        ["BusinessName"] = "O'Brien's",
    });

    private static RenderedMessage Render(TemplateInput input)
    {
        var check = TemplateRules.Check(input);
        var subject = check.Subject is null ? null : TemplateText.Render(TemplateText.Parse(check.Subject, input.Purpose, "subject", "Subject"), Values, html: false);
        var html = check.HtmlBody is null ? null : TemplateText.Render(TemplateText.Parse(check.HtmlBody, input.Purpose, "HTML body", "HtmlBody"), Values, html: true);
        return new(subject, TemplateText.Render(TemplateText.Parse(check.Body, input.Purpose, "body", "Body"), Values, html: false), html);
    }

    [Fact]
    public void Values_are_filled_in_html_encoded_in_the_html_body_and_as_they_are_in_the_text_body_and_sms()
    {
        var email = Render(new TemplateInput(TemplatePurpose.LaybyInstalmentReminder, CommunicationChannel.Email, null,
            "Layby {{LaybyNumber}} for {{FirstName}}", "Dear {{FirstName}}, {{AmountDue}} is due on {{DueDate}}.",
            "<p>Dear <strong>{{FirstName}}</strong>, from {{BusinessName}}</p>"));
        Assert.Equal("Layby LAY-CLO-000042 for Tom & <b>Jerry</b>", email.Subject);
        Assert.Equal("Dear Tom & <b>Jerry</b>, ZAR 350.00 is due on 15 December 2026.", email.TextBody);
        Assert.Equal("<p>Dear <strong>Tom &amp; &lt;b&gt;Jerry&lt;/b&gt;</strong>, from O&#x27;Brien&#x27;s</p>", email.HtmlBody);

        var sms = Render(new TemplateInput(TemplatePurpose.LaybyInstalmentReminder, CommunicationChannel.Sms, null, null, "{{BusinessName}}: {{FirstName}} owes {{AmountDue}}"));
        Assert.Equal("O'Brien's: Tom & <b>Jerry</b> owes ZAR 350.00", sms.TextBody);
        Assert.Null(sms.Subject);
        Assert.Null(sms.HtmlBody);
    }

    [Fact]
    public void A_value_not_supplied_renders_as_nothing_and_conditions_on_placeholders_work()
    {
        var sms = Render(new TemplateInput(TemplatePurpose.CreditDecision, CommunicationChannel.Sms, null, null,
            "Hi {{FirstName}}{% if Amount != \"\" %}, limit {{Amount}}{% endif %}."));
        Assert.Equal("Hi Tom & <b>Jerry</b>.", sms.TextBody);
    }

    [Theory]
    [InlineData("Hello {{Nickname}}", "In the message: {{Nickname}} is not a placeholder. Use one of the placeholders listed for this kind of message.")]
    [InlineData("Hello {{firstname}}", "In the message: {{firstname}} is not a placeholder; did you mean {{FirstName}}?")]
    [InlineData("Layby {{LaybyNumber}}", "In the message: {{LaybyNumber}} is not available in welcome messages.")]
    [InlineData("Hello {{FirstName.Length}}", "In the message: {{FirstName}} is a value on its own; write it without anything after a dot or in brackets.")]
    [InlineData("Hello {{ FirstName | shout }}", "In the message: there is no filter called 'shout'.")]
    [InlineData("{% for x in (1..3) %}{{x}}{% endfor %}", "In the message: the {% for %} tag is not allowed in messages: use placeholders, if, unless and case only.")]
    [InlineData("Hello {{FirstName}", "The message has a syntax error: End of tag '}}' was expected at line 1, column 18.")]
    [InlineData("Hello {% if FirstName %}", "The message has a syntax error: '{% endif %}' was expected at line 1, column 25.")]
    public void A_template_with_an_unknown_placeholder_or_broken_syntax_is_refused_naming_the_problem(string body, string message)
    {
        var refused = Assert.Throws<DomainException>(() => TemplateRules.Check(new TemplateInput(TemplatePurpose.Welcome, CommunicationChannel.Sms, null, null, body)));
        Assert.Equal(message, refused.Message);
        Assert.Equal("Body", refused.Field);
    }

    [Fact]
    public void An_email_needs_a_subject_and_its_parts_are_checked_each_with_its_field()
    {
        var noSubject = Assert.Throws<DomainException>(() => TemplateRules.Check(new TemplateInput(TemplatePurpose.Welcome, CommunicationChannel.Email, null, " ", "Hello")));
        Assert.Equal(("An e-mail needs a subject.", "Subject"), (noSubject.Message, noSubject.Field));
        var badSubject = Assert.Throws<DomainException>(() => TemplateRules.Check(new TemplateInput(TemplatePurpose.Welcome, CommunicationChannel.Email, null, "Hi {{Title}}", "Hello")));
        Assert.Equal("Subject", badSubject.Field);
        Assert.Contains("{{Title}}", badSubject.Message);
        var badHtml = Assert.Throws<DomainException>(() => TemplateRules.Check(new TemplateInput(TemplatePurpose.Welcome, CommunicationChannel.Email, null, "Hi", "Hello", "<p>{{ FirstName | raw }}</p>")));
        Assert.Equal("HtmlBody", badHtml.Field);
        Assert.Contains("'raw' filter is not allowed", badHtml.Message);
        Assert.Equal("Channel", Assert.Throws<DomainException>(() => TemplateRules.Check(new TemplateInput(TemplatePurpose.Welcome, CommunicationChannel.Letter, null, null, "Hello"))).Field);
        Assert.Equal("Language", Assert.Throws<DomainException>(() => TemplateRules.Check(new TemplateInput(TemplatePurpose.Welcome, CommunicationChannel.Sms, "English!", null, "Hello"))).Field);
    }

    [Fact]
    public void A_long_sms_is_warned_about_in_parts_and_one_over_the_limit_is_refused()
    {
        Assert.Empty(TemplateRules.Check(new TemplateInput(TemplatePurpose.FreeText, CommunicationChannel.Sms, null, null, new string('a', 160))).Warnings);
        var twoParts = TemplateRules.Check(new TemplateInput(TemplatePurpose.FreeText, CommunicationChannel.Sms, null, null, new string('a', 161)));
        Assert.Equal("The SMS is 161 characters: it goes as 2 messages (each charged), before placeholders are filled in.", Assert.Single(twoParts.Warnings));
        var unicode = TemplateRules.Check(new TemplateInput(TemplatePurpose.FreeText, CommunicationChannel.Sms, null, null, new string('ŋ', 71)));
        Assert.Contains("outside the SMS alphabet: it goes as 2 messages", Assert.Single(unicode.Warnings));
        var tooLong = Assert.Throws<DomainException>(() => TemplateRules.Check(new TemplateInput(TemplatePurpose.FreeText, CommunicationChannel.Sms, null, null, new string('a', 613))));
        Assert.Equal("The message can be at most 612 characters (it has 613).", tooLong.Message);
    }

    [Fact]
    public void Every_placeholder_has_a_description_and_every_default_template_passes_its_checks()
    {
        Assert.All(TemplatePlaceholders.All, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
        Assert.Equal(18, TemplatePlaceholders.All.Count);
        foreach (var purpose in Enum.GetValues<TemplatePurpose>())
        {
            foreach (var channel in new[] { CommunicationChannel.Email, CommunicationChannel.Sms })
            {
                var input = Assert.Single(DefaultTemplates.All, t => t.Purpose == purpose && t.Channel == channel);
                TemplateRules.Check(input);
            }
        }
    }
}
